import type { MigrationStatus } from '../migration/migration-status';
import { checkpointById, phaseIds, phaseTitles, runbook } from '../migration/runbook';
import { migrationContextLine, stepText } from './card-parts';
import { expandCardTemplate, type AdaptiveCardJson } from './card-template';
import { formatInstant } from './card-time';
import { cardText, plainCardText } from './card-text';
import { namesText } from './reminder-card';
import statusDashboardTemplate from './templates/status-dashboard.json';
import { actionData, cardVerbs } from './verbs';

/** What the status dashboard shows: the orchestration's summary, read in the owner's time zone. */
export interface StatusDashboardView {
  readonly status: MigrationStatus;
  readonly timeZone: string;
  /** True while reminders are paused (`pause` command). */
  readonly paused?: boolean;
  /** True once the migration has finished (final report sent). */
  readonly finished?: boolean;
}

const AWAITING_TEXT: Readonly<Record<MigrationStatus['awaiting'], string>> = {
  evidence: 'Waiting for evidence from',
  approval: 'Waiting for an approval from',
  confirmation: 'Waiting for confirmations from',
  nothing: 'Not waiting on anyone',
};

function phaseRows(status: MigrationStatus, finished: boolean) {
  const done = new Set(status.completedCheckpoints);
  const currentPhase = phaseIds.indexOf(status.phase);
  return phaseIds.map((phase, index) => {
    const checkpoints = runbook.filter((checkpoint) => checkpoint.phase === phase);
    const completed = checkpoints.filter((checkpoint) => done.has(checkpoint.id)).length;
    const state =
      finished || completed === checkpoints.length || index < currentPhase
        ? 'done'
        : index === currentPhase
          ? 'current'
          : 'upcoming';
    return {
      icon: state === 'done' ? '✅' : state === 'current' ? '▶️' : '⚪',
      title: phaseTitles[phase],
      weight: state === 'current' ? 'Bolder' : 'Default',
      subtle: state === 'upcoming',
      progress: `${completed} of ${checkpoints.length}`,
    };
  });
}

/** Renders the status dashboard: phases, the current step, who is waited on, the next reminder. */
export function renderStatusDashboardCard(view: StatusDashboardView): AdaptiveCardJson {
  const { status, timeZone } = view;
  const finished = view.finished === true;
  const checkpoint = status.checkpoint === null ? undefined : checkpointById(status.checkpoint);
  const now = finished
    ? 'The migration is complete.'
    : checkpoint === undefined
      ? `Now: ${phaseTitles[status.phase]}`
      : `Now: ${checkpoint.title} (${stepText(checkpoint.id).toLowerCase()})`;
  const waiting =
    status.awaiting === 'nothing' || finished
      ? AWAITING_TEXT.nothing
      : `${AWAITING_TEXT[status.awaiting]} ${namesText(status.awaitingWho)}`;
  const overall = finished
    ? { text: '✅ Complete', color: 'Good' }
    : view.paused === true
      ? { text: '⏸️ Reminders paused', color: 'Warning' }
      : { text: '🔄 In progress', color: 'Accent' };
  const nextReminder =
    view.paused === true
      ? 'paused'
      : status.nextReminderAt === null
        ? 'none scheduled'
        : formatInstant(status.nextReminderAt, timeZone);
  const ids = { migrationId: status.migrationId };
  const showInstructions =
    !finished && checkpoint !== undefined && status.awaiting === 'evidence'
      ? [
          {
            title: 'Show the instructions',
            data: actionData(cardVerbs.showInstructions, {
              ...ids,
              checkpointId: checkpoint.id,
            }),
          },
        ]
      : [];
  return expandCardTemplate('status dashboard', statusDashboardTemplate, {
    fallbackText: plainCardText(
      `Migration ${status.oldServer} to ${status.newServer}: ${now}. ${waiting}.`,
    ),
    context: migrationContextLine(status),
    overall: overall.text,
    overallColor: overall.color,
    now: cardText(now),
    waiting: cardText(waiting, 600),
    phases: phaseRows(status, finished),
    facts: [
      { title: 'Done', value: `${status.completedCheckpoints.length} of ${runbook.length} steps` },
      { title: 'Next reminder', value: cardText(nextReminder) },
      { title: 'Reminders sent', value: String(status.remindersSent) },
      {
        title: 'Started',
        value: cardText(`${formatInstant(status.startedAt, timeZone)} by ${status.ownerName}`),
      },
      { title: 'Updated', value: formatInstant(status.updatedAt, timeZone) },
    ],
    actions: [
      ...showInstructions,
      { title: 'Refresh', data: actionData(cardVerbs.refreshStatus, ids) },
    ],
  });
}
