import { minutesOf, type WorkingHours } from './migration-plan';

interface LocalTime {
  year: number;
  month: number;
  day: number;
  /** ISO weekday, Monday = 1. */
  weekday: number;
  minutes: number;
}

const weekdayNumbers: Readonly<Record<string, number>> = {
  Mon: 1,
  Tue: 2,
  Wed: 3,
  Thu: 4,
  Fri: 5,
  Sat: 6,
  Sun: 7,
};

/**
 * The first instant at or after `at` that falls inside the owner's working hours in their time
 * zone, so reminders never arrive at night or at the weekend. Daylight-saving changes are honoured.
 */
export function nextWorkingTime(at: Date, timeZone: string, hours: WorkingHours): Date {
  const start = minutesOf(hours.start);
  const end = minutesOf(hours.end);
  const local = localTimeOf(at, timeZone);
  if (hours.days.includes(local.weekday) && local.minutes >= start && local.minutes < end) {
    return at;
  }
  // Look at most a week ahead for the next working day whose window starts after `at`.
  for (let offset = 0; offset <= 7; offset++) {
    const date = new Date(Date.UTC(local.year, local.month - 1, local.day + offset));
    const weekday = ((date.getUTCDay() + 6) % 7) + 1;
    if (!hours.days.includes(weekday)) continue;
    const candidate = instantOf(
      date.getUTCFullYear(),
      date.getUTCMonth() + 1,
      date.getUTCDate(),
      start,
      timeZone,
    );
    if (candidate.getTime() >= at.getTime()) return candidate;
  }
  // Unreachable with at least one working day; a week later is the safe answer anyway.
  return new Date(at.getTime() + 7 * 24 * 3600_000);
}

/** True when `at` is inside the working hours. */
export function isWorkingTime(at: Date, timeZone: string, hours: WorkingHours): boolean {
  return nextWorkingTime(at, timeZone, hours).getTime() === at.getTime();
}

function localTimeOf(at: Date, timeZone: string): LocalTime {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    weekday: 'short',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  return {
    year: Number(part('year')),
    month: Number(part('month')),
    day: Number(part('day')),
    weekday: weekdayNumbers[part('weekday')] ?? 1,
    minutes: Number(part('hour')) * 60 + Number(part('minute')),
  };
}

/** The UTC instant of a local wall-clock time; a time skipped by a DST change moves forward. */
function instantOf(
  year: number,
  month: number,
  day: number,
  minutes: number,
  timeZone: string,
): Date {
  const wall = Date.UTC(year, month - 1, day, Math.floor(minutes / 60), minutes % 60);
  let guess = wall;
  // Two rounds settle the offset, also across a daylight-saving change.
  for (let round = 0; round < 2; round++) {
    guess = wall - offsetMinutes(new Date(guess), timeZone) * 60_000;
  }
  return new Date(guess);
}

/** Minutes the zone is ahead of UTC at `at`. */
function offsetMinutes(at: Date, timeZone: string): number {
  const local = localTimeOf(at, timeZone);
  const asUtc = Date.UTC(
    local.year,
    local.month - 1,
    local.day,
    Math.floor(local.minutes / 60),
    local.minutes % 60,
  );
  return Math.round((asUtc - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}
