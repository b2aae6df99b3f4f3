import { calendarDateOf, monthNames, type CalendarDate } from '../calendar-date';

/**
 * Every calendar date a date printed in some locale can mean: `9/29/2025` is month-first,
 * `05.01.2023` day-first, `04/05/2026` either. Callers decide only what holds for all of them.
 */
export function calendarDatesOf(printed: string): CalendarDate[] {
  const text = printed.trim();
  const candidates: (CalendarDate | undefined)[] = [];
  const numeric = /^(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})/.exec(text);
  if (numeric !== null) {
    const [, first = '', separator, second = '', third = ''] = numeric;
    const [a, b, c] = [Number(first), Number(second), Number(third)];
    if (first.length === 4) {
      candidates.push(calendarDateOf(a, b, c));
    } else if (third.length === 4) {
      candidates.push(calendarDateOf(c, b, a));
      if (separator !== '.') candidates.push(calendarDateOf(c, a, b));
    }
  }
  const spelled = /(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{4})/.exec(text);
  if (spelled !== null) {
    const month = monthNames.findIndex((name) =>
      name.toLowerCase().startsWith(spelled[2]?.slice(0, 3).toLowerCase() ?? '-'),
    );
    if (month !== -1)
      candidates.push(calendarDateOf(Number(spelled[3]), month + 1, Number(spelled[1])));
  }
  return [...new Set(candidates.filter((date): date is CalendarDate => date !== undefined))];
}
