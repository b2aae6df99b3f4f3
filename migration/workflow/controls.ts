import type { MigrationSignal } from '../migration-signals';
import type { MigrationStart } from '../migration-start';
import { nextWorkingTime } from '../working-hours';
import { withStatus, type MigrationRecord } from './workflow';

/** What offering a signal to the controls every wait shares gave. */
export type ControlOutcome =
  | { readonly handled: false }
  | {
      readonly handled: true;
      readonly record: MigrationRecord;
      /** The step's next reminder after the control (a snooze moves it). */
      readonly due: Date | null;
    }
  | { readonly handled: true; readonly cancelledBy: string };

/**
 * Pause, resume, snooze and cancel work the same in every wait: reminders stop and restart, a snooze
 * moves the next reminder into working hours (never earlier than the snooze asked for), cancel ends
 * the migration. `snoozable: false` for a step whose timers are not reminders (monitoring check-ins):
 * a snooze there changes nothing but is still taken. The summary shows the next reminder.
 */
export function applyControl(
  start: MigrationStart,
  record: MigrationRecord,
  signal: MigrationSignal,
  due: Date | null,
  at: Date,
  options: { readonly snoozable: boolean } = { snoozable: true },
): ControlOutcome {
  let paused = record.status.paused;
  let next = due;
  switch (signal.type) {
    case 'pause':
      paused = true;
      break;
    case 'resume':
      paused = false;
      break;
    case 'snooze':
      if (options.snoozable) next = snoozedUntil(start, signal.minutes, at);
      break;
    case 'cancel':
      return { handled: true, cancelledBy: signal.by.name };
    default:
      return { handled: false };
  }
  const nextReminderAt = paused || next === null ? null : next.toISOString();
  return { handled: true, record: withStatus(record, { paused, nextReminderAt }, at), due: next };
}

/** When a snoozed reminder comes: `minutes` from now, moved into the owner's working hours. */
export function snoozedUntil(start: MigrationStart, minutes: number, at: Date): Date {
  return nextWorkingTime(
    new Date(at.getTime() + minutes * 60_000),
    start.plan.timeZone,
    start.plan.workingHours,
  );
}
