import type { MigrationPlan } from './migration-plan';
import { nextWorkingTime } from './working-hours';

const hour = 3600_000;

/** The longest single durable timer the orchestrations create (the host splits longer ones; see DURABLE-LOCAL.md). */
export const maxTimerMs = 6 * 24 * hour;

/** When the next reminder is due: `afterHours` from `from`, moved into the owner's working hours. */
export function nextReminderDue(plan: MigrationPlan, from: Date, afterHours: number): Date {
  return nextWorkingTime(
    new Date(from.getTime() + afterHours * hour),
    plan.timeZone,
    plan.workingHours,
  );
}

/** The fire time of the next timer towards `due`, never more than `maxTimerMs` ahead. */
export function timerTowards(due: Date, now: Date): Date {
  return new Date(Math.min(due.getTime(), now.getTime() + maxTimerMs));
}
