import type { ApprovalRequest } from '../migration/workflow/approval-request';
import type { JudgmentStatus } from '../migration/judgment';
import { checkpointById } from '../migration/runbook';
import { cardVersion, judgmentPresentation, migrationContextLine, namesText } from './card-parts';
import { expandCardTemplate, type AdaptiveCardJson } from './card-template';
import { cardText, countOf, limitList, markdownLine, plainCardText } from './card-text';
import { formatInstant } from './card-time';
import approvalRequestTemplate from './templates/approval-request.json';
import { actionData, cardVerbs } from './verbs';

/** Teams gives at most 60 users their own view of a card through `refresh.userIds`. */
export const MAX_REFRESH_USERS = 60;

/** What the cutover approval card shows. */
/** The request as the workflow builds it, and how this copy of the card shows it. */
export interface ApprovalRequestView extends ApprovalRequest {
  /**
   * `approver`: the card with the buttons (an approver's personal chat, or the user-specific view).
   * `shared`: the base card everyone in a channel or group chat sees: the pending state, no buttons.
   */
  readonly audience: 'approver' | 'shared';
  /** In a shared conversation: the approvers' Teams user ids (`29:...`, not object ids). */
  readonly refreshUserIds?: readonly string[];
  /** The comment typed so far and what was wrong with it, when the card comes back. */
  readonly comment?: string;
  readonly problem?: string;
}

/** Checkpoints listed before the rest is summarised. */
const MAX_EVIDENCE_ROWS = 14;

/** Renders the cutover approval: what will happen, the evidence, who asked, and the decision buttons. */
export function renderApprovalRequestCard(view: ApprovalRequestView): AdaptiveCardJson {
  const { servers } = view;
  const decision = {
    migrationId: view.migrationId,
    checkpointId: 'cutover-approval' as const,
    decisionId: view.decisionId,
  };
  const canDecide = view.audience === 'approver';
  const refreshUserIds = (view.refreshUserIds ?? []).slice(0, MAX_REFRESH_USERS).map(plainCardText);
  const { shown, hidden } = limitList(view.evidence, MAX_EVIDENCE_ROWS);
  const counts = (status: JudgmentStatus): number =>
    view.evidence.filter((entry) => entry.status === status).length;
  const actions = canDecide
    ? [
        {
          title: 'Approve the cutover',
          style: 'positive',
          data: actionData(cardVerbs.approveCutover, decision),
        },
        {
          title: 'Reject',
          style: 'destructive',
          data: actionData(cardVerbs.rejectCutover, decision),
        },
      ]
    : [];
  const approvers = namesText(view.approvers, 5, 'or');
  const cutoff = view.oldServerCutoff;
  return expandCardTemplate('approval request', approvalRequestTemplate, {
    version: cardVersion({
      // Both copies use Action.Execute: the approver's buttons, and the shared copy's refresh,
      // which with no user ids is a manual one ("Refresh card" in the card's menu).
      execute: true,
      inputs: canDecide,
    }),
    fallbackText: markdownLine`${view.requestedBy} asks to approve the cutover from ${servers.oldServer} to ${servers.newServer}. Any one of ${namesText(view.approvers)} can approve.`,
    context: migrationContextLine(servers),
    title: cardText(`Approve the cutover to ${servers.newServer}`),
    requested: cardText(
      `${view.requestedBy} asks to switch the active sync server. Requested ${formatInstant(view.requestedAt, view.timeZone)}.`,
    ),
    steps: [
      cutoff === undefined
        ? `On ${servers.oldServer}, staging mode is turned on first: it stops exporting to Microsoft Entra ID.`
        : `${servers.oldServer} (${cutoff.version}, below ${cutoff.minimum}) cannot be switched with the wizard: it is put in staging mode without it, or shut down or isolated, first.`,
      `On ${servers.newServer}, staging mode is turned off and a delta sync runs: it becomes the only active server.`,
      cutoff === undefined
        ? `I watch the new server for ${countOf(view.monitoringDays, 'day')}; ${servers.oldServer} stays ready as a fallback until then.`
        : `I watch the new server for ${countOf(view.monitoringDays, 'day')}; ${servers.oldServer} is no fallback, so a problem is fixed on ${servers.newServer}.`,
    ].map((text, index) => ({ number: `${index + 1}.`, text: cardText(text) })),
    evidenceHeading: `Evidence: ${counts('pass')} passed, ${counts('warn')} with warnings, ${counts('fail') + counts('unknown')} open`,
    evidence: shown.map((entry) => ({
      icon: judgmentPresentation(entry.status).icon,
      text: cardText(checkpointById(entry.checkpointId).title),
    })),
    moreEvidence: hidden === 0 ? '' : `…and ${countOf(hidden, 'more checkpoint')}.`,
    pending: cardText(
      canDecide
        ? `⏳ Waiting for ${approvers} to decide.`
        : `⏳ Waiting for ${approvers} to decide. An approver finds the buttons on the request in their chat with the bot, or here after Refresh card in this card's menu.`,
      600,
    ),
    comment: plainCardText(view.comment ?? ''),
    problem: view.problem === undefined ? '' : cardText(`⚠ ${view.problem}`),
    refreshUserIds,
    refreshData: actionData(cardVerbs.refreshApproval, decision),
    canDecide,
    actions,
  });
}
