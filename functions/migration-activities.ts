import { appNow } from '../platform/clock';
import type { InvocationContext } from '@azure/functions';
import type { Activity } from 'botbuilder';
import * as df from 'durable-functions';
import { z } from 'zod';
import { adaptiveCardMessage } from '../bot/card-message';
import { deliveryProblems, type Failure } from '../bot/proactive-sender';
import { textOfEvidenceFile } from '../bot/evidence-file-text';
import type { ApprovalRequestView } from '../cards/approval-request-card';
import { renderConfigDiffCard } from '../cards/config-diff-card';
import { evaluateCheckpoint, isPeopleCheckpoint } from '../migration/evaluate-checkpoint';
import type { EvidenceItem } from '../migration/evidence/evidence-item';
import { diffConfigurations, parseConfigDocument } from '../migration/config';
import { factValueSchema, type Judgment } from '../migration/judgment';
import { approverSchema } from '../migration/migration-plan';
import { evidenceRefSchema, type EvidenceRef } from '../migration/migration-signals';
import { checkpointIdSchema } from '../migration/runbook';
import { auditEntrySchema } from '../platform/audit-log';
import { syncStaleAfterMinutes } from '../migration/workflow/sync-freshness';
import { unlessGraphSettingsBroken } from '../platform/graph-client';
import { getGraphSyncFreshness } from '../platform/graph-sync-freshness';
import { appServices } from './app-services';
import { reachPersonalChat, type PersonalReach } from './personal-chats';
import { renderCardSpec, type CardPlace, type CardSpec } from './card-specs';
import { activityNames } from './durable-names';

// Activities may run more than once (Azure delivers them at least once): every send is keyed by a
// deterministic sendKey and recorded, so a repeat posts nothing; updates and audit entries are
// idempotent by themselves.

/** Where a message goes: the migration's conversation, or someone's personal chat with the bot. */
export const targetSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('conversation'),
    key: z.string().min(1),
    /**
     * For a channel known by id only: the migration's conversation key, whose service the channel
     * is reached on.
     */
    via: z.string().min(1).optional(),
  }),
  z.object({
    kind: z.literal('personal'),
    /** Their Microsoft Entra object id, Teams user id or sign-in name. */
    aadObjectId: z.string().min(1),
    /** The migration's conversation key: where to open their chat from (absent in old histories). */
    via: z.string().min(1).optional(),
  }),
]);
export type Target = z.infer<typeof targetSchema>;

const servers = z.object({ oldServer: z.string(), newServer: z.string() });
// Card views are built by the orchestrator in this same deployment; only their envelope is checked.
const cardSpecSchema = z.custom<CardSpec>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { kind?: unknown }).kind === 'string',
  'not a card spec',
);

const postInput = z.object({
  migrationId: z.string(),
  tenantId: z.string(),
  target: targetSchema,
  sendKey: z.string(),
  card: cardSpecSchema.optional(),
  text: z.string().optional(),
});
export type PostInput = z.infer<typeof postInput>;

/**
 * Why a target did not get a message: it never opened the bot, the app is not installed for them,
 * nobody has that sign-in name, or what Teams answered.
 */
export const sendProblemSchema = z.enum([
  ...deliveryProblems,
  'never-opened',
  'not-installed',
  'unknown-person',
]);
export type SendProblem = z.infer<typeof sendProblemSchema>;

/** What a send reports back: whether it was sent now, its message id, whether the target was reachable. */
export interface SendOutcome {
  sent: boolean;
  activityId: string | null;
  reachable: boolean;
  /** Why it was not reachable; absent in outcomes recorded before it was reported. */
  problem?: SendProblem | undefined;
}

/** What each delivery problem means, for the audit log and the owner. */
export const deliveryProblemText: Readonly<Record<SendProblem, string>> = {
  'never-opened': 'they have not opened a chat with me yet',
  'not-installed':
    'the app is not installed for them in Teams yet, so I cannot open a chat with them',
  'unknown-person':
    "nobody with that sign-in name is in the migration's conversation or, where Microsoft Graph is set up, in the directory (check its spelling: approvers are changed by cancelling and starting the migration again)",
  blocked: 'Teams refused the message because they blocked the bot (403 MessageWritesBlocked)',
  'not-in-conversation':
    'Teams refused the message because the bot is not installed for them or was removed (403)',
  'conversation-not-found': 'Teams no longer knows the conversation (404)',
  throttled: 'Teams kept throttling the messages (429) longer than I wait',
  'too-large': 'Teams refused the message as too large (413)',
  refused: 'Teams refused the message',
  'service-error': 'Teams could not be reached or failed to take the message',
  'bad-reference': 'the stored conversation reference is incomplete',
};

function messageOf(
  input: {
    card?: CardSpec | undefined;
    text?: string | undefined;
  },
  place: CardPlace,
): Partial<Activity> {
  if (input.card !== undefined) return adaptiveCardMessage(renderCardSpec(input.card, place));
  return { type: 'message', text: input.text ?? '', textFormat: 'markdown' };
}

/** Where a target is: its stored reference, a personal chat opened now, or why neither. */
async function referenceFor(
  tenantId: string,
  target: Target,
  context: InvocationContext,
): Promise<PersonalReach> {
  if (target.kind === 'personal') {
    return reachPersonalChat(tenantId, { id: target.aadObjectId, via: target.via }, context);
  }
  const { references } = appServices();
  const reference =
    (await references.get(tenantId, target.key)) ??
    (await channelById(tenantId, target.key, target.via));
  return reference === undefined
    ? { kind: 'unreachable', problem: 'never-opened' }
    : { kind: 'reached', reference };
}

/**
 * A channel the bot never heard from, by its id: an app installed in a team may post to any of
 * its channels, on the service of the migration's own conversation in the same tenant.
 */
async function channelById(
  tenantId: string,
  key: string,
  via: string | undefined,
): Promise<Record<string, unknown> | undefined> {
  const channelId = key.startsWith('conversation:19:') ? key.slice('conversation:'.length) : '';
  if (via === undefined || channelId === '') return undefined;
  const origin = await appServices().references.get(tenantId, via);
  if (origin === undefined) return undefined;
  const { activityId: _activityId, user: _user, ...rest } = origin;
  return {
    ...rest,
    conversation: { id: channelId, isGroup: true, conversationType: 'channel', tenantId },
  };
}

/** A group chat or channel (where the bot sees only messages that @mention it), or a personal chat. */
function placeOf(reference: Readonly<Record<string, unknown>>): CardPlace {
  const conversation = z
    .object({ conversationType: z.string().optional() })
    .safeParse(reference.conversation);
  const type = conversation.data?.conversationType;
  return type === 'channel' || type === 'groupChat' ? 'shared' : 'personal';
}

/** Sends a message, rendered for the kind of conversation it goes to. */
async function post(
  input: PostInput,
  render: (place: CardPlace) => Partial<Activity>,
  context: InvocationContext,
): Promise<SendOutcome> {
  const { ledger, sender } = appServices();
  if (await ledger.wasSent(input.sendKey)) {
    context.info('Already sent; not sending again', {
      migrationId: input.migrationId,
      sendKey: input.sendKey,
    });
    return { sent: false, activityId: await ledger.activityIdOf(input.sendKey), reachable: true };
  }
  const reach = await referenceFor(input.tenantId, input.target, context);
  if (reach.kind === 'unreachable') {
    // Someone the app is not installed for, or a channel it was never installed in, cannot be
    // reached proactively: the caller decides whom to tell; the migration must not fail over it.
    context.warn('A message target cannot be reached', {
      migrationId: input.migrationId,
      target: input.target.kind,
      problem: reach.problem,
    });
    return { sent: false, activityId: null, reachable: false, problem: reach.problem };
  }
  if (reach.kind === 'failed') {
    await recordUndelivered(input, reach.failure, context);
    return { sent: false, activityId: null, reachable: false, problem: reach.failure.problem };
  }
  const delivery = await sender.send({
    reference: reach.reference,
    activity: render(placeOf(reach.reference)),
  });
  if (delivery.kind === 'delivered') {
    await ledger.markSent(input.sendKey, delivery.activityId, appNow());
    return { sent: true, activityId: delivery.activityId ?? null, reachable: true };
  }
  await recordUndelivered(input, delivery, context);
  return { sent: false, activityId: null, reachable: false, problem: delivery.problem };
}

/** Logs and audits a send that did not arrive; the caller decides whom to tell. */
async function recordUndelivered(
  input: Pick<PostInput, 'migrationId' | 'target' | 'sendKey'>,
  delivery: Failure,
  context: InvocationContext,
): Promise<void> {
  const fields = {
    migrationId: input.migrationId,
    target: input.target.kind,
    problem: delivery.problem,
    status: delivery.statusCode,
    code: delivery.code,
  };
  context.warn('A proactive message was not delivered', fields);
  await appServices().audit.append({
    migrationId: input.migrationId,
    kind: 'notice',
    at: appNow().toISOString(),
    summary: `A message was not delivered (${input.target.kind === 'personal' ? 'a personal chat' : "the migration's conversation"}): ${deliveryProblemText[delivery.problem]}.`,
    detail: {
      sendKey: input.sendKey,
      ...fields,
      status: delivery.statusCode ?? null,
      code: delivery.code ?? null,
    },
    idempotencyKey: `undelivered:${input.sendKey}:${delivery.problem}`,
  });
}

/** Posts a card (or a short text) into a conversation or a personal chat. */
export const postMessage = df.app.activity(activityNames.postMessage, {
  handler: async (raw: unknown, context: InvocationContext): Promise<SendOutcome> => {
    const input = postInput.parse(raw);
    return post(input, (place) => messageOf(input, place), context);
  },
});

const updateInput = z.object({
  migrationId: z.string(),
  tenantId: z.string(),
  target: targetSchema,
  activityId: z.string().min(1),
  card: cardSpecSchema,
});

/** Replaces a card the bot sent earlier, e.g. an approval request once it is decided. */
export const updateCard = df.app.activity(activityNames.updateCard, {
  handler: async (raw: unknown, context: InvocationContext): Promise<void> => {
    const input = updateInput.parse(raw);
    // A card the bot sent is in a chat whose reference is stored.
    const reference = await appServices().references.get(
      input.tenantId,
      input.target.kind === 'conversation'
        ? input.target.key
        : appServices().references.personalChatKey(input.target.aadObjectId),
    );
    if (reference === undefined) return;
    const delivery = await appServices().sender.update(
      { reference, activity: messageOf(input, placeOf(reference)) },
      input.activityId,
    );
    // A card that cannot be replaced keeps its buttons; clicking them is answered as stale.
    if (delivery.kind !== 'delivered') {
      await recordUndelivered(
        { ...input, sendKey: `update:${input.activityId}` },
        delivery,
        context,
      );
    }
  },
});

const judgeInput = z.object({
  tenantId: z.string(),
  checkpointId: checkpointIdSchema,
  evidence: z.array(evidenceRefSchema),
  recorded: z.record(z.string(), factValueSchema),
  today: z.string(),
  // Absent in judgments scheduled before outputs were checked against their server.
  servers: servers.optional(),
});

async function loadEvidence(
  tenantId: string,
  refs: readonly EvidenceRef[],
): Promise<EvidenceItem[]> {
  const items: EvidenceItem[] = [];
  for (const ref of refs) {
    const bytes = await appServices().evidence.get(tenantId, ref);
    if (bytes === undefined) throw new Error(`Evidence ${ref.sha256} is missing from storage.`);
    const decoded = textOfEvidenceFile(bytes);
    // Stored evidence was accepted as text when it arrived; a binary blob here means tampering.
    if (!decoded.ok) throw new Error(`Evidence ${ref.sha256} is not text.`);
    items.push({
      text: decoded.text,
      ...(ref.fileName === undefined ? {} : { name: ref.fileName }),
    });
  }
  return items;
}

/** Judges a checkpoint from its stored evidence with the pure evaluator. */
export const judgeEvidence = df.app.activity(activityNames.judgeEvidence, {
  handler: async (raw: unknown): Promise<Judgment> => {
    const input = judgeInput.parse(raw);
    if (isPeopleCheckpoint(input.checkpointId)) {
      throw new Error(`${input.checkpointId} is decided by people, not by evidence.`);
    }
    const items = await loadEvidence(input.tenantId, input.evidence);
    return evaluateCheckpoint(input.checkpointId, items, {
      today: input.today,
      recorded: input.recorded,
      ...(input.servers === undefined
        ? {}
        : { servers: { old: input.servers.oldServer, new: input.servers.newServer } }),
    });
  },
});

const diffInput = postInput.omit({ card: true, text: true }).extend({
  servers,
  oldRef: evidenceRefSchema,
  newRef: evidenceRefSchema,
});

/** Posts the configuration diff summary of the old export against the new server's settings. */
export const postConfigDiff = df.app.activity(activityNames.postConfigDiff, {
  handler: async (raw: unknown, context: InvocationContext): Promise<SendOutcome> => {
    const input = diffInput.parse(raw);
    const [oldItem, newItem] = await loadEvidence(input.tenantId, [input.oldRef, input.newRef]);
    const oldDoc = parseConfigDocument(oldItem?.text ?? '');
    const newDoc = parseConfigDocument(newItem?.text ?? '');
    if (oldDoc.kind === 'not-config' || newDoc.kind === 'not-config') {
      return { sent: false, activityId: null, reachable: true };
    }
    const card = renderConfigDiffCard({
      migrationId: input.migrationId,
      servers: input.servers,
      differences: diffConfigurations(oldDoc.document, newDoc.document),
      oldFile: input.oldRef.fileName ?? 'the old export',
      newFile: input.newRef.fileName ?? "the new server's settings",
    });
    return post(input, () => adaptiveCardMessage(card), context);
  },
});

const approvalInput = z.object({
  migrationId: z.string(),
  tenantId: z.string(),
  sendKeyPrefix: z.string(),
  approvers: z.array(approverSchema),
  conversationKey: z.string(),
  /** The request as every approver sees it; audience and refresh ids are filled in here. */
  view: z.custom<Omit<ApprovalRequestView, 'audience' | 'refreshUserIds'>>(
    (value) => typeof value === 'object' && value !== null,
  ),
});

/** Where an approval request went. */
export interface ApprovalDelivery {
  sent: { target: Target; activityId: string }[];
  /**
   * Approvers the bot cannot reach yet (the app is not installed for them, or they never opened
   * it): the owner must tell them.
   */
  unreachable: string[];
  /** Approvers Teams did not deliver the request to, with why. */
  undelivered: { name: string; reason: string }[];
  /** The shared copy went to the owner's personal chat, where no approver can see it. */
  sharedInPersonalChat: boolean;
}

/**
 * Sends the approval card with its buttons to each approver's personal chat, and the pending state
 * to the migration's conversation, where Teams shows approvers their own view (refresh.userIds).
 */
export const sendApprovalRequests = df.app.activity(activityNames.sendApprovalRequests, {
  handler: async (raw: unknown, context: InvocationContext): Promise<ApprovalDelivery> => {
    const input = approvalInput.parse(raw);
    const { references } = appServices();
    const shared = await references.get(input.tenantId, input.conversationKey);
    const delivery: ApprovalDelivery = {
      sent: [],
      unreachable: [],
      undelivered: [],
      sharedInPersonalChat: shared !== undefined && placeOf(shared) === 'personal',
    };
    const teamsIds: string[] = [];
    for (const approver of input.approvers) {
      const target: Target = {
        kind: 'personal',
        aadObjectId: approver.id,
        via: input.conversationKey,
      };
      const outcome = await post(
        { ...input, target, sendKey: `${input.sendKeyPrefix}:${approver.id}` },
        () =>
          adaptiveCardMessage(
            renderCardSpec({
              kind: 'approval-request',
              view: { ...input.view, audience: 'approver' },
            }),
          ),
        context,
      );
      if (!outcome.reachable) {
        const name = approver.name ?? approver.id;
        if (
          outcome.problem === undefined ||
          outcome.problem === 'never-opened' ||
          outcome.problem === 'not-installed'
        ) {
          delivery.unreachable.push(name);
        } else {
          delivery.undelivered.push({ name, reason: deliveryProblemText[outcome.problem] });
        }
        continue;
      }
      if (outcome.activityId !== null)
        delivery.sent.push({ target, activityId: outcome.activityId });
      const reference = await references.get(
        input.tenantId,
        references.personalChatKey(approver.id),
      );
      const userId = z.object({ user: z.object({ id: z.string() }) }).safeParse(reference);
      if (userId.success) teamsIds.push(userId.data.user.id);
    }
    const target: Target = { kind: 'conversation', key: input.conversationKey };
    const sharedCopy = await post(
      { ...input, target, sendKey: `${input.sendKeyPrefix}:shared` },
      () =>
        adaptiveCardMessage(
          renderCardSpec({
            kind: 'approval-request',
            view: { ...input.view, audience: 'shared', refreshUserIds: teamsIds },
          }),
        ),
      context,
    );
    if (sharedCopy.activityId !== null) {
      delivery.sent.push({ target, activityId: sharedCopy.activityId });
    }
    return delivery;
  },
});

const auditInput = z.object({ entries: z.array(auditEntrySchema) });

/** Appends orchestration events to the audit log; idempotency keys make a repeat write nothing. */
export const appendAudit = df.app.activity(activityNames.appendAudit, {
  handler: async (raw: unknown): Promise<void> => {
    const { entries } = auditInput.parse(raw);
    for (const entry of entries) await appServices().audit.append(entry);
  },
});

/** What the check-in card shows of the cloud side, or null when Graph is not configured or failed. */
export interface CloudSyncReading {
  lastSyncAt: string | null;
  checkedAt: string;
  maxAgeMinutes: number;
}

/**
 * Reads Microsoft Entra ID's last directory sync time through Graph, when Graph is configured and
 * its settings are usable (the status and help cards name a broken one).
 */
export const readCloudSync = df.app.activity(activityNames.readCloudSync, {
  handler: async (_raw: unknown, context: InvocationContext): Promise<CloudSyncReading | null> => {
    const graph = unlessGraphSettingsBroken(getGraphSyncFreshness);
    if (graph === undefined) return null;
    const result = await graph.check();
    if (!result.ok) {
      // The check-in goes out without the cloud line; the problem kind says what to fix.
      context.warn('Graph sync freshness check failed', { problem: result.problem });
      return null;
    }
    return {
      lastSyncAt: result.lastSyncAt,
      checkedAt: appNow().toISOString(),
      maxAgeMinutes: syncStaleAfterMinutes,
    };
  },
});

const releaseInput = z.object({ tenantId: z.string(), migrationId: z.string() });

/** Frees the tenant's one-migration slot once a migration has finished. */
export const releaseMigrationSlot = df.app.activity(activityNames.releaseMigrationSlot, {
  handler: async (raw: unknown): Promise<void> => {
    const input = releaseInput.parse(raw);
    await appServices().registry.releaseActive(input.tenantId, input.migrationId);
  },
});
