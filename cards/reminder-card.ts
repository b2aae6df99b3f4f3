import { checkpointById } from '../migration/runbook';
import {
  continueAnywayAction,
  waitsPastWarnings,
  migrationContextLine,
  namesText,
  pasteWhere,
  type CardPlace,
  type WaitingView,
} from './card-parts';
import { expandCardTemplate, type AdaptiveCardJson } from './card-template';
import { formatElapsed, formatInstant } from './card-time';
import { cardText, markdownLine } from './card-text';
import reminderTemplate from './templates/reminder.json';
import { actionData, cardVerbs, snoozeDurations, type SnoozeDuration } from './verbs';

/** What a reminder (nudge) shows: what is still missing, from whom, for how long. */
export interface ReminderView extends WaitingView {
  readonly migrationId: string;
  /** 1 for the first reminder. */
  readonly reminderNumber: number;
  readonly nextReminderAt?: string;
  /** To an approver: the open decision, whose request the reminder opens with its buttons. */
  readonly decisionId?: string;
}

const SNOOZE_TITLES: Readonly<Record<SnoozeDuration, string>> = {
  PT1H: '1 hour',
  PT4H: '4 hours',
  P1D: '1 day',
};

const MESSAGES: Readonly<Record<ReminderView['awaiting'], (place: CardPlace) => string>> = {
  evidence: (place) =>
    `The migration cannot move on until I have the evidence for this step. Run the commands and paste the output ${pasteWhere(place)}, or upload the file in our personal chat. I remind only inside your working hours.`,
  approval: () =>
    'The cutover waits for an approval. Until one of the approvers decides, the old server stays active and nothing changes.',
  confirmation: () =>
    'Some items are not confirmed yet. The old server must never sync again: confirm each item once it is done.',
};

const PAST_WARNINGS =
  'The last result of this step passed with warnings. Read them on the result card, then select Continue anyway to go on, or fix what they say and send the new output. I remind only inside your working hours.';

/** Renders a reminder with snooze buttons (and the instructions again when evidence is missing). */
export function renderReminderCard(
  view: ReminderView,
  place: CardPlace = 'personal',
): AdaptiveCardJson {
  const checkpoint = checkpointById(view.checkpointId);
  const waited = formatElapsed(view.waitingSince, view.now);
  const facts = [
    { title: 'Waiting on', value: cardText(namesText(view.waitingOn), 400) },
    { title: 'Waiting since', value: formatInstant(view.waitingSince, view.timeZone) },
    ...(view.nextReminderAt === undefined
      ? []
      : [
          {
            title: 'Next reminder',
            value: formatInstant(view.nextReminderAt, view.timeZone),
          },
        ]),
  ];
  const ids = { migrationId: view.migrationId, checkpointId: view.checkpointId };
  const actions = [
    ...(view.awaiting === 'approval' && view.decisionId !== undefined
      ? [
          {
            // Answered with the request as this approver sees it: comment, Approve and Reject.
            title: 'Decide now',
            data: actionData(cardVerbs.refreshApproval, {
              migrationId: view.migrationId,
              checkpointId: 'cutover-approval',
              decisionId: view.decisionId,
            }),
          },
        ]
      : []),
    ...(waitsPastWarnings(view.checkpointId, view.awaiting)
      ? [continueAnywayAction(view.migrationId, view.checkpointId)]
      : []),
    ...(view.awaiting === 'evidence'
      ? [
          {
            title: 'Show the instructions',
            data: actionData(cardVerbs.showInstructions, ids),
          },
        ]
      : []),
  ];
  const snoozeActions = snoozeDurations.map((snooze) => ({
    title: SNOOZE_TITLES[snooze],
    data: actionData(cardVerbs.snoozeReminder, { ...ids, snooze }),
  }));
  return expandCardTemplate('reminder', reminderTemplate, {
    fallbackText: markdownLine`Reminder: ${checkpoint.title}. Waiting ${waited} on ${namesText(view.waitingOn)}.`,
    context: migrationContextLine(view.servers),
    badge: `⏰ Reminder ${view.reminderNumber} · waiting ${waited}`,
    title: cardText(`Still waiting: ${checkpoint.title}`),
    message: waitsPastWarnings(view.checkpointId, view.awaiting)
      ? PAST_WARNINGS
      : MESSAGES[view.awaiting](place),
    facts,
    actions,
    snoozeActions,
  });
}
