import { formatDay, formatInstant, formatMinutes } from '../cards/card-time';
import { inlineText, literalText, markdownLine } from '../cards/card-text';
import type { MigrationServers } from '../cards/card-parts';
import type { MigrationRuntimeView } from '../migration/migration-status';
import { checkpointById, phaseTitles } from '../migration/runbook';
import { whoMay, type WorkflowAction } from '../migration/workflow/permissions';
import type { MigrationEntry } from '../platform/migration-registry';

// Every reply here is markdown (Teams' default for a text message): names, server names and ids
// go in through markdownLine or inlineText, so they read as written and never as markup.

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
  if (status === undefined)
    return markdownLine`Migration ${migrationId} is ${outcome[view.runtimeStatus]}.`;
  const lines = [
    markdownLine`Migration ${migrationId}: ${status.oldServer} → ${status.newServer}, ${outcome[view.runtimeStatus]}.`,
    `Phase: ${phaseTitles[status.phase]}.`,
  ];
  if (status.checkpoint !== null) {
    const waiting =
      status.awaiting === 'nothing'
        ? ''
        : ` Waiting for ${status.awaiting} from ${status.awaitingWho.map(inlineText).join(', ')}.`;
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
  return `- ${markdownLine`${entry.oldServer} → ${entry.newServer}, started by ${entry.ownerName}`} on ${formatDay(entry.startedAt, 'UTC')}: ${state}${where}`;
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

/** The answer to someone whose role does not allow an action: who may, then what it is. */
export function onlyWhoMayReply(
  action: WorkflowAction,
  ownerName: string,
  what = 'can do that.',
): string {
  return `Only ${whoMay(action, inlineText(ownerName))} ${what}`;
}

/** The answer to `start migration` while another migration of the tenant runs. */
export function alreadyRunningReply(
  migrationId: string,
  entry: MigrationEntry | undefined,
): string {
  const what =
    entry === undefined
      ? markdownLine`migration ${migrationId}`
      : markdownLine`${entry.oldServer} → ${entry.newServer} (${migrationId}), started by ${entry.ownerName}`;
  return `A migration is already running in your organisation: ${what}. Only one runs at a time, so two servers never race to become active. Type status to see where it stands.`;
}

/** What a started migration is recorded as on the ended start form, and answered with. */
export function migrationStartedTexts(
  migrationId: string,
  servers: MigrationServers,
): { readonly done: string; readonly reply: string } {
  const done = `Migration ${migrationId} started: ${servers.oldServer} → ${servers.newServer}. The first checkpoint follows in this conversation.`;
  // The card escapes what it shows; the reply is markdown of its own.
  return { done, reply: literalText(done) };
}

/** The answer to `history` before the migration has recorded anything. */
export function nothingRecordedReply(migrationId: string): string {
  return markdownLine`Migration ${migrationId} has nothing recorded yet; try again in a moment.`;
}

/** The answer to `status` or `history` when the latest migration's state is gone. */
export function noRecordedStateReply(migrationId: string): string {
  return markdownLine`The last migration (${migrationId}) has no recorded state any more.`;
}
