import { daysBetween, type CalendarDate } from '../calendar-date';
import { calendarDatesOf } from '../evidence/locale-date';
import type { SchedulerSettings } from '../evidence/scheduler-output';
import type { Finding } from '../judgment';

/** Learn: how-to-connect-sync-feature-scheduler: "a synchronization cycle is run at least once every 7 days". */
const maximumIntervalMinutes = 7 * 24 * 60;

/** A next sync start this many days in the past means the scheduler has not run since. */
const staleAfterDays = 2;

/** Findings about a scheduler that will not keep the directory in sync: too long an interval, suspended, stalled. */
export function schedulerHealthFindings(
  scheduler: SchedulerSettings,
  today: CalendarDate,
  options: { expectRunning: boolean },
): Finding[] {
  const findings: Finding[] = [];
  const minutes = scheduler.customizedSyncCycleMinutes;
  if (minutes !== undefined && minutes > maximumIntervalMinutes) {
    findings.push({
      severity: 'warning',
      message: `The customized sync interval (${scheduler.customizedSyncCycleInterval ?? ''}) is longer than 7 days; Learn requires a delta sync at least every 7 days, or a full sync is needed to recover.`,
      remediation: 'Run Set-ADSyncScheduler -CustomizedSyncCycleInterval 1.00:00:00 (or shorter).',
    });
  }
  // Learn: scheduler page: SchedulerSuspended is "Set by Connect during an upgrade"; an open wizard also suspends it.
  if (scheduler.schedulerSuspended === true) {
    findings.push({
      severity: 'warning',
      message:
        'The scheduler is suspended (SchedulerSuspended : True): no sync cycle runs while an upgrade or the Entra Connect wizard is in progress.',
      remediation:
        'Close the Entra Connect wizard and let any upgrade finish, then run Get-ADSyncScheduler again and check SchedulerSuspended : False.',
    });
  }
  const next = scheduler.nextSyncCycleStartTimeInUTC;
  if (options.expectRunning && next !== undefined && scheduler.syncCycleEnabled === true) {
    const dates = calendarDatesOf(next);
    const stale =
      dates.length > 0 && dates.every((date) => daysBetween(date, today) > staleAfterDays);
    if (stale) {
      findings.push({
        severity: 'warning',
        message: `The next sync cycle was due at ${next} (UTC), more than ${staleAfterDays} days before ${today}: either this output is old or the scheduler has not run since.`,
        remediation:
          'Run Get-ADSyncScheduler again now; if NextSyncCycleStartTimeInUTC is still in the past, check that the ADSync service is running (Get-Service ADSync) and run Start-ADSyncSyncCycle -PolicyType Delta.',
      });
    }
  }
  return findings;
}
