import { z } from 'zod';
import { checkpointIdSchema } from './runbook';

/** Durable external event names: wire contracts, never renamed (running instances wait on them by name). */
export const migrationEvents = {
  evidenceSubmitted: 'EvidenceSubmitted',
} as const;

/** Where stored evidence lives: the event carries only this reference, never the content. */
export const evidenceRefSchema = z.object({
  blobName: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().nonnegative(),
  fileName: z.string().optional(),
});
export type EvidenceRef = z.infer<typeof evidenceRefSchema>;

/** Evidence for a checkpoint was stored; the orchestrator judges it. */
export const evidenceSubmittedSchema = z.object({
  checkpoint: checkpointIdSchema,
  evidence: evidenceRefSchema,
  submittedBy: z.object({ aadObjectId: z.string(), name: z.string() }),
  submittedAt: z.string(),
});
export type EvidenceSubmitted = z.infer<typeof evidenceSubmittedSchema>;
