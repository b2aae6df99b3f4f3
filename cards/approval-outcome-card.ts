import { migrationContextLine, type MigrationServers, type Presentation } from './card-parts';
import { expandCardTemplate, type AdaptiveCardJson } from './card-template';
import { cardText, markdownLine, truncateText } from './card-text';
import { formatInstant } from './card-time';
import approvalOutcomeTemplate from './templates/approval-outcome.json';

/** What the approval outcome shows: the decision, by whom, when and why. It has no buttons. */
export interface ApprovalOutcomeView {
  readonly servers: MigrationServers;
  readonly decision: 'approved' | 'rejected';
  readonly decidedBy: string;
  readonly decidedAt: string;
  readonly requestedBy: string;
  readonly timeZone: string;
  readonly comment?: string;
}

const OUTCOMES: Readonly<
  Record<ApprovalOutcomeView['decision'], Presentation & { next: (s: MigrationServers) => string }>
> = {
  approved: {
    icon: '✅',
    label: 'Cutover approved',
    style: 'good',
    color: 'Good',
    next: (s) =>
      `Next: put ${s.oldServer} in staging mode first, then make ${s.newServer} active. I will send the instructions.`,
  },
  rejected: {
    icon: '⛔',
    label: 'Cutover rejected',
    style: 'attention',
    color: 'Attention',
    next: (s) =>
      `Nothing changes: ${s.oldServer} stays the active server. Address the comment, then ask for approval again.`,
  },
};

/** Renders the decision that replaces the approval card for everyone. */
export function renderApprovalOutcomeCard(view: ApprovalOutcomeView): AdaptiveCardJson {
  const outcome = OUTCOMES[view.decision];
  const when = formatInstant(view.decidedAt, view.timeZone);
  const comment =
    view.comment === undefined ? '' : markdownLine` Comment: ${truncateText(view.comment, 800)}`;
  return expandCardTemplate('approval outcome', approvalOutcomeTemplate, {
    fallbackText: `${markdownLine`${outcome.label} by ${view.decidedBy}, ${when}.`}${comment}`,
    context: migrationContextLine(view.servers),
    banner: outcome,
    title: cardText(`${view.servers.oldServer} → ${view.servers.newServer}`),
    facts: [
      {
        title: view.decision === 'approved' ? 'Approved by' : 'Rejected by',
        value: cardText(view.decidedBy, 200),
      },
      { title: 'When', value: when },
      { title: 'Requested by', value: cardText(view.requestedBy, 200) },
    ],
    comment: view.comment === undefined ? '' : cardText(view.comment, 2000),
    next: cardText(outcome.next(view.servers)),
  });
}
