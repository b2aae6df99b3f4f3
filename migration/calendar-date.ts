/** A calendar date as `YYYY-MM-DD`; the domain never reads the clock, so "today" arrives in this form. */
export type CalendarDate = string;

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real `YYYY-MM-DD` date (not 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  const match = isoDate.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/** `YYYY-MM-DD` of a year, month (1-12) and day, or undefined when that day does not exist. */
export function calendarDateOf(year: number, month: number, day: number): CalendarDate | undefined {
  const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isCalendarDate(text) ? text : undefined;
}

/** The date `months` later; the day is clamped to the end of a shorter month. */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  return target.toISOString().slice(0, 8) + String(Math.min(day, lastDay)).padStart(2, '0');
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((utcMillis(to) - utcMillis(from)) / 86_400_000);
}

function utcMillis(date: CalendarDate): number {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return Date.UTC(year, month - 1, day);
}

/** `30 September 2026`: how dates read in findings, with no locale ambiguity. */
export function formatCalendarDate(date: CalendarDate): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return `${day} ${monthNames[month - 1] ?? '?'} ${year}`;
}

/** English month names, January first. */
export const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** `YYYY-MM-DD` of an instant in UTC, as the orchestration dates the version policy. */
export function calendarDateAt(at: Date): CalendarDate {
  return at.toISOString().slice(0, 10);
}
