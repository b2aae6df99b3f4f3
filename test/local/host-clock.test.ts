import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../local/clock';
import { hostClockKey as runtimeKey } from '../../local/runtime';
import { appNow, hostClockKey as appKey } from '../../platform/clock';

// One clock for every time the app shows: the local runtime installs its clock where the app reads
// it, so a turn's time and an orchestration's time agree under LOCAL_TIME_SCALE and in scenarios.

describe('the host clock seam', () => {
  const saved: unknown = Reflect.get(globalThis, appKey);
  afterEach(() => {
    Reflect.set(globalThis, appKey, saved);
  });

  it('is the same key on both sides', () => {
    expect(runtimeKey).toBe(appKey);
  });

  it('gives the installed clock, and the wall clock when none is (or it is unusable)', () => {
    const clock = new VirtualClock(new Date('2026-11-23T08:00:00Z'));
    Reflect.set(globalThis, appKey, () => clock.now());
    expect(appNow().toISOString()).toBe('2026-11-23T08:00:00.000Z');

    Reflect.set(globalThis, appKey, undefined);
    expect(Math.abs(appNow().getTime() - Date.now())).toBeLessThan(1000);
    Reflect.set(globalThis, appKey, () => 'not a date');
    expect(Math.abs(appNow().getTime() - Date.now())).toBeLessThan(1000);
  });
});
