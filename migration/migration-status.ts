import { z } from 'zod';
import { checkpointIdSchema, phaseIds } from './runbook';

/** What the migration is waiting for. */
export const awaitingSchema = z.enum(['evidence', 'approval', 'confirmation', 'nothing']);
export type Awaiting = z.infer<typeof awaitingSchema>;

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
  startedAt: z.string(),
  updatedAt: z.string(),
});
export type MigrationStatus = z.infer<typeof migrationStatusSchema>;

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
export function isMigrationActive(view: MigrationRuntimeView): boolean {
  return (
    view.runtimeStatus === 'Pending' ||
    view.runtimeStatus === 'Running' ||
    view.runtimeStatus === 'Suspended'
  );
}
