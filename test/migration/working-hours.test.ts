import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WorkingHours } from '../../migration/migration-plan';
import { isWorkingTime, nextWorkingTime } from '../../migration/working-hours';

const officeHours: WorkingHours = { start: '08:00', end: '17:00', days: [1, 2, 3, 4, 5] };

describe('nextWorkingTime', () => {
  it.each([
    [
      'inside working hours stays as it is',
      '2026-11-18T10:30:00Z',
      'Europe/Berlin',
      '2026-11-18T10:30:00.000Z',
    ],
    [
      'at night moves to 08:00 the next morning',
      '2026-11-18T22:00:00Z',
      'Europe/Berlin',
      '2026-11-19T07:00:00.000Z',
    ],
    [
      'early morning moves to 08:00 the same day',
      '2026-11-18T05:00:00Z',
      'Europe/Berlin',
      '2026-11-18T07:00:00.000Z',
    ],
    [
      'Friday evening moves to Monday 08:00',
      '2026-11-20T18:00:00Z',
      'Europe/Berlin',
      '2026-11-23T07:00:00.000Z',
    ],
    [
      'Saturday moves to Monday 08:00',
      '2026-11-21T12:00:00Z',
      'America/New_York',
      '2026-11-23T13:00:00.000Z',
    ],
    [
      'the end of the day is outside',
      '2026-11-18T16:00:00Z',
      'Europe/Berlin',
      '2026-11-19T07:00:00.000Z',
    ],
    [
      'a zone east of UTC across the date line',
      '2026-11-18T20:00:00Z',
      'Pacific/Auckland',
      '2026-11-18T20:00:00.000Z',
    ],
    [
      'the Monday after the spring DST change in Berlin',
      '2026-03-28T12:00:00Z',
      'Europe/Berlin',
      '2026-03-30T06:00:00.000Z',
    ],
    [
      'the Monday after the autumn DST change in New York',
      '2026-10-31T12:00:00Z',
      'America/New_York',
      '2026-11-02T13:00:00.000Z',
    ],
  ])('%s', (_, at, zone, expected) => {
    expect(nextWorkingTime(new Date(at), zone, officeHours).toISOString()).toBe(expected);
  });

  it('honours custom working days (Sunday to Thursday)', () => {
    const hours: WorkingHours = { start: '09:00', end: '18:00', days: [7, 1, 2, 3, 4] };
    // Friday noon in Jerusalem: next working time is Sunday 09:00 local (UTC+2 in November).
    expect(
      nextWorkingTime(new Date('2026-11-20T10:00:00Z'), 'Asia/Jerusalem', hours).toISOString(),
    ).toBe('2026-11-22T07:00:00.000Z');
  });

  it('always returns a working instant no earlier than the input and within a week', () => {
    const zones = [
      'Europe/Berlin',
      'America/Los_Angeles',
      'Asia/Kolkata',
      'Australia/Sydney',
      'UTC',
      'America/Sao_Paulo',
    ];
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2026-01-01T00:00:00Z'),
          max: new Date('2028-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 1, max: 4 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
        (at, zone, startHour, length, days) => {
          const hours: WorkingHours = {
            start: `${String(startHour).padStart(2, '0')}:00`,
            end: `${String(Math.min(23, startHour + length)).padStart(2, '0')}:30`,
            days,
          };
          const next = nextWorkingTime(at, zone, hours);
          expect(next.getTime()).toBeGreaterThanOrEqual(at.getTime());
          expect(next.getTime() - at.getTime()).toBeLessThanOrEqual(8 * 24 * 3600_000);
          expect(isWorkingTime(next, zone, hours)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
