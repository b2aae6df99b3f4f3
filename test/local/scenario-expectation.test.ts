import { describe, expect, it } from 'vitest';
import { includesWithClockSlack } from '../../local/scenario/expectation';

describe('includesWithClockSlack: times of day may read a little later on the real engine', () => {
  const card = 'Next reminder: Wed 25 Nov 2026, 09:01 CET';

  it('is plain includes without slack', () => {
    expect(includesWithClockSlack(card, 'Wed 25 Nov 2026, 09:01', 0)).toBe(true);
    expect(includesWithClockSlack(card, 'Wed 25 Nov 2026, 09:00', 0)).toBe(false);
  });

  it('accepts a time up to the slack later, never earlier', () => {
    expect(includesWithClockSlack(card, 'Wed 25 Nov 2026, 09:00', 1)).toBe(true);
    expect(includesWithClockSlack(card, 'Wed 25 Nov 2026, 08:59', 1)).toBe(false);
    expect(includesWithClockSlack(card, 'Wed 25 Nov 2026, 09:02', 5)).toBe(false);
  });

  it('keeps the rest of the text exact, regular expression characters included', () => {
    expect(includesWithClockSlack(card, 'Thu 25 Nov 2026, 09:00', 3)).toBe(false);
    expect(includesWithClockSlack('at 09:01 (CET) [x]', 'at 09:00 (CET) [x]', 2)).toBe(true);
    expect(includesWithClockSlack('at 09:01 .CET', 'at 09:00 (CET)', 2)).toBe(false);
  });

  it('crosses the hour and midnight, written as the expectation writes hours', () => {
    expect(includesWithClockSlack('at 10:01', 'at 09:58', 3)).toBe(true);
    expect(includesWithClockSlack('at 00:01', 'at 23:59', 2)).toBe(true);
    expect(includesWithClockSlack('at 9:01', 'at 9:00', 1)).toBe(true);
  });

  it('leaves strings without a time exact', () => {
    expect(includesWithClockSlack('Approved by Megan', 'Approved by Megan', 5)).toBe(true);
    expect(includesWithClockSlack('Approved by Megan', 'Approved by Meg.n', 5)).toBe(false);
  });
});
