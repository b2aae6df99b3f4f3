import type { TurnContext } from 'botbuilder';
import { adaptiveCardMessage } from './card-message';
import { renderCancelConfirmationCard } from '../cards/cancel-confirmation-card';
import type { SignalResult } from '../migration/migration-control';
import {
  migrationSignalEvent,
  type Actor,
  type MigrationSignal,
} from '../migration/migration-signals';
import type { AuditEntry, AuditEntryKind } from '../platform/audit-log';
import type { MigrationEntry } from '../platform/migration-registry';
import type { AdaptiveCardJson } from '../cards/card-template';
import type { MigrationStatus } from '../migration/migration-status';
import { checkpointById, checkpointIndex } from '../migration/runbook';
import { stepText } from '../cards/card-parts';
import { onlyWhoMayReply, snoozeTexts } from './migration-text';
import { actionApplies, mayAct, type WorkflowAction } from '../migration/workflow/permissions';
import {
  actorOf,
  decidingUser,
  findActiveMigration,
  roleOf,
  tenantOf,
  type ActiveMigration,
} from './active-migration';
import { decisionRight } from '../migration/workflow/approval';
import type { BotCommand } from './bot-command';
import type { MigrationServices } from './migration-services';

/** A signal as the bot sends it: who and when are added on the way. */
export type SignalBody = MigrationSignal extends infer S
  ? S extends MigrationSignal
    ? Omit<S, 'by' | 'at'>
    : never
  : never;

/**
 * Signals the orchestration, then records what someone told it: the audit entry says what happened,
 * so it is written only once the signal was delivered. A failed delivery (the migration finished or
 * is gone, or the store is down and this throws) leaves no entry.
 */
export async function signalMigration(
  services: MigrationServices,
  entry: MigrationEntry,
  actor: Actor,
  body: SignalBody,
  audit: {
    readonly kind: AuditEntryKind;
    readonly summary: string;
    /** Unique per signal within the migration: a redelivered turn writes the entry once. */
    readonly key: string;
    readonly detail?: AuditEntry['detail'];
  },
): Promise<SignalResult> {
  const at = services.now().toISOString();
  const signal: MigrationSignal = { ...body, by: actor, at };
  const result = await services.control.signal(entry.migrationId, migrationSignalEvent, signal);
  if (result === 'accepted') {
    await services.audit.append({
      migrationId: entry.migrationId,
      kind: audit.kind,
      at,
      actor,
      summary: audit.summary,
      ...(audit.detail === undefined ? {} : { detail: audit.detail }),
      idempotencyKey: `${entry.migrationId}:${audit.key}`,
    });
  }
  return result;
}

/** What to answer after signalling: `delivered` when the signal arrived, else why nothing changed. */
export function signalReply(result: SignalResult, delivered: string): string {
  switch (result) {
    case 'accepted':
      return delivered;
    case 'finished':
      return 'The migration has just finished; nothing was changed.';
    case 'not-found':
      return 'That migration no longer exists; nothing was changed.';
  }
}

type MigrationCommand = Exclude<
  BotCommand,
  { kind: 'help' | 'start-migration' | 'cloud-sync' | 'status' | 'list' | 'history' | 'unknown' }
>;

type CommandOf<K extends MigrationCommand['kind']> = Extract<MigrationCommand, { kind: K }>;

/** The signal a command sends: its body, how it is audited, and the reply once delivered. */
interface CommandSignal {
  readonly body: SignalBody;
  readonly kind: AuditEntryKind;
  readonly summary: string;
  readonly reply: string;
}

/** How one command is carried out. */
interface CommandRule<K extends MigrationCommand['kind']> {
  /** The workflow action it is: who may type it, and when it applies. */
  readonly action: WorkflowAction;
  /** The answer while the migration does not wait for it, or how to say why from where it is. */
  readonly notWaiting?: string | ((status: MigrationStatus) => string);
  readonly run: (
    command: CommandOf<K>,
    actor: Actor,
    status: MigrationStatus,
    entry: MigrationEntry,
  ) => CommandSignal | { readonly card: AdaptiveCardJson };
}

type CommandTable = {
  readonly [K in Exclude<MigrationCommand['kind'], 'snooze-invalid'>]: CommandRule<K>;
};

/** Every command that steers a running migration; roles and applicability come from the workflow. */
const commandRules: CommandTable = {
  pause: {
    action: 'pause',
    run: (_command, actor) => ({
      body: { type: 'pause' },
      kind: 'command',
      summary: `${actor.name} paused the reminders.`,
      reply: 'Reminders are paused. Evidence is still accepted; type resume to restart them.',
    }),
  },
  resume: {
    action: 'resume',
    run: (_command, actor) => ({
      body: { type: 'resume' },
      kind: 'command',
      summary: `${actor.name} resumed the reminders.`,
      reply: 'Reminders are back on.',
    }),
  },
  snooze: {
    action: 'snooze',
    run: (command, actor) => ({
      body: { type: 'snooze', minutes: command.minutes },
      kind: 'snooze',
      ...snoozeTexts(actor.name, command.minutes),
    }),
  },
  // Cancelling is confirmed on a card first; the card's button sends the signal.
  cancel: {
    action: 'cancel',
    run: (_command, _actor, _status, entry) => ({
      card: renderCancelConfirmationCard({ migrationId: entry.migrationId, servers: entry }),
    }),
  },
  'continue-anyway': {
    action: 'continue-anyway',
    notWaiting:
      'Only a checkpoint that passed with warnings can be continued anyway, and none is waiting.',
    run: (_command, actor, status) => ({
      body: { type: 'continue-anyway', checkpoint: status.checkpoint ?? 'source-version' },
      kind: 'decision',
      summary: `${actor.name} continued past the warnings.`,
      reply:
        'Noted: moving on despite the warnings. This is recorded in the history of this migration (type history).',
    }),
  },
  'request-approval': {
    action: 'request-approval',
    notWaiting: (status) => {
      if (status.checkpoint === null)
        return 'The migration is not at a step where the cutover can be approved.';
      const approval = checkpointIndex('cutover-approval');
      const where = `the migration is at “${checkpointById(status.checkpoint).title}” (${stepText(status.checkpoint).toLowerCase()})`;
      return checkpointIndex(status.checkpoint) < approval
        ? `The cutover approval is asked for at its own step (${String(approval + 1)}), once the staging server's sync is verified; ${where}.`
        : `The cutover was already decided; ${where}.`;
    },
    run: (_command, actor) => ({
      body: { type: 'request-approval' },
      kind: 'command',
      summary: `${actor.name} asked for the cutover approval again.`,
      reply: 'Asking the approvers again.',
    }),
  },
  'report-problem': {
    action: 'check-in',
    notWaiting: 'Problems are reported during monitoring, after the cutover.',
    run: (command, actor, status) => ({
      body: {
        type: 'check-in',
        day: Math.max(1, status.monitoring?.day ?? 1),
        healthy: false,
        problem: command.problem,
      },
      kind: 'notice',
      summary: `${actor.name} reported a problem: ${command.problem}`,
      reply: 'Problem recorded: the monitoring clock stops and the rollback guide follows.',
    }),
  },
  'resume-monitoring': {
    action: 'resume-monitoring',
    notWaiting: 'No monitoring problem is open.',
    run: (_command, actor) => ({
      body: { type: 'resume-monitoring' },
      kind: 'command',
      summary: `${actor.name} resumed monitoring.`,
      reply: 'Monitoring resumes where it stopped.',
    }),
  },
  'rollback-done': {
    action: 'confirm-rollback',
    notWaiting:
      'Nothing to roll back: no monitoring problem is open, or the old server is below a version cutoff and cannot take over again (fix forward on the new server, as the guide says).',
    run: (_command, actor) => ({
      body: { type: 'rollback-done' },
      kind: 'command',
      summary: `${actor.name} confirmed the rollback.`,
      reply: 'Rollback recorded.',
    }),
  },
  retry: {
    action: 'retry',
    notWaiting:
      'Nothing is waiting to be tried again: the migration has done everything it had to.',
    run: (_command, actor, status) => ({
      body: { type: 'retry' },
      kind: 'command',
      summary: `${actor.name} asked to try again: ${(status.undone ?? []).map((work) => work.what).join('; ')}.`,
      reply: `Trying again: ${(status.undone ?? []).map((work) => work.what).join('; ')}. Type status in a minute to see what is still not done.`,
    }),
  },
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
  const rule = commandRules[command.kind] as CommandRule<typeof command.kind>;
  if (!mayAct(rule.action, roleOf(entry, context))) {
    await context.sendActivity(onlyWhoMayReply(rule.action, entry.ownerName));
    return;
  }
  if (!actionApplies(rule.action, status)) {
    const why = typeof rule.notWaiting === 'function' ? rule.notWaiting(status) : rule.notWaiting;
    await context.sendActivity(why ?? 'That does not apply to the migration right now.');
    return;
  }
  const outcome = rule.run(command, actor, status, entry);
  if ('card' in outcome) {
    await context.sendActivity(adaptiveCardMessage(outcome.card));
    return;
  }
  const result = await signalMigration(services, entry, actor, outcome.body, {
    kind: outcome.kind,
    summary: outcome.summary,
    key: `${outcome.body.type}:${context.activity.id ?? services.now().toISOString()}`,
  });
  await context.sendActivity(signalReply(result, outcome.reply));
}

/** The migration a card names, when it belongs to the clicker's tenant and is still running. */
export async function migrationOfCard(
  services: MigrationServices,
  context: TurnContext,
  migrationId: string,
): Promise<ActiveMigration | undefined> {
  // Read side by side; the view of a migration the tenant does not have is dropped unread.
  const [entry, view] = await Promise.all([
    services.registry.get(tenantOf(context), migrationId),
    services.control.view(migrationId),
  ]);
  if (entry === undefined) return undefined;
  return view === undefined ? undefined : { entry, migrationId, view };
}

/**
 * Someone opened a chat with the bot for the first time: if they are an approver of the tenant's
 * migration while it waits for the cutover approval, the migration is told, and sends them the
 * request it could not deliver before (it decides whether they missed it).
 */
export async function offerPendingApproval(
  context: TurnContext,
  services: MigrationServices,
): Promise<void> {
  const active = await findActiveMigration(services, tenantOf(context));
  const entry = active?.entry;
  if (entry === undefined || active?.view.status?.awaiting !== 'approval') return;
  // Matched as a decision is: by object id, Teams user id or sign-in name, never the owner.
  const right = decisionRight(await decidingUser(context), entry.approvers, {
    aadObjectId: entry.ownerAadObjectId,
  });
  if (!right.allowed) return;
  const { approver } = right;
  const actor = actorOf(context);
  await signalMigration(
    services,
    entry,
    actor,
    { type: 'approver-reachable', approverId: approver.id },
    {
      kind: 'notice',
      summary: `${actor.name} opened a chat with the bot while the cutover approval waits for them.`,
      key: `reachable:${approver.id}:${active.view.status.decisionId ?? 'approval'}`,
    },
  );
}
