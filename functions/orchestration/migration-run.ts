import type * as df from 'durable-functions';
import type { OrchestrationContext } from 'durable-functions';
import { calendarDateAt } from '../../migration/calendar-date';
import type { MigrationJournal } from '../../migration/migration-journal';
import {
  migrationSignalEvent,
  migrationSignalSchema,
  type MigrationSignal,
} from '../../migration/migration-signals';
import type { MigrationStart } from '../../migration/migration-start';
import type { MigrationStatus } from '../../migration/migration-status';
import { timerTowards } from '../../migration/reminders';
import { serversOf as serversOfStart } from '../../migration/workflow/workflow';

/** The generator type every orchestration step has. */
export type Step<T> = Generator<df.Task, T, unknown>;

/**
 * One migration as an orchestration step sees it: its fixed input, the summary others read (custom
 * status) and the journal handed from phase to phase. Steps change these and publish the status.
 */
export interface MigrationRun {
  readonly context: OrchestrationContext;
  readonly start: MigrationStart;
  status: MigrationStatus;
  journal: MigrationJournal;
  /**
   * How to redo the work this phase left undone, by its key (activity-calls.ts). Rebuilt on every
   * replay by the same code, so it needs no storage.
   */
  readonly redo: Map<string, () => Step<boolean>>;
}

/** The orchestration's clock: the only time an orchestrator may read. */
export function now(run: MigrationRun): Date {
  return run.context.df.currentUtcDateTime;
}

/** Updates the summary and publishes it as the custom status. */
export function publish(run: MigrationRun, change: Partial<MigrationStatus>): void {
  run.status = { ...run.status, ...change, updatedAt: now(run).toISOString() };
  run.context.df.setCustomStatus(run.status);
}

/** What a wait ended with. */
export type WaitOutcome =
  { kind: 'signal'; signal: MigrationSignal } | { kind: 'time' } | { kind: 'unreadable' };

/**
 * Waits for the next signal, or until `until` (null: no deadline). Timers never reach more than six
 * days ahead (DURABLE-LOCAL.md hazards); a wait that ends early on time is simply waited again.
 */
export function* waitForSignal(run: MigrationRun, until: Date | null): Step<WaitOutcome> {
  const event = run.context.df.waitForExternalEvent(migrationSignalEvent);
  if (until === null) {
    return readSignal(run, yield event);
  }
  const timer = run.context.df.createTimer(timerTowards(until, now(run)));
  const winner: unknown = yield run.context.df.Task.any([event, timer]);
  if (winner === event) {
    timer.cancel();
    return readSignal(run, event.result);
  }
  return { kind: 'time' };
}

/** A signal is dated by the orchestration's clock when it is taken: one clock for the whole record. */
function readSignal(run: MigrationRun, value: unknown): WaitOutcome {
  const parsed = migrationSignalSchema.safeParse(value);
  if (!parsed.success) return { kind: 'unreadable' };
  return { kind: 'signal', signal: { ...parsed.data, at: now(run).toISOString() } };
}

/** Today as YYYY-MM-DD on the orchestration's clock, for the version policy. */
export function today(run: MigrationRun): string {
  return calendarDateAt(now(run));
}

/** The two servers, as every card names them. */
export function serversOf(run: MigrationRun): { oldServer: string; newServer: string } {
  return serversOfStart(run.start);
}
