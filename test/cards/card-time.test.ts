import { describe, expect, it } from 'vitest';
import { formatElapsed, formatMinutes } from '../../cards/card-time';

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
