import { z } from 'zod';
import { judgmentStatuses } from './judgment';
import { decommissionItemSchema, oldServerOfflineModeSchema } from './migration-signals';
import { oldServerCutoffSchema } from './old-server-cutoff';
import type { MigrationStart } from './migration-start';
import { checkpointIdSchema, phaseIds } from './runbook';
import { openApprovalSchema } from './workflow/approval-request';

/** How a migration ended, or that it is still going. */
export const migrationOutcomeSchema = z.enum(['running', 'completed', 'cancelled', 'rolled-back']);
export type MigrationOutcome = z.infer<typeof migrationOutcomeSchema>;

/** What the migration is waiting for. */
export const awaitingSchema = z.enum(['evidence', 'approval', 'confirmation', 'nothing']);
export type Awaiting = z.infer<typeof awaitingSchema>;

/** One piece of work the migration could not carry out: what it was, when it last failed, why. */
export const undoneWorkSchema = z.object({
  /** Stable within the migration, so a retried piece replaces its own entry. */
  key: z.string(),
  /** In words, for the status card: "post the checkpoint request card". */
  what: z.string(),
  at: z.string(),
  /** The failure as the bot reports it, never a setting's value or a token. */
  why: z.string(),
});
export type UndoneWork = z.infer<typeof undoneWorkSchema>;

/**
 * The orchestration's custom status: a compact summary that `status`, `list` and the dashboard card
 * read. It crosses Durable as JSON and is parsed, never cast, when read back.
 */
export const migrationStatusSchema = z.object({
  migrationId: z.string(),
  tenantId: z.string(),
  phase: z.enum(phaseIds),
  checkpoint: checkpointIdSchema.nullable(),
  awaiting: awaitingSchema,
  /** Display names of the people the migration waits on. */
  awaitingWho: z.array(z.string()),
  nextReminderAt: z.string().nullable(),
  remindersSent: z.number().int().nonnegative(),
  completedCheckpoints: z.array(checkpointIdSchema),
  oldServer: z.string(),
  newServer: z.string(),
  ownerName: z.string(),
  /** The owner's time zone, for showing times. */
  timeZone: z.string(),
  startedAt: z.string(),
  updatedAt: z.string(),
  /** The sub-orchestration running the current phase: events for the phase go there. */
  phaseInstanceId: z.string().nullable(),
  /** Reminders stopped by `pause`; evidence is still accepted. */
  paused: z.boolean(),
  outcome: migrationOutcomeSchema,
  /** The decision the migration waits for, so a click can be checked against exactly it. */
  decisionId: z.string().nullable(),
  lastJudgment: z
    .object({ checkpoint: checkpointIdSchema, status: z.enum(judgmentStatuses), at: z.string() })
    .nullable(),
  /** Day k of N after cutover, and an open problem report if there is one. */
  monitoring: z
    .object({
      day: z.number().int().nonnegative(),
      of: z.number().int().positive(),
      problem: z.string().nullable(),
    })
    .nullable(),
  /** The open approval round: when it was asked for, when it lapses, and the verdicts it shows. */
  approval: openApprovalSchema.nullable(),
  /**
   * Set at old-server-staging when the old server's version is below a cutoff in force: the wizard
   * cannot switch it to staging mode, so shutting it down or isolating it may be confirmed instead.
   * Optional: summaries of migrations started before it existed have none.
   */
  oldServerCutoff: oldServerCutoffSchema.nullable().optional(),
  /** How the old server left service instead of staging mode, confirmed by whom and when. */
  oldServerOffline: z
    .object({ how: oldServerOfflineModeSchema, by: z.string(), at: z.string() })
    .nullable()
    .optional(),
  /** The decommission checklist items confirmed so far, by whom and when. */
  decommissionConfirmed: z.array(
    z.object({ item: decommissionItemSchema, by: z.string(), at: z.string() }),
  ),
  /**
   * What the migration could not carry out after its retries (a card not posted, an entry not
   * audited), oldest first: it goes on without it, `retry` tries again. Optional: summaries written
   * before it existed have none.
   */
  undone: z.array(undoneWorkSchema).optional(),
});
export type MigrationStatus = z.infer<typeof migrationStatusSchema>;

/** The summary of a migration that has just started. */
export function initialMigrationStatus(start: MigrationStart, now: Date): MigrationStatus {
  return {
    migrationId: start.migrationId,
    tenantId: start.tenantId,
    phase: 'prepare',
    checkpoint: null,
    awaiting: 'nothing',
    awaitingWho: [],
    nextReminderAt: null,
    remindersSent: 0,
    completedCheckpoints: [],
    oldServer: start.plan.oldServer,
    newServer: start.plan.newServer,
    ownerName: start.owner.name,
    timeZone: start.plan.timeZone,
    startedAt: now.toISOString(),
    updatedAt: now.toISOString(),
    phaseInstanceId: null,
    paused: false,
    outcome: 'running',
    decisionId: null,
    lastJudgment: null,
    monitoring: null,
    approval: null,
    decommissionConfirmed: [],
  };
}

/** Durable's view of an instance plus the parsed summary. */
export interface MigrationRuntimeView {
  runtimeStatus:
    | 'Pending'
    | 'Running'
    | 'Completed'
    | 'Failed'
    | 'Terminated'
    | 'Suspended'
    | 'ContinuedAsNew'
    | 'Unknown';
  status: MigrationStatus | undefined;
}

/** True while an instance can still act (running, waiting or suspended). */
export function isMigrationActive(runtimeStatus: MigrationRuntimeView['runtimeStatus']): boolean {
  return (
    runtimeStatus === 'Pending' || runtimeStatus === 'Running' || runtimeStatus === 'Suspended'
  );
}
