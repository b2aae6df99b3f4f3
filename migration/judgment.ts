import { z } from 'zod';
import { checkpointIdSchema, evidenceKinds } from './runbook';

/** How a checkpoint stands after its evidence was judged. */
export const judgmentStatuses = ['pass', 'warn', 'fail', 'unknown'] as const;
export type JudgmentStatus = (typeof judgmentStatuses)[number];

export const findingSeveritySchema = z.enum(['info', 'warning', 'error']);
export type FindingSeverity = z.infer<typeof findingSeveritySchema>;

/** One thing the evaluator noticed: what is wrong (or notable) and exactly what to run or click to fix it. */
export const findingSchema = z.object({
  severity: findingSeveritySchema,
  message: z.string(),
  remediation: z.string().optional(),
  /** The id of the known error the finding reports (pasted-errors.ts), when it reports one. */
  pastedError: z.string().optional(),
  /** Evidence still to send: any one of these kinds answers the finding (evidence-requests.ts). */
  needs: z.array(z.enum(evidenceKinds)).optional(),
  /** What that evidence is needed for, such as "for staging mode". */
  neededFor: z.string().optional(),
});
export type Finding = z.infer<typeof findingSchema>;

/** A fact read from the evidence, shown on the result card and kept for later checkpoints. */
export const factValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type FactValue = z.infer<typeof factValueSchema>;

/** The verdict on one checkpoint. Crosses Durable as JSON, so it is plain data. */
export const judgmentSchema = z.object({
  checkpoint: checkpointIdSchema,
  status: z.enum(judgmentStatuses),
  findings: z.array(findingSchema),
  facts: z.record(z.string(), factValueSchema),
  /**
   * For a step still undecided because some of its outputs are missing: the outputs received and
   * the ones still needed, in words (evidence-progress.ts).
   */
  progress: z.object({ received: z.array(z.string()), missing: z.array(z.string()) }).optional(),
});
export type Judgment = z.infer<typeof judgmentSchema>;
