import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { historyEventSchema, runtimeStatusSchema } from './history';

/** Text that `JSON.parse` reads back: inputs, outputs and custom status are stored as JSON text. */
const jsonText = z.string().refine(isJsonText, 'must be JSON text');
const timestamp = z.iso.datetime();
const sequence = z.int().nonnegative();

/** Retry settings as the SDK serialises `RetryOptions`. */
export const retryPolicySchema = z.object({
  firstRetryIntervalInMilliseconds: z.number(),
  maxNumberOfAttempts: z.number(),
  backoffCoefficient: z.number().exactOptional(),
  maxRetryIntervalInMilliseconds: z.number().exactOptional(),
});
export type RetryPolicy = z.infer<typeof retryPolicySchema>;

/** A call the orchestrator made with a retry policy, tracked by the host between attempts. */
const retryStateSchema = z.object({
  kind: z.enum(['activity', 'orchestrator']),
  name: z.string(),
  input: jsonText,
  /** The child instance id the orchestrator gave, for sub-orchestrations. */
  instanceId: z.string().exactOptional(),
  policy: retryPolicySchema,
  /** The attempt now running or last run, from 1. */
  attempt: z.int().positive(),
});
export type RetryState = z.infer<typeof retryStateSchema>;

/** Why a durable timer exists: the orchestrator's own, a wait between retries, or a slice of a long timer. */
const timerPurposeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user') }),
  z.object({ kind: z.literal('retry'), retryKey: z.string() }),
  z.object({ kind: z.literal('long'), finalFireAt: timestamp }),
]);
export type TimerPurpose = z.infer<typeof timerPurposeSchema>;

const pendingTimerSchema = z.object({
  seq: sequence,
  fireAt: timestamp,
  purpose: timerPurposeSchema,
});
export type PendingTimer = z.infer<typeof pendingTimerSchema>;

const pendingActivitySchema = z.object({
  seq: sequence,
  name: z.string(),
  input: jsonText,
  retryKey: z.string().exactOptional(),
});
export type PendingActivity = z.infer<typeof pendingActivitySchema>;

const pendingChildSchema = z.object({
  seq: sequence,
  instanceId: z.string(),
  retryKey: z.string().exactOptional(),
});
export type PendingChild = z.infer<typeof pendingChildSchema>;

/** Everything the local runtime knows about one orchestration instance; persisted as one JSON document. */
const instanceRecordSchema = z.object({
  instanceId: z.string().min(1),
  /**
   * The current execution's id, new on every start and continue-as-new. Records written before
   * executions had ids get one when read: nothing stored refers to it yet.
   */
  executionId: z
    .string()
    .min(1)
    .default(() => randomUUID()),
  name: z.string(),
  runtimeStatus: runtimeStatusSchema,
  /** JSON text of the input. */
  input: jsonText,
  /** JSON text of the output (or of the failure message). */
  output: jsonText.nullable(),
  customStatus: jsonText.nullable(),
  createdTime: timestamp,
  lastUpdatedTime: timestamp,
  parent: z.object({ instanceId: z.string(), seq: sequence }).exactOptional(),
  history: z.array(historyEventSchema),
  /** Events that arrived and are not yet part of an episode (held back while suspended). */
  inbox: z.array(historyEventSchema),
  /** The sequence number the next scheduled task or timer takes. */
  nextSequence: sequence,
  /** The leaf actions of every episode so far, in the order they were first emitted. */
  actionSignatures: z.array(z.string()),
  pendingActivities: z.array(pendingActivitySchema),
  pendingTimers: z.array(pendingTimerSchema),
  pendingChildren: z.array(pendingChildSchema),
  retries: z.record(z.string(), retryStateSchema),
  /** Set once the parent has been told that this instance finished. */
  parentNotified: z.boolean().exactOptional(),
});
export type InstanceRecord = z.infer<typeof instanceRecordSchema>;

/** Raised when a stored instance record cannot be read back: the store names it and every problem. */
export class CorruptInstanceRecordError extends Error {
  override readonly name = 'CorruptInstanceRecordError';

  constructor(
    readonly source: string,
    readonly problems: readonly string[],
    options?: ErrorOptions,
  ) {
    super(
      `The durable instance record ${source} is corrupt:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
      options,
    );
  }
}

/** Reads one stored record; `source` says where it came from, for the error. */
export function parseInstanceRecord(text: string, source: string): InstanceRecord {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CorruptInstanceRecordError(source, ['not JSON'], { cause: error });
  }
  const parsed = instanceRecordSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new CorruptInstanceRecordError(source, problemsOf(parsed.error), { cause: parsed.error });
}

/** One line per problem, each naming the field it is about. */
export function problemsOf(error: z.ZodError): string[] {
  return error.issues.map(
    (issue) => `${issue.path.map(String).join('.') || 'the whole value'}: ${issue.message}`,
  );
}

function isJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    // JSON.parse throws a SyntaxError for anything that is not JSON: that is the answer.
    return false;
  }
}
