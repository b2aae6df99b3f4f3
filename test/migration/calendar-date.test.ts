import { describe, expect, it } from 'vitest';
import {
  addMonths,
  daysBetween,
  formatCalendarDate,
  isCalendarDate,
} from '../../migration/calendar-date';
import { calendarDatesOf } from '../../migration/evidence/locale-date';

describe('calendar dates', () => {
  it.each([
    ['2026-09-30', true],
    ['2026-02-29', false],
    ['2028-02-29', true],
    ['2026-9-30', false],
    ['30.09.2026', false],
  ])('accepts %s as a date: %s', (text, valid) => {
    expect(isCalendarDate(text)).toBe(valid);
  });

  it.each([
    ['2025-09-01', 12, '2026-09-01'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2026-01-31', 1, '2026-02-28'],
  ])('adds months to %s (%i) as %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('counts days and formats without locale ambiguity', () => {
    expect(daysBetween('2026-09-29', '2026-10-01')).toBe(2);
    expect(formatCalendarDate('2026-09-30')).toBe('30 September 2026');
  });
});

describe('calendarDatesOf', () => {
  it.each([
    ['9/29/2025 12:51:47 PM', ['2025-09-29']],
    ['05.01.2023 20:28:37', ['2023-01-05']],
    ['04/05/2026 10:00:00', ['2026-05-04', '2026-04-05']],
    ['2017-03-01 11:30:05', ['2017-03-01']],
    ['Fri, 04 Aug 2023 03:54:46 GMT', ['2023-08-04']],
    ['soon', []],
  ])('reads %s as %j', (printed, dates) => {
    expect(calendarDatesOf(printed)).toEqual(dates);
  });
});
