import type { TurnContext } from 'botbuilder';
import { adaptiveCardMessage } from './card-message';
import { renderCancelConfirmationCard } from '../cards/cancel-confirmation-card';
import type { SignalResult } from '../migration/migration-control';
import {
  migrationSignalEvent,
  type Actor,
  type MigrationSignal,
} from '../migration/migration-signals';
import type { AuditEntryKind } from '../platform/audit-log';
import type { MigrationEntry } from '../platform/migration-registry';
import {
  actorOf,
  findActiveMigration,
  roleOf,
  tenantOf,
  type ActiveMigration,
  type MigrationRole,
} from './active-migration';
import type { BotCommand } from './bot-command';
import type { MigrationServices } from './migration-services';

type SignalBody = MigrationSignal extends infer S
  ? S extends MigrationSignal
    ? Omit<S, 'by' | 'at'>
    : never
  : never;

/** Records what someone told a migration and signals it to the orchestration. */
export async function signalMigration(
  services: MigrationServices,
  entry: MigrationEntry,
  actor: Actor,
  body: SignalBody,
  audit: { kind: AuditEntryKind; summary: string; key: string },
): Promise<SignalResult> {
  const at = services.now().toISOString();
  const signal: MigrationSignal = { ...body, by: actor, at };
  await services.audit.append({
    migrationId: entry.migrationId,
    kind: audit.kind,
    at,
    actor,
    summary: audit.summary,
    idempotencyKey: `${entry.migrationId}:${audit.key}`,
  });
  return services.control.signal(entry.migrationId, migrationSignalEvent, signal);
}

type MigrationCommand = Exclude<
  BotCommand,
  { kind: 'help' | 'start-migration' | 'status' | 'list' | 'unknown' }
>;

/** Who may do what: the owner steers the migration; approvers may also snooze and report problems. */
const allowedRoles: Readonly<Record<MigrationCommand['kind'], readonly MigrationRole[]>> = {
  pause: ['owner'],
  resume: ['owner'],
  cancel: ['owner'],
  snooze: ['owner', 'approver'],
  'snooze-invalid': ['owner', 'approver', 'viewer'],
  'continue-anyway': ['owner'],
  'request-approval': ['owner'],
  'report-problem': ['owner', 'approver'],
  'resume-monitoring': ['owner'],
  'rollback-done': ['owner'],
};

/** Typed commands that steer the running migration. */
export async function runMigrationCommand(
  context: TurnContext,
  services: MigrationServices,
  command: MigrationCommand,
): Promise<void> {
  if (command.kind === 'snooze-invalid') {
    await context.sendActivity(
      'Say how long to snooze, for example snooze 30m, snooze 4h or snooze 1d (at most 7 days).',
    );
    return;
  }
  const active = await findActiveMigration(services, tenantOf(context));
  if (active?.entry === undefined || active.view.status === undefined) {
    await context.sendActivity(
      'No migration is running in your organisation. Type start migration to begin.',
    );
    return;
  }
  const { entry } = active;
  const status = active.view.status;
  const actor = actorOf(context);
  const role = roleOf(entry, context);
  if (!allowedRoles[command.kind].includes(role)) {
    await context.sendActivity(
      `Only ${allowedRoles[command.kind].includes('approver') ? 'the owner or an approver' : `the owner (${entry.ownerName})`} can do that.`,
    );
    return;
  }
  const send = async (
    body: SignalBody,
    kind: AuditEntryKind,
    summary: string,
    reply: string,
  ): Promise<void> => {
    const result = await signalMigration(services, entry, actor, body, {
      kind,
      summary,
      key: `${body.type}:${context.activity.id ?? services.now().toISOString()}`,
    });
    await context.sendActivity(
      result === 'accepted' ? reply : 'The migration has just finished; nothing was changed.',
    );
  };
  switch (command.kind) {
    case 'pause':
      await send(
        { type: 'pause' },
        'command',
        `${actor.name} paused the reminders.`,
        'Reminders are paused. Evidence is still accepted; type resume to restart them.',
      );
      return;
    case 'resume':
      await send(
        { type: 'resume' },
        'command',
        `${actor.name} resumed the reminders.`,
        'Reminders are back on.',
      );
      return;
    case 'snooze': {
      await send(
        { type: 'snooze', minutes: command.minutes },
        'snooze',
        `${actor.name} snoozed the reminders for ${String(command.minutes)} minutes.`,
        `Snoozed: the next reminder comes no earlier than ${String(command.minutes)} minutes from now, inside working hours.`,
      );
      return;
    }
    case 'cancel':
      await context.sendActivity(
        adaptiveCardMessage(
          renderCancelConfirmationCard({ migrationId: entry.migrationId, servers: entry }),
        ),
      );
      return;
    case 'continue-anyway':
      if (
        status.checkpoint === null ||
        status.lastJudgment?.status !== 'warn' ||
        status.awaiting !== 'confirmation'
      ) {
        await context.sendActivity(
          'Only a checkpoint that passed with warnings can be continued anyway, and none is waiting.',
        );
        return;
      }
      await send(
        { type: 'continue-anyway', checkpoint: status.checkpoint },
        'decision',
        `${actor.name} continued past the warnings.`,
        'Noted: moving on despite the warnings. This is recorded in the audit log.',
      );
      return;
    case 'request-approval':
      if (status.checkpoint !== 'cutover-approval' || status.awaiting !== 'confirmation') {
        await context.sendActivity('The cutover approval cannot be asked for again right now.');
        return;
      }
      await send(
        { type: 'request-approval' },
        'command',
        `${actor.name} asked for the cutover approval again.`,
        'Asking the approvers again.',
      );
      return;
    case 'report-problem':
      if (status.monitoring === null) {
        await context.sendActivity('Problems are reported during monitoring, after the cutover.');
        return;
      }
      await send(
        {
          type: 'check-in',
          day: Math.max(1, status.monitoring.day),
          healthy: false,
          problem: command.problem,
        },
        'notice',
        `${actor.name} reported a problem: ${command.problem}`,
        'Problem recorded: the monitoring clock stops and the rollback guide follows.',
      );
      return;
    case 'resume-monitoring':
    case 'rollback-done':
      if ((status.monitoring?.problem ?? null) === null) {
        await context.sendActivity('No monitoring problem is open.');
        return;
      }
      await send(
        { type: command.kind },
        'command',
        command.kind === 'rollback-done'
          ? `${actor.name} confirmed the rollback.`
          : `${actor.name} resumed monitoring.`,
        command.kind === 'rollback-done'
          ? 'Rollback recorded.'
          : 'Monitoring resumes where it stopped.',
      );
      return;
  }
}

/** The migration a card names, when it belongs to the clicker's tenant and is still running. */
export async function migrationOfCard(
  services: MigrationServices,
  context: TurnContext,
  migrationId: string,
): Promise<ActiveMigration | undefined> {
  const entry = await services.registry.get(tenantOf(context), migrationId);
  if (entry === undefined) return undefined;
  const view = await services.control.view(migrationId);
  return view === undefined ? undefined : { entry, migrationId, view };
}
