import type * as df from 'durable-functions';
import type { OrchestrationContext } from 'durable-functions';
import type { MigrationJournal } from '../../migration/migration-journal';
import {
  migrationSignalEvent,
  migrationSignalSchema,
  type MigrationSignal,
} from '../../migration/migration-signals';
import type { MigrationStart } from '../../migration/migration-start';
import type { MigrationStatus } from '../../migration/migration-status';
import { timerTowards } from '../../migration/reminders';
import { nextWorkingTime } from '../../migration/working-hours';

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
}

/** Raised inside the orchestration when the owner cancels; caught where the phase ends. */
export class MigrationCancelled extends Error {
  constructor(readonly by: string) {
    super('The migration was cancelled.');
    this.name = 'MigrationCancelled';
  }
}

/** Raised when the owner confirms the rollback after a monitoring problem. */
export class MigrationRolledBack extends Error {
  constructor(readonly by: string) {
    super('The migration was rolled back.');
    this.name = 'MigrationRolledBack';
  }
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

/** The outcome of offering a signal to the controls every wait shares. */
export type ControlOutcome = { handled: false } | { handled: true; due: Date | null };

/**
 * Pause, resume, snooze and cancel work the same in every wait: reminders stop and restart, a snooze
 * moves the next reminder (`due`) into working hours, cancel ends the migration. The summary's next
 * reminder is published; anything else is left to the step.
 */
export function applyControl(
  run: MigrationRun,
  signal: MigrationSignal,
  due: Date | null,
): ControlOutcome {
  let next = due;
  switch (signal.type) {
    case 'pause':
      publish(run, { paused: true });
      break;
    case 'resume':
      publish(run, { paused: false });
      break;
    case 'snooze': {
      const { plan } = run.start;
      next = nextWorkingTime(
        new Date(now(run).getTime() + signal.minutes * 60_000),
        plan.timeZone,
        plan.workingHours,
      );
      break;
    }
    case 'cancel':
      throw new MigrationCancelled(signal.by.name);
    default:
      return { handled: false };
  }
  publish(run, { nextReminderAt: run.status.paused || next === null ? null : next.toISOString() });
  return { handled: true, due: next };
}

/** Today as YYYY-MM-DD on the orchestration's clock, for the version policy. */
export function today(run: MigrationRun): string {
  return now(run).toISOString().slice(0, 10);
}

/** The two servers, as every card names them. */
export function serversOf(run: MigrationRun): { oldServer: string; newServer: string } {
  return { oldServer: run.start.plan.oldServer, newServer: run.start.plan.newServer };
}
