import { z } from 'zod';
import { cloudSyncFeaturesSchema, type CloudSyncFeatureKey } from '../migration/cloud-sync-fit';
import {
  decommissionItems,
  oldServerOfflineModeSchema,
  type DecommissionItem,
} from '../migration/migration-signals';
import { checkpointIdSchema } from '../migration/runbook';

/**
 * Card verbs: wire contracts between the cards and the bot, declared once and never renamed (a card
 * sent last week still carries the old name). Each is `Action.Execute.verb` and, for every action,
 * also `data.verb`, so `Action.Submit` data names its verb the same way.
 */
export const cardVerbs = {
  startMigration: 'migration.start',
  showInstructions: 'checkpoint.instructions',
  snoozeReminder: 'reminder.snooze',
  refreshStatus: 'status.refresh',
  sendFullDiff: 'config-diff.full',
  approveCutover: 'approval.approve',
  rejectCutover: 'approval.reject',
  refreshApproval: 'approval.refresh',
  reportHealthy: 'monitoring.healthy',
  reportProblem: 'monitoring.problem',
  confirmRollback: 'rollback.done',
  confirmDecommissionItem: 'decommission.confirm',
  continueAnyway: 'checkpoint.continue',
  confirmOldServerOffline: 'old-server.offline',
  resumeMonitoring: 'monitoring.resume',
  confirmCancel: 'migration.cancel',
  submitSignIn: 'signin.submit',
  openCloudSyncCheck: 'cloudsync.open',
  checkCloudSync: 'cloudsync.check',
  continueToMigration: 'cloudsync.continue',
} as const;
export type CardVerb = (typeof cardVerbs)[keyof typeof cardVerbs];

/** The verbs of the Cloud Sync check: a conversation of its own, tied to no migration. */
export const cloudSyncVerbs = [
  cardVerbs.openCloudSyncCheck,
  cardVerbs.checkCloudSync,
  cardVerbs.continueToMigration,
] as const;
export type CloudSyncVerb = (typeof cloudSyncVerbs)[number];
/** The verbs that act on one migration: their data names it. */
export type MigrationCardVerb = Exclude<CardVerb, CloudSyncVerb>;

/** Input ids of the Cloud Sync form: one per feature of the check. */
export const cloudSyncFormInputs = Object.keys(
  cloudSyncFeaturesSchema.shape,
) as readonly CloudSyncFeatureKey[];

/** Input ids of the start form: the keys its `Action.Submit` value carries. */
export const startFormInputs = {
  oldServer: 'oldServer',
  newServer: 'newServer',
  approvers: 'approvers',
  approversText: 'approversText',
  monitoringDays: 'monitoringDays',
  timeZone: 'timeZone',
  workStart: 'workStart',
  workEnd: 'workEnd',
  workDays: 'workDays',
} as const;

/** Input id of the optional comment on an approval, and the required reason for a rejection. */
export const approvalCommentInput = 'comment';
/** Input id of the problem description on a monitoring check-in. */
export const problemInput = 'problem';

/** How long a reminder can be snoozed: ISO 8601 durations; the orchestrator snaps to working hours. */
export const snoozeDurations = ['PT1H', 'PT4H', 'P1D'] as const;
export type SnoozeDuration = (typeof snoozeDurations)[number];

/** The decommission checklist items, as the migration declares them. */
export const decommissionItemIds = decommissionItems;
export type DecommissionItemId = DecommissionItem;

// Durable instance ids: no '/', '\', '#', '?' or control characters; this is stricter still.
const migrationId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'not a migration id');
// The id of one decision request (one approval round), so a stale card cannot answer a newer one.
const decisionId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:#-]*$/, 'not a decision id');
const formText = (max: number) => z.string().max(max).optional();
const comment = z.string().trim().max(2000);

const startMigration = z.object({
  verb: z.literal(cardVerbs.startMigration),
  migrationId,
  [startFormInputs.oldServer]: formText(300),
  [startFormInputs.newServer]: formText(300),
  // The people picker submits object ids (mock ids in the Playground) joined with commas.
  [startFormInputs.approvers]: formText(4000),
  [startFormInputs.approversText]: formText(4000),
  [startFormInputs.monitoringDays]: formText(20),
  [startFormInputs.timeZone]: formText(100),
  [startFormInputs.workStart]: formText(20),
  [startFormInputs.workEnd]: formText(20),
  [startFormInputs.workDays]: formText(40),
});

const showInstructions = z.object({
  verb: z.literal(cardVerbs.showInstructions),
  migrationId,
  checkpointId: checkpointIdSchema,
});

const snoozeReminder = z.object({
  verb: z.literal(cardVerbs.snoozeReminder),
  migrationId,
  checkpointId: checkpointIdSchema,
  snooze: z.enum(snoozeDurations),
});

const refreshStatus = z.object({ verb: z.literal(cardVerbs.refreshStatus), migrationId });

const sendFullDiff = z.object({
  verb: z.literal(cardVerbs.sendFullDiff),
  migrationId,
  checkpointId: z.literal('config-match'),
});

const decision = {
  migrationId,
  checkpointId: z.literal('cutover-approval'),
  decisionId,
};
const approveCutover = z.object({
  verb: z.literal(cardVerbs.approveCutover),
  ...decision,
  [approvalCommentInput]: comment.optional(),
});
const rejectCutover = z.object({
  verb: z.literal(cardVerbs.rejectCutover),
  ...decision,
  [approvalCommentInput]: comment.min(1, 'Say why the cutover is rejected.'),
});
const refreshApproval = z.object({ verb: z.literal(cardVerbs.refreshApproval), ...decision });

const checkIn = {
  migrationId,
  checkpointId: z.literal('monitoring'),
  day: z.number().int().min(1).max(30),
};
const reportHealthy = z.object({ verb: z.literal(cardVerbs.reportHealthy), ...checkIn });
const reportProblem = z.object({
  verb: z.literal(cardVerbs.reportProblem),
  ...checkIn,
  [problemInput]: comment.min(1, 'Describe the problem.'),
});

const confirmRollback = z.object({ verb: z.literal(cardVerbs.confirmRollback), migrationId });

const confirmDecommissionItem = z.object({
  verb: z.literal(cardVerbs.confirmDecommissionItem),
  migrationId,
  checkpointId: z.literal('decommission'),
  item: z.enum(decommissionItemIds),
});

const continueAnyway = z.object({
  verb: z.literal(cardVerbs.continueAnyway),
  migrationId,
  checkpointId: checkpointIdSchema,
});
// Which of Learn's alternatives to staging mode was done; the bot re-checks that it applies.
const confirmOldServerOffline = z.object({
  verb: z.literal(cardVerbs.confirmOldServerOffline),
  migrationId,
  checkpointId: z.literal('old-server-staging'),
  how: oldServerOfflineModeSchema,
});
const resumeMonitoring = z.object({ verb: z.literal(cardVerbs.resumeMonitoring), migrationId });
const confirmCancel = z.object({ verb: z.literal(cardVerbs.confirmCancel), migrationId });
// Inputs of the sign-in form: what the client submits, read into answers by the bot.
const submitSignIn = z.object({
  verb: z.literal(cardVerbs.submitSignIn),
  migrationId,
  method: formText(40),
  seamlessSso: formText(10),
  features: formText(400),
});

const openCloudSyncCheck = z.object({ verb: z.literal(cardVerbs.openCloudSyncCheck) });
// Inputs of the Cloud Sync form as the client sends them (strings); read into features by the bot.
const checkCloudSync = z.object({
  verb: z.literal(cardVerbs.checkCloudSync),
  ...(Object.fromEntries(cloudSyncFormInputs.map((key) => [key, formText(40)])) as Record<
    CloudSyncFeatureKey,
    ReturnType<typeof formText>
  >),
});
const continueToMigration = z.object({ verb: z.literal(cardVerbs.continueToMigration) });

/** Every card action's data, by verb: the only way the bot reads card data. */
export const cardActionSchema = z.discriminatedUnion('verb', [
  startMigration,
  showInstructions,
  snoozeReminder,
  refreshStatus,
  sendFullDiff,
  approveCutover,
  rejectCutover,
  refreshApproval,
  reportHealthy,
  reportProblem,
  confirmRollback,
  confirmDecommissionItem,
  continueAnyway,
  confirmOldServerOffline,
  resumeMonitoring,
  confirmCancel,
  submitSignIn,
  openCloudSyncCheck,
  checkCloudSync,
  continueToMigration,
]);
export type CardAction = z.infer<typeof cardActionSchema>;
/** The data of the action with verb `V`. */
export type CardActionOf<V extends CardVerb> = Extract<CardAction, { verb: V }>;
/** The data a card puts on an action with verb `V`: what the user types into inputs comes on top. */
export type CardActionData<V extends CardVerb> = Omit<
  CardActionOf<V>,
  | typeof approvalCommentInput
  | typeof problemInput
  | keyof typeof startFormInputs
  | 'method'
  | 'seamlessSso'
  | 'features'
  | CloudSyncFeatureKey
>;

/** One thing wrong with what a card sent: the field (`data` for the whole) and what is wrong. */
export interface CardDataProblem {
  readonly field: string;
  readonly message: string;
}

export type CardActionParseResult =
  | { readonly ok: true; readonly action: CardAction }
  | {
      readonly ok: false;
      /** For the log: every problem in one sentence. */
      readonly error: string;
      readonly problems: readonly CardDataProblem[];
    };

function refused(field: string, message: string): CardActionParseResult {
  return { ok: false, error: message, problems: [{ field, message }] };
}

const executeInvoke = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.string(),
    data: z.record(z.string(), z.unknown()).optional(),
  }),
});
const submitValue = z.record(z.string(), z.unknown());

/**
 * Reads what a card sent: an `Action.Submit` message value (data plus inputs), or the value of an
 * `adaptiveCard/action` invoke (`{ action: { type, verb, data } }`, inputs merged into data).
 * Card data comes from the client and can be forged: never use it without this.
 */
export function parseCardAction(value: unknown): CardActionParseResult {
  const invoke = executeInvoke.safeParse(value);
  let data: Record<string, unknown>;
  if (invoke.success) {
    const { verb, data: actionData = {} } = invoke.data.action;
    if ('verb' in actionData && actionData.verb !== verb) {
      return refused('verb', 'The action verb and the verb in its data differ.');
    }
    data = { ...actionData, verb };
  } else {
    const submitted = submitValue.safeParse(value);
    if (!submitted.success) return refused('data', 'The card sent no data.');
    data = submitted.data;
  }
  const parsed = cardActionSchema.safeParse(data);
  if (parsed.success) return { ok: true, action: parsed.data };
  const problems = parsed.error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || 'data',
    message: issue.message,
  }));
  const listed = problems.map((problem) => `${problem.field}: ${problem.message}`).join('; ');
  return { ok: false, error: `The card data is not valid (${listed}).`, problems };
}

/** The data for an action with verb `verb`: typed, so a card cannot put a field the bot does not read. */
export function actionData<V extends CardVerb>(
  verb: V,
  data: Omit<CardActionData<V>, 'verb'>,
): CardActionData<V> {
  return { ...data, verb } as CardActionData<V>;
}
