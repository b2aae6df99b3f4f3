import type { MigrationStatus } from '../migration/migration-status';
import { checkpointById, phaseIds, phaseTitles, runbook } from '../migration/runbook';
import {
  continueAnywayAction,
  judgmentPresentation,
  migrationContextLine,
  namesText,
  stepText,
  waitsPastWarnings,
} from './card-parts';
import { attentionLines, type SettingsNotice } from './attention-lines';
import { expandCardTemplate, type AdaptiveCardJson } from './card-template';
import { formatInstant } from './card-time';
import { cardText, markdownLine } from './card-text';
import statusDashboardTemplate from './templates/status-dashboard.json';
import { actionData, cardVerbs } from './verbs';

/** What the status dashboard shows: the orchestration's summary, read in the owner's time zone. */
export interface StatusDashboardView {
  readonly status: MigrationStatus;
  readonly timeZone: string;
  /** Overrides `status.paused`. */
  readonly paused?: boolean;
  /** True once the orchestration has completed, whatever the summary says. */
  readonly finished?: boolean;
  /** True when the orchestration stopped on an error: nothing will happen until someone acts. */
  readonly failed?: boolean;
  /** App settings the app cannot use, from the settings report. */
  readonly settings?: readonly SettingsNotice[];
}

const AWAITING_TEXT: Readonly<Record<MigrationStatus['awaiting'], string>> = {
  evidence: 'Waiting for evidence from',
  approval: 'Waiting for an approval from',
  confirmation: 'Waiting for confirmations from',
  nothing: 'Not waiting on anyone',
};

type Overall = 'complete' | 'cancelled' | 'rolled-back' | 'failed' | 'paused' | 'running';

const OVERALL: Readonly<Record<Overall, { text: string; color: string }>> = {
  complete: { text: '✅ Complete', color: 'Good' },
  cancelled: { text: '⏹️ Cancelled', color: 'Default' },
  'rolled-back': { text: '↩️ Rolled back', color: 'Attention' },
  failed: { text: '⛔ Stopped by an error', color: 'Attention' },
  paused: { text: '⏸️ Reminders paused', color: 'Warning' },
  running: { text: '🔄 In progress', color: 'Accent' },
};

function overallOf(view: StatusDashboardView): Overall {
  const { status } = view;
  if (view.failed === true) return 'failed';
  if (status.outcome === 'completed' || (view.finished === true && status.outcome === 'running'))
    return 'complete';
  if (status.outcome === 'cancelled') return 'cancelled';
  if (status.outcome === 'rolled-back') return 'rolled-back';
  return (view.paused ?? status.paused) ? 'paused' : 'running';
}

function phaseRows(status: MigrationStatus, complete: boolean) {
  const done = new Set(status.completedCheckpoints);
  const currentPhase = phaseIds.indexOf(status.phase);
  return phaseIds.map((phase, index) => {
    const checkpoints = runbook.filter((checkpoint) => checkpoint.phase === phase);
    const completed = checkpoints.filter((checkpoint) => done.has(checkpoint.id)).length;
    const state =
      complete || completed === checkpoints.length || index < currentPhase
        ? 'done'
        : index === currentPhase
          ? 'current'
          : 'upcoming';
    const monitoring =
      phase === 'monitor' && status.monitoring !== null
        ? ` · day ${status.monitoring.day} of ${status.monitoring.of}`
        : '';
    return {
      icon: state === 'done' ? '✅' : state === 'current' ? '▶️' : '⚪',
      title: `${phaseTitles[phase]}${monitoring}`,
      weight: state === 'current' ? 'Bolder' : 'Default',
      subtle: state === 'upcoming',
      progress: `${completed} of ${checkpoints.length}`,
    };
  });
}

/** Renders the status dashboard: phases, the current step, who is waited on, the next reminder. */
export function renderStatusDashboardCard(view: StatusDashboardView): AdaptiveCardJson {
  const { status, timeZone } = view;
  const overall = overallOf(view);
  const active = overall === 'running' || overall === 'paused';
  const checkpoint = status.checkpoint === null ? undefined : checkpointById(status.checkpoint);
  const now = !active
    ? `The migration has ended: ${OVERALL[overall].text.slice(OVERALL[overall].text.indexOf(' ') + 1).toLowerCase()}.`
    : checkpoint === undefined
      ? `Now: ${phaseTitles[status.phase]}`
      : `Now: ${checkpoint.title} (${stepText(checkpoint.id).toLowerCase()})`;
  const problem = status.monitoring?.problem ?? null;
  const last = status.lastJudgment;
  // A step that passed with warnings waits for the owner to accept them: the card says so and
  // offers the button, should the result card with its own button be out of sight.
  const warned =
    active && checkpoint !== undefined && waitsPastWarnings(checkpoint.id, status.awaiting);
  const waiting =
    status.awaiting === 'nothing' || !active
      ? AWAITING_TEXT.nothing
      : warned
        ? `Waiting for ${namesText(status.awaitingWho)} to continue past the warnings of the last result (type history to read them again), or to send new output`
        : `${AWAITING_TEXT[status.awaiting]} ${namesText(status.awaitingWho)}`;
  const nextReminder =
    overall === 'paused'
      ? 'paused'
      : status.nextReminderAt === null || !active
        ? 'none scheduled'
        : formatInstant(status.nextReminderAt, timeZone);
  const ids = { migrationId: status.migrationId };
  const continueAnyway = warned ? [continueAnywayAction(status.migrationId, checkpoint.id)] : [];
  const showInstructions =
    active && checkpoint !== undefined && (status.awaiting === 'evidence' || warned)
      ? [
          {
            title: 'Show the instructions',
            data: actionData(cardVerbs.showInstructions, { ...ids, checkpointId: checkpoint.id }),
          },
        ]
      : [];
  return expandCardTemplate('status dashboard', statusDashboardTemplate, {
    fallbackText: markdownLine`Migration ${status.oldServer} to ${status.newServer}: ${now}. ${waiting}.`,
    context: migrationContextLine(status),
    overall: OVERALL[overall].text,
    overallColor: OVERALL[overall].color,
    now: cardText(now),
    attention: attentionLines({ settings: view.settings, undone: status.undone }, timeZone),
    waiting: cardText(problem === null ? waiting : `${waiting}. Reported problem: ${problem}`, 600),
    phases: phaseRows(status, overall === 'complete'),
    facts: [
      { title: 'Done', value: `${status.completedCheckpoints.length} of ${runbook.length} steps` },
      ...(last === null
        ? []
        : [
            {
              title: 'Last result',
              value: cardText(
                `${judgmentPresentation(last.status).icon} ${checkpointById(last.checkpoint).title}, ${formatInstant(last.at, timeZone)}`,
              ),
            },
          ]),
      ...(status.oldServerOffline == null
        ? []
        : [
            {
              title: 'Old server',
              value: cardText(
                `${status.oldServerOffline.how === 'shut-down' ? 'Shut down' : 'Isolated'} instead of staging mode, confirmed by ${status.oldServerOffline.by}, ${formatInstant(status.oldServerOffline.at, timeZone)}`,
              ),
            },
          ]),
      { title: 'Next reminder', value: cardText(nextReminder) },
      { title: 'Reminders sent', value: String(status.remindersSent) },
      {
        title: 'Started',
        value: cardText(`${formatInstant(status.startedAt, timeZone)} by ${status.ownerName}`),
      },
      { title: 'Updated', value: formatInstant(status.updatedAt, timeZone) },
    ],
    actions: [
      ...continueAnyway,
      ...showInstructions,
      { title: 'Refresh', data: actionData(cardVerbs.refreshStatus, ids) },
    ],
  });
}
