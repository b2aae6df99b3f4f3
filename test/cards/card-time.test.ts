import { describe, expect, it } from 'vitest';
import { formatDay, formatElapsed, formatInstant, formatMinutes } from '../../cards/card-time';

describe('durations as people write them', () => {
  it.each([
    [240, '4 hours'],
    [60, '1 hour'],
    [90, '1 hour 30 minutes'],
    [1440, '1 day'],
    [1500, '1 day 1 hour'],
    [1, '1 minute'],
    [0, '0 minutes'],
  ])('writes %i minutes as %s', (minutes, text) => {
    expect(formatMinutes(minutes)).toBe(text);
  });

  it('rounds how long something waited to its largest unit', () => {
    expect(formatElapsed('2026-11-18T09:00:00Z', '2026-11-20T10:00:00Z')).toBe('2 days');
    expect(formatElapsed('2026-11-18T09:00:00Z', '2026-11-18T13:59:00Z')).toBe('4 hours');
    expect(formatElapsed('2026-11-18T09:00:00Z', '2026-11-18T09:20:00Z')).toBe('20 minutes');
  });
});

describe('instants in the time zone of the migration', () => {
  it('writes each instant in its own zone, whichever zones were written before', () => {
    const at = '2026-10-14T07:30:00Z';
    expect(formatInstant(at, 'Europe/Berlin')).toBe('Wed 14 Oct 2026, 09:30 CEST');
    expect(formatInstant(at, 'America/New_York')).toBe('Wed 14 Oct 2026, 03:30 GMT-4');
    expect(formatInstant('2026-12-14T07:30:00Z', 'Europe/Berlin')).toBe(
      'Mon 14 Dec 2026, 08:30 CET',
    );
    expect(formatDay('2026-10-14T03:00:00Z', 'America/Los_Angeles')).toBe('13 Oct 2026');
    expect(formatDay('2026-10-14T03:00:00Z', 'Europe/Berlin')).toBe('14 Oct 2026');
  });

  it('refuses a time zone that does not exist, every time it is asked', () => {
    expect(() => formatInstant('2026-10-14T07:30:00Z', 'Mars/Olympus_Mons')).toThrow(RangeError);
    expect(() => formatInstant('2026-10-14T07:30:00Z', 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
