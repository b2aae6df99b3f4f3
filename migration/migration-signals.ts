import { z } from 'zod';
import { evidenceKinds } from './runbook';
import { checkpointIdSchema } from './runbook';

/**
 * The one durable event name a migration listens on; the payload says what happened. One name means
 * one wait, and the SDK buffers whatever arrives while the orchestrator is busy, so nothing is lost.
 * A wire contract: never renamed.
 */
export const migrationSignalEvent = 'MigrationSignal';

/** Who did something, as Teams identified them (never as a card claimed). */
export const actorSchema = z.object({ aadObjectId: z.string().min(1), name: z.string() });
export type Actor = z.infer<typeof actorSchema>;

/** Where stored evidence lives: the signal carries only this reference, never the content. */
export const evidenceRefSchema = z.object({
  blobName: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().nonnegative(),
  fileName: z.string().optional(),
});
export type EvidenceRef = z.infer<typeof evidenceRefSchema>;

/**
 * The decommission checklist (Learn: swing migration, fully decommission old servers), in the order
 * to do it. A wire contract (card data, status, journal): ids are only ever added, never renamed.
 * The new server's Connect Health agent is registered before the old server leaves Connect Health,
 * so sync monitoring has no gap (Learn how-to-connect-health-agent-install). Migrations that started
 * with the first four items take the later ones too: README, "Upgrading with migrations running".
 */
export const decommissionItems = [
  'uninstall-old-server',
  'remove-ad-connector-account',
  'remove-entra-connector-account',
  'delete-old-app-registration',
  'register-new-health-agent',
  'remove-from-connect-health',
] as const;
export const decommissionItemSchema = z.enum(decommissionItems);
export type DecommissionItem = z.infer<typeof decommissionItemSchema>;

/**
 * How an old server the wizard cannot switch to staging mode left service instead (Learn:
 * how-to-connect-sync-staging-server: "either by shutting down the server or isolating it from
 * outbound connections").
 */
export const oldServerOfflineModes = ['shut-down', 'isolated'] as const;
export const oldServerOfflineModeSchema = z.enum(oldServerOfflineModes);
export type OldServerOfflineMode = z.infer<typeof oldServerOfflineModeSchema>;

const base = { by: actorSchema, at: z.string() };

/** Everything people can tell a running migration. */
export const migrationSignalSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('evidence'),
    checkpoint: checkpointIdSchema,
    kind: z.enum(evidenceKinds),
    evidence: evidenceRefSchema,
    ...base,
  }),
  z.object({ type: z.literal('continue-anyway'), checkpoint: checkpointIdSchema, ...base }),
  /** The owner confirms the old server was shut down or isolated instead of put in staging mode. */
  z.object({ type: z.literal('old-server-offline'), how: oldServerOfflineModeSchema, ...base }),
  z.object({
    type: z.literal('decision'),
    decisionId: z.string().min(1),
    /** The approver entry the bot matched the clicking user to. */
    approverId: z.string().min(1),
    approve: z.boolean(),
    comment: z.string().max(2000).optional(),
    ...base,
  }),
  z.object({ type: z.literal('request-approval'), ...base }),
  /**
   * The bot's own report that someone opened a chat with it (so it can reach them now): an
   * approver who could not be sent the approval request gets it then.
   */
  z.object({
    type: z.literal('approver-reachable'),
    /** The approver entry the bot matched the user to. */
    approverId: z.string().min(1),
    ...base,
  }),
  z.object({
    type: z.literal('check-in'),
    day: z.number().int().positive(),
    healthy: z.boolean(),
    problem: z.string().max(2000).optional(),
    ...base,
  }),
  z.object({ type: z.literal('resume-monitoring'), ...base }),
  z.object({ type: z.literal('rollback-done'), ...base }),
  z.object({ type: z.literal('decommission-confirm'), item: decommissionItemSchema, ...base }),
  z.object({ type: z.literal('pause'), ...base }),
  z.object({ type: z.literal('resume'), ...base }),
  /** Minutes from when the orchestration takes the signal; at most a week. */
  z.object({
    type: z.literal('snooze'),
    minutes: z
      .number()
      .int()
      .positive()
      .max(7 * 1440),
    ...base,
  }),
  z.object({ type: z.literal('cancel'), reason: z.string().max(500).optional(), ...base }),
  /** Try again what the migration could not carry out (status `undone`). */
  z.object({ type: z.literal('retry'), ...base }),
]);
export type MigrationSignal = z.infer<typeof migrationSignalSchema>;
export type MigrationSignalOf<T extends MigrationSignal['type']> = Extract<
  MigrationSignal,
  { type: T }
>;
