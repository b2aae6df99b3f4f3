import { referenceUserName } from './conversation-reference';
import { MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import { dashboardCard } from './card-actions';
import { renderActionTakenCard, type ActionTakenView } from '../cards/action-taken-card';
import { renderHistoryCard, type HistoryEvent } from '../cards/history-card';
import type { AuditEntry } from '../platform/audit-log';
import { judgmentAuditDetailSchema } from '../migration/workflow/evidence';
import { adaptiveCardMessage } from './card-message';
import {
  readStartForm,
  renderStartForm,
  startFormPlanInput,
  type StartFormView,
} from '../cards/start-form-card';
import type { CardActionOf, cardVerbs } from '../cards/verbs';
import { isTimeZone, parseMigrationPlan, type Approver } from '../migration/migration-plan';
import { z } from 'zod';
import type { MigrationRuntimeView } from '../migration/migration-status';
import {
  alreadyRunningReply,
  describeMigrationLine,
  describeMigrationStatus,
  migrationStartedTexts,
  noRecordedStateReply,
  nothingRecordedReply,
} from './migration-text';
import type { MigrationServices } from './migration-services';
import {
  findActiveMigration,
  memberOf,
  senderOf,
  tenantOf,
  type ActiveMigration,
} from './active-migration';

/** `start migration`: the start form, unless a migration is already running in the tenant. */
export async function offerStartForm(
  context: TurnContext,
  services: MigrationServices,
): Promise<void> {
  const tenantId = tenantOf(context);
  const active = await findActiveMigration(services, tenantId);
  if (active !== undefined) {
    await context.sendActivity(alreadyRunning(active));
    return;
  }
  const timeZone = clientTimeZone(context);
  const card = renderStartForm({
    migrationId: services.newMigrationId(),
    ...peoplePickerOf(context),
    ...(timeZone === undefined ? {} : { values: { timeZone } }),
  });
  await context.sendActivity(adaptiveCardMessage(card));
}

/** The start form was submitted: validate, then start the orchestration (once, whatever the clicks). */
export async function submitStartForm(
  context: TurnContext,
  services: MigrationServices,
  action: CardActionOf<typeof cardVerbs.startMigration>,
  conversationKey: string,
): Promise<void> {
  const tenantId = tenantOf(context);
  const submission = readStartForm(action);
  const approvers: Approver[] = [
    ...(await Promise.all(
      submission.pickedApproverIds.map((id) => withKnownName(context, services, tenantId, id)),
    )),
    // Typed sign-in names are kept as the id; they are matched to the person when they approve.
    ...(await Promise.all(
      submission.typedApprovers.map(async (upn) => {
        const named = await withKnownName(context, services, tenantId, upn.toLowerCase());
        return { ...named, name: named.name ?? upn };
      }),
    )),
  ];
  const parsed = parseMigrationPlan(startFormPlanInput(submission.values, approvers));
  if (!parsed.ok) {
    const card = renderStartForm({
      migrationId: submission.migrationId,
      ...peoplePickerOf(context),
      values: submission.values,
      problems: parsed.problems,
    });
    await context.sendActivity(adaptiveCardMessage(card));
    return;
  }

  const { migrationId } = submission;
  const existing = await services.control.view(migrationId);
  if (existing !== undefined) {
    await context.sendActivity(
      'This form was already submitted: that migration has started. Type status to see where it stands.',
    );
    return;
  }
  const claim = await claimSlot(services, tenantId, migrationId);
  if (claim !== undefined) {
    await context.sendActivity(alreadyRunning(claim));
    return;
  }

  // Teams names the sender; a local client may not, and the object id is missing outside Teams.
  const from = senderOf(context);
  const ownerName = from.name;
  const now = services.now();
  try {
    await services.registry.record({
      migrationId,
      tenantId,
      oldServer: parsed.plan.oldServer,
      newServer: parsed.plan.newServer,
      ownerName,
      ownerAadObjectId: from.aadObjectId,
      approvers: parsed.plan.approvers,
      monitoringDays: parsed.plan.monitoringDays,
      startedAt: now.toISOString(),
    });
    await services.control.start({
      migrationId,
      tenantId,
      owner: { id: from.id, aadObjectId: from.aadObjectId, name: ownerName },
      plan: parsed.plan,
      conversationKey,
      escalationConversationKey:
        services.escalationChannelId === undefined
          ? null
          : services.references.conversationKey(services.escalationChannelId),
      timing: services.timing,
    });
  } catch (error) {
    // Without a running orchestration the slot must not block the next attempt.
    await services.registry.releaseActive(tenantId, migrationId);
    throw error;
  }
  const started = migrationStartedTexts(migrationId, parsed.plan);
  await endStartForm(context, {
    servers: parsed.plan,
    title: 'Start an Entra Connect migration',
    done: started.done,
    by: ownerName,
    at: now.toISOString(),
    timeZone: parsed.plan.timeZone,
  });
  await context.sendActivity(started.reply);
}

/**
 * Replaces the submitted start form with what came of it, so it cannot be submitted again (a second
 * submit would be refused anyway). Teams lets the bot update its own message; where the client
 * cannot, the form stays, and nothing else depends on it.
 */
async function endStartForm(context: TurnContext, ended: ActionTakenView): Promise<void> {
  const formId = context.activity.replyToId;
  if (formId === undefined || formId === '') return;
  try {
    await context.updateActivity({
      ...adaptiveCardMessage(renderActionTakenCard(ended)),
      id: formId,
    });
  } catch {
    // The migration has started; an old form left in place changes nothing.
  }
}

/** `status`: where the tenant's current (or latest) migration stands. */
export async function reportStatus(
  context: TurnContext,
  services: MigrationServices,
): Promise<void> {
  const current = await currentOrLatest(context, services);
  if (current !== undefined) await sendStatus(context, services, current.migrationId, current.view);
}

/** `history`: the current (or latest) migration's audit log, newest events that fit one message. */
export async function reportHistory(
  context: TurnContext,
  services: MigrationServices,
): Promise<void> {
  const current = await currentOrLatest(context, services);
  if (current === undefined) return;
  const status = current.view.status;
  if (status === undefined) {
    await context.sendActivity(nothingRecordedReply(current.migrationId));
    return;
  }
  const entries = await services.audit.list(current.migrationId);
  await context.sendActivity(
    adaptiveCardMessage(
      renderHistoryCard({
        servers: status,
        timeZone: status.timeZone,
        events: entries.map(historyEventOf),
      }),
    ),
  );
}

/** An audit entry as the history shows it: a judgment with its findings. */
function historyEventOf(entry: AuditEntry): HistoryEvent {
  const findings = judgmentAuditDetailSchema
    .pick({ findings: true })
    .safeParse(entry.kind === 'judgment' ? entry.detail : undefined);
  return {
    at: entry.at,
    ...(entry.actor === undefined ? {} : { by: entry.actor.name }),
    summary: entry.summary,
    ...(findings.success ? { details: findings.data.findings } : {}),
  };
}

/**
 * The tenant's running migration, else its latest one; undefined (and the reason already told)
 * when there is none to show.
 */
async function currentOrLatest(
  context: TurnContext,
  services: MigrationServices,
): Promise<{ migrationId: string; view: MigrationRuntimeView } | undefined> {
  const tenantId = tenantOf(context);
  const active = await findActiveMigration(services, tenantId);
  if (active !== undefined) return { migrationId: active.migrationId, view: active.view };
  const [latest] = await services.registry.list(tenantId);
  if (latest === undefined) {
    await context.sendActivity(
      'No migration has been started in your organisation yet. Type start migration to begin.',
    );
    return undefined;
  }
  const view = await services.control.view(latest.migrationId);
  if (view === undefined) {
    await context.sendActivity(noRecordedStateReply(latest.migrationId));
    return undefined;
  }
  return { migrationId: latest.migrationId, view };
}

/** The dashboard card, or a few lines when the migration has no summary yet. */
async function sendStatus(
  context: TurnContext,
  services: MigrationServices,
  migrationId: string,
  view: MigrationRuntimeView,
): Promise<void> {
  const card = dashboardCard(view, services);
  await context.sendActivity(
    card === undefined ? describeMigrationStatus(migrationId, view) : adaptiveCardMessage(card),
  );
}

/** `list`: the tenant's migrations, newest first. */
export async function listMigrations(
  context: TurnContext,
  services: MigrationServices,
): Promise<void> {
  const entries = await services.registry.list(tenantOf(context));
  if (entries.length === 0) {
    await context.sendActivity(
      'No migration has been started in your organisation yet. Type start migration to begin.',
    );
    return;
  }
  const lines = await Promise.all(
    entries
      .slice(0, 20)
      .map(async (entry) =>
        describeMigrationLine(entry, await services.control.view(entry.migrationId)),
      ),
  );
  const more = entries.length > 20 ? `\n\n…and ${String(entries.length - 20)} older.` : '';
  await context.sendActivity(
    MessageFactory.text(`Migrations in your organisation:\n\n${lines.join('\n')}${more}`),
  );
}

/** Claims the tenant's slot; returns the migration in the way, if any. */
async function claimSlot(
  services: MigrationServices,
  tenantId: string,
  migrationId: string,
): Promise<ActiveMigration | undefined> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const claim = await services.registry.claimActive(tenantId, migrationId);
    if (claim.claimed) return undefined;
    const active = await findActiveMigration(services, tenantId);
    if (active !== undefined) return active;
  }
  throw new Error('The active-migration slot could not be claimed.');
}

function alreadyRunning(active: ActiveMigration): Partial<Activity> {
  return MessageFactory.text(alreadyRunningReply(active.migrationId, active.entry));
}

const clientInfoSchema = z.object({ type: z.literal('clientInfo'), timezone: z.string() });

/** The time zone the sender's Teams client reports (its clientInfo entity), when Intl knows it. */
function clientTimeZone(context: TurnContext): string | undefined {
  for (const entity of context.activity.entities ?? []) {
    const info = clientInfoSchema.safeParse(entity);
    if (info.success && isTimeZone(info.data.timezone)) return info.data.timezone;
  }
  const local = context.activity.localTimezone;
  return typeof local === 'string' && isTimeZone(local) ? local : undefined;
}

/** Teams (web and desktop) has the people picker; in a group chat or channel it searches members. */
function peoplePickerOf(context: TurnContext): Pick<StartFormView, 'peoplePicker' | 'pickerScope'> {
  const type = context.activity.conversation.conversationType;
  return {
    peoplePicker: context.activity.channelId === 'msteams',
    pickerScope: type === 'channel' || type === 'groupChat' ? 'conversation' : 'organisation',
  };
}

/**
 * An approver with their name: the one Teams gave them when they last talked to the bot, else the
 * one Teams' roster of this conversation has (a group chat's or team's members), else the
 * directory's through Graph, when known.
 */
async function withKnownName(
  context: TurnContext,
  services: MigrationServices,
  tenantId: string,
  id: string,
): Promise<Approver> {
  const reference = await services.references.get(
    tenantId,
    services.references.personalChatKey(id),
  );
  const known =
    referenceUserName(reference) ??
    (await rosterName(context, id)) ??
    (await directoryName(services, id));
  return known === undefined ? { id } : { id, name: known };
}

/** Their display name from the directory through Graph, when it is configured and knows them. */
async function directoryName(services: MigrationServices, id: string): Promise<string | undefined> {
  const lookup = await services.directory?.findUser(id);
  return lookup?.kind === 'found' ? lookup.user.displayName : undefined;
}

/** Their name among the members of the conversation, or undefined (not a member, no answer). */
async function rosterName(context: TurnContext, id: string): Promise<string | undefined> {
  // A personal chat's only member is the person in it; Teams would answer 404 for anyone else.
  if (context.activity.conversation.conversationType === 'personal') return undefined;
  // No name is no failure: the approver is shown by id, and reached by it.
  const name = (await memberOf(context, id))?.name;
  return name === '' ? undefined : name;
}
