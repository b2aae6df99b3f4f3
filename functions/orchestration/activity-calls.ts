import * as df from 'durable-functions';
import type { RegisteredActivityTask } from 'durable-functions';
import { z } from 'zod';
import type { UndoneWork } from '../../migration/migration-status';
import { appendAudit, postMessage } from '../migration-activities';
import { now, publish, type MigrationRun, type Step } from './migration-run';

// Every activity of a migration goes through `attempt`: Durable retries it with the policy of its
// kind (the retries are timers in the history, so they survive a restart), and a failure that
// outlasts them comes back as a value. The migration never fails because one activity did: the
// caller goes on without the result (a fallback its rules understand), the work is recorded as
// undone on the status card and in the audit log, and `retry` or the next wake tries it again.

/** How often, and how patiently, an activity of one kind is retried before it counts as undone. */
export interface RetryPolicy {
  readonly firstRetryMs: number;
  readonly attempts: number;
  readonly maxRetryMs: number;
}

/**
 * The policies, by what the activity talks to. Teams throttling is waited out inside the sender
 * (Retry-After), so these cover a connector or storage outage: about two minutes for a message or
 * an audit entry or the migration slot, less for a judgment the admin waits on in the chat, and one retry for the
 * optional Graph reading, which the check-in can do without.
 */
export const retryPolicies = {
  send: { firstRetryMs: 5_000, attempts: 5, maxRetryMs: 60_000 },
  storage: { firstRetryMs: 5_000, attempts: 5, maxRetryMs: 60_000 },
  judge: { firstRetryMs: 2_000, attempts: 3, maxRetryMs: 10_000 },
  optional: { firstRetryMs: 10_000, attempts: 2, maxRetryMs: 10_000 },
} as const satisfies Record<string, RetryPolicy>;

/** An activity's result, or why it did not come. */
export type Attempt<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const MAX_ERROR_CHARS = 300;

/**
 * Calls an activity with retries and reads its result with `parse`; a failure after the last retry
 * (or a result `parse` refuses) is returned, not thrown. Deterministic: the same history gives the
 * same outcome on replay.
 */
export function* attempt<T>(
  task: RegisteredActivityTask,
  policy: RetryPolicy,
  parse: (raw: unknown) => T,
): Step<Attempt<T>> {
  const options = new df.RetryOptions(policy.firstRetryMs, policy.attempts);
  options.backoffCoefficient = 2;
  options.maxRetryIntervalInMilliseconds = policy.maxRetryMs;
  try {
    const raw: unknown = yield task.withRetry(options);
    return { ok: true, value: parse(raw) };
  } catch (error) {
    return { ok: false, error: firstLineOf(error) };
  }
}

/**
 * A failure in one short line: enough for the audit log to say what broke. Activities throw their
 * own messages and storage or Graph errors, none of which carries a setting's value; a result the
 * orchestration could not read says which fields were wrong (a ZodError's message is JSON over
 * many lines).
 */
function firstLineOf(error: unknown): string {
  const text =
    error instanceof z.ZodError
      ? `unreadable result: ${error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`
      : error instanceof Error
        ? error.message
        : String(error);
  const line = text.split(/\r?\n/u, 1)[0] ?? '';
  return line.length > MAX_ERROR_CHARS ? `${line.slice(0, MAX_ERROR_CHARS - 1)}…` : line;
}

/**
 * Records work that could not be done: on the status card (replacing an earlier entry of the same
 * key) and in the audit log. The audit entry is itself attempted once; if the audit log is what
 * fails, the status card still says so.
 */
export function* recordUndone(
  run: MigrationRun,
  work: Pick<UndoneWork, 'key' | 'what' | 'why'>,
  error: string,
): Step<void> {
  const at = now(run).toISOString();
  const undone = [...(run.status.undone ?? []).filter((entry) => entry.key !== work.key)];
  undone.push({ ...work, at });
  publish(run, { undone });
  const audited = yield* attempt(
    appendAudit({
      entries: [
        {
          migrationId: run.start.migrationId,
          at,
          kind: 'notice',
          summary: `Not done after retries: ${work.what} (${work.why}). Say retry to try again.`,
          detail: { work: work.key, error },
          idempotencyKey: `${run.start.migrationId}:undone:${work.key}:${at}`,
        },
      ],
    }),
    retryPolicies.optional,
    () => undefined,
  );
  if (!audited.ok && !run.context.df.isReplaying) {
    run.context.warn('The audit log could not record undone work', {
      migrationId: run.start.migrationId,
      work: work.key,
    });
  }
  // The owner hears of it where the migration runs, unless sending is what fails; that one is on
  // the status card only. Tried once, never itself left undone.
  if (work.key.startsWith('post:')) return;
  yield* attempt(
    postMessage({
      migrationId: run.start.migrationId,
      tenantId: run.start.tenantId,
      target: { kind: 'conversation', key: run.start.conversationKey },
      sendKey: `${run.start.migrationId}:undone:${work.key}:${at}`,
      text: `I could not ${work.what} (${work.why}). The migration goes on without it: type retry once that is fixed, or I try again at the next reminder.`,
    }),
    retryPolicies.optional,
    () => undefined,
  );
}

/**
 * Runs `call` once; when it fails, records the work as undone and keeps `call` to redo it: `retry`,
 * or the next timer of a step of the same phase, runs it again (`redoUndone`).
 */
export function* doOrLeaveUndone<T>(
  run: MigrationRun,
  work: Pick<UndoneWork, 'key' | 'what' | 'why'>,
  call: () => Step<Attempt<T>>,
): Step<Attempt<T>> {
  const outcome = yield* call();
  if (outcome.ok) return outcome;
  yield* recordUndone(run, work, outcome.error);
  run.redo.set(work.key, function* () {
    return (yield* call()).ok;
  });
  return outcome;
}

/** Runs the undone work of this phase again; what succeeds leaves the status card. */
export function* redoUndone(run: MigrationRun): Step<void> {
  for (const [key, redo] of [...run.redo]) {
    if (!(yield* redo())) continue;
    run.redo.delete(key);
    clearUndone(run, key);
  }
}

/**
 * A phase starts: work a phase before left undone cannot be redone from here (its calls were that
 * phase's), so it leaves the status card; the audit log keeps it.
 */
export function forgetEarlierUndone(run: MigrationRun): void {
  if ((run.status.undone ?? []).length === 0) return;
  publish(run, { undone: [] });
}

/** Takes work off the status card once it was done after all. */
function clearUndone(run: MigrationRun, key: string): void {
  const undone = run.status.undone ?? [];
  if (!undone.some((entry) => entry.key === key)) return;
  publish(run, { undone: undone.filter((entry) => entry.key !== key) });
}
