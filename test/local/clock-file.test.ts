import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RealClock } from '../../local/clock';
import { keepClockSaved, resumedClockTime } from '../../local/clock-file';

// Sped-up local time must not run backwards when `npm start` starts again: what a migration recorded
// at a sped-up time would otherwise lie in the future.

describe('the local clock across runs of npm start', () => {
  let dir = '';
  let file = '';
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'clock-'));
    file = path.join(dir, 'clock.json');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('goes on from the last reading plus the real time since, and never starts behind the wall clock', async () => {
    await writeFile(
      file,
      JSON.stringify({ clockAt: '2026-12-20T08:00:00.000Z', wallAt: '2026-12-07T10:00:00.000Z' }),
    );
    const resumed = await resumedClockTime(file, new Date('2026-12-07T10:05:00.000Z'));
    expect(resumed?.toISOString()).toBe('2026-12-20T08:05:00.000Z');

    const ahead = new RealClock(1, resumed);
    expect(ahead.now().getTime()).toBeGreaterThanOrEqual(Date.parse('2026-12-20T08:05:00.000Z'));
    // A reading behind the wall clock (time went on while stopped) starts at the wall clock.
    const behind = new RealClock(1, new Date('2000-01-01T00:00:00Z'));
    expect(behind.now().getTime()).toBeGreaterThanOrEqual(Date.now() - 1000);
  });

  it('has nothing to resume from a missing or unreadable file', async () => {
    expect(await resumedClockTime(file)).toBeUndefined();
    await writeFile(file, 'not json');
    expect(await resumedClockTime(file)).toBeUndefined();
    await writeFile(file, JSON.stringify({ clockAt: 'yesterday' }));
    expect(await resumedClockTime(file)).toBeUndefined();
  });

  it('saves the reading of a sped-up clock, which the next run resumes from', async () => {
    const clock = new RealClock(1440);
    const stop = keepClockSaved(file, clock);
    await stop();
    const resumed = await resumedClockTime(file);
    expect(resumed).toBeDefined();
    // Within a few real milliseconds of saving: a sped-up clock reads minutes ahead by then.
    expect(Math.abs((resumed?.getTime() ?? 0) - clock.now().getTime())).toBeLessThan(60_000 * 1440);
    expect(resumed?.getTime()).toBeGreaterThanOrEqual(Date.now() - 1000);
  });
});
