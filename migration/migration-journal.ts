import { z } from 'zod';
import { factValueSchema, judgmentStatuses } from './judgment';
import { actorSchema, evidenceRefSchema, oldServerOfflineModeSchema } from './migration-signals';
import { checkpointIdSchema } from './runbook';

/**
 * What one phase hands the next: facts later checkpoints read, the old export the configuration is
 * compared with, and the record the final report is built from. Internal: not shown by `status`.
 */
export const migrationJournalSchema = z.object({
  /** Facts of every judged checkpoint, merged (later ones override): `EvaluationContext.recorded`. */
  recorded: z.record(z.string(), factValueSchema),
  /** The old server's export, compared with the new server's applied settings at `config-match`. */
  configExport: evidenceRefSchema.nullable(),
  judgments: z.array(
    z.object({
      checkpoint: checkpointIdSchema,
      status: z.enum(judgmentStatuses),
      at: z.string(),
      by: z.string(),
      evidence: z.array(
        z.object({
          sha256: z.string(),
          bytes: z.number().int().nonnegative(),
          fileName: z.string().optional(),
        }),
      ),
    }),
  ),
  continuedAnyway: z.array(
    z.object({ checkpoint: checkpointIdSchema, by: actorSchema, at: z.string() }),
  ),
  /**
   * How the old server left service when the wizard could not put it in staging mode, and who said
   * so. Optional: journals of migrations started before it existed have none.
   */
  oldServerOffline: z
    .object({ how: oldServerOfflineModeSchema, by: actorSchema, at: z.string() })
    .nullable()
    .optional(),
  approvals: z.array(
    z.object({
      decisionId: z.string(),
      outcome: z.enum(['approved', 'rejected', 'expired']),
      by: actorSchema.nullable(),
      comment: z.string().nullable(),
      requestedAt: z.string(),
      at: z.string(),
    }),
  ),
  checkIns: z.array(
    z.object({
      day: z.number().int(),
      healthy: z.boolean(),
      problem: z.string().nullable(),
      by: actorSchema,
      at: z.string(),
    }),
  ),
  confirmations: z.array(z.object({ item: z.string(), by: actorSchema, at: z.string() })),
});
export type MigrationJournal = z.infer<typeof migrationJournalSchema>;

/** The journal of a migration that has just started. */
export function emptyJournal(): MigrationJournal {
  return {
    recorded: {},
    configExport: null,
    judgments: [],
    continuedAnyway: [],
    oldServerOffline: null,
    approvals: [],
    checkIns: [],
    confirmations: [],
  };
}
