import { checkpointById } from '../migration/runbook';
import { migrationContextLine, namesText, type WaitingView } from './card-parts';
import type { AdaptiveCardJson } from './card-template';
import { cardText, countOf, markdownLine } from './card-text';
import { formatElapsed, formatInstant } from './card-time';
import { renderNotice } from './notice-card';

/** What the escalation notice shows: who has not answered, for how long, and what the owner can do. */
export interface EscalationView extends WaitingView {
  readonly remindersSent: number;
  /** Approvers the approval request has not reached. */
  readonly notReached?: readonly string[];
}

const TIPS: Readonly<Record<EscalationView['awaiting'], readonly string[]>> = {
  evidence: [
    'Ask the admin who runs the servers to send the output, or send it yourself.',
    'If the step is blocked, say so in this chat so everyone knows why the migration waits.',
    'Type pause to stop the reminders while you sort it out; resume starts them again.',
  ],
  approval: [
    'Ask the approvers directly: the approval card is in their personal chat with me.',
    'Nothing has changed yet: the old server is still the only active one.',
  ],
  confirmation: [
    'Ask who decommissions the old server to confirm each finished item on the checklist.',
    'Until the old server is uninstalled or deleted, it can come back and overwrite the cloud with stale data.',
  ],
};

/** The tips, saying who the approval request never reached, rather than that all have it. */
function tipsOf(view: EscalationView): readonly string[] {
  const missed = view.notReached ?? [];
  if (view.awaiting !== 'approval' || missed.length === 0) return TIPS[view.awaiting];
  const reached = view.waitingOn.filter((name) => !missed.includes(name));
  return [
    cardText(
      `The request has not reached ${namesText(missed)}: ask them to add the app in Teams (Apps, search for Entra Connect Migration, Add) or open their chat with it; I send it to them when they do.`,
      600,
    ),
    ...(reached.length === 0
      ? []
      : [
          cardText(
            `Ask ${namesText(reached)} directly: the approval card is in their personal chat with me.`,
            600,
          ),
        ]),
    'Nothing has changed yet: the old server is still the only active one.',
  ];
}

/** Renders the escalation notice sent to the owner when reminders go unanswered. */
export function renderEscalationCard(view: EscalationView): AdaptiveCardJson {
  const checkpoint = checkpointById(view.checkpointId);
  const waited = formatElapsed(view.waitingSince, view.now);
  const who = namesText(view.waitingOn);
  return renderNotice('escalation', {
    fallbackText: markdownLine`Escalation: ${checkpoint.title} has waited ${waited} on ${who} after ${countOf(view.remindersSent, 'reminder')}.`,
    context: migrationContextLine(view.servers),
    banner: { icon: '🚨', label: 'Escalation', style: 'attention', color: 'Attention' },
    title: cardText(`${checkpoint.title}: no answer for ${waited}`),
    message: cardText(
      `${who} ${view.waitingOn.length === 1 ? 'has' : 'have'} not answered ${countOf(view.remindersSent, 'reminder')}. The migration cannot move on until this step is done.`,
      800,
    ),
    facts: [
      { title: 'Waiting on', value: cardText(who, 400) },
      { title: 'Since', value: formatInstant(view.waitingSince, view.timeZone) },
      { title: 'Reminders sent', value: String(view.remindersSent) },
    ],
    tipsHeading: 'What you can do',
    tips: tipsOf(view),
    footnote: '',
  });
}
