import { formatDay, formatInstant, formatMinutes } from '../cards/card-time';
import { cardText } from '../cards/card-text';
import type { MigrationRuntimeView } from '../migration/migration-status';
import { checkpointById, phaseTitles } from '../migration/runbook';
import type { MigrationEntry } from '../platform/migration-registry';

const outcome: Readonly<Record<MigrationRuntimeView['runtimeStatus'], string>> = {
  Pending: 'starting',
  Running: 'in progress',
  Suspended: 'suspended',
  Completed: 'completed',
  Failed: 'stopped by an error',
  Terminated: 'cancelled',
  ContinuedAsNew: 'in progress',
  Unknown: 'in an unknown state',
};

/** A few lines on where a migration stands: phase, checkpoint, who it waits for, next reminder. */
export function describeMigrationStatus(migrationId: string, view: MigrationRuntimeView): string {
  const { status } = view;
  if (status === undefined) return `Migration ${migrationId} is ${outcome[view.runtimeStatus]}.`;
  const lines = [
    `Migration ${migrationId}: ${cardText(status.oldServer)} → ${cardText(status.newServer)}, ${outcome[view.runtimeStatus]}.`,
    `Phase: ${phaseTitles[status.phase]}.`,
  ];
  if (status.checkpoint !== null) {
    const waiting =
      status.awaiting === 'nothing'
        ? ''
        : ` Waiting for ${status.awaiting} from ${status.awaitingWho.map((name) => cardText(name)).join(', ')}.`;
    lines.push(`Checkpoint: ${checkpointById(status.checkpoint).title}.${waiting}`);
  }
  if (status.nextReminderAt !== null) {
    lines.push(`Next reminder: ${formatInstant(status.nextReminderAt, status.timeZone)}.`);
  }
  lines.push(`Completed checkpoints: ${String(status.completedCheckpoints.length)}.`);
  return lines.join('\n\n');
}

/** One line of the `list` answer. */
export function describeMigrationLine(
  entry: MigrationEntry,
  view: MigrationRuntimeView | undefined,
): string {
  const state =
    view === undefined
      ? 'no recorded state'
      : view.status !== undefined && view.status.outcome !== 'running'
        ? view.status.outcome.replace('-', ' ')
        : outcome[view.runtimeStatus];
  const where =
    view?.status?.checkpoint === undefined || view.status.checkpoint === null
      ? ''
      : `, at “${checkpointById(view.status.checkpoint).title}”`;
  // Its id says nothing to a person: the servers, who started it and when name it.
  return `- ${cardText(entry.oldServer)} → ${cardText(entry.newServer)}, started by ${cardText(entry.ownerName)} on ${formatDay(entry.startedAt, 'UTC')}: ${state}${where}`;
}

/** What a snooze is recorded as and answered with, typed or clicked. */
export function snoozeTexts(
  actorName: string,
  minutes: number,
): { readonly summary: string; readonly reply: string } {
  const span = formatMinutes(minutes);
  return {
    summary: `${actorName} snoozed the reminders for ${span}.`,
    reply: `Snoozed: the next reminder comes no earlier than ${span} from now, inside working hours.`,
  };
}
