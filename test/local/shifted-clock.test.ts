import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { faketimeEnvironment } from '../../local/real-durable/faketime';
import { ShiftedClock } from '../../local/shifted-clock';

const folders: string[] = [];
function offsetFile(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'shifted-clock-'));
  folders.push(folder);
  return path.join(folder, 'offset');
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** What `new Date()` reads in a new process started with the clock's environment. */
function childNow(file: string): Date {
  const run = spawnSync(
    process.execPath,
    ['-e', 'process.stdout.write(new Date().toISOString())'],
    {
      env: { ...process.env, ...faketimeEnvironment(file) },
      encoding: 'utf8',
    },
  );
  expect(run.status, run.stderr).toBe(0);
  return new Date(run.stdout);
}

describe('ShiftedClock: one shifted wall clock for this process and the ones it starts', () => {
  it('starts at the time asked for, to the next whole second, and writes the offset libfaketime reads', () => {
    const file = offsetFile();
    const start = new Date('2026-11-23T08:00:00.000Z');
    const clock = new ShiftedClock(file, start);
    const now = clock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(start.getTime());
    expect(now).toBeLessThan(start.getTime() + 10_000);
    expect(readFileSync(file, 'utf8')).toMatch(/^-\d+\n$/);
  });

  it('moves a child process started under libfaketime with it, before and after a jump', async () => {
    const file = offsetFile();
    const clock = new ShiftedClock(file, new Date('2026-11-23T08:00:00.000Z'));
    const before = childNow(file);
    expect(Math.abs(before.getTime() - clock.now().getTime())).toBeLessThan(10_000);

    await clock.jumpTo(new Date('2026-12-01T08:00:00.000Z'));
    expect(readFileSync(file, 'utf8')).toMatch(/^[+-]\d+\n$/);
    const after = childNow(file);
    expect(after.getTime()).toBeGreaterThanOrEqual(Date.parse('2026-12-01T08:00:00.000Z'));
    expect(Math.abs(after.getTime() - clock.now().getTime())).toBeLessThan(10_000);
  });

  it('never goes back: a jump to an earlier time changes nothing', async () => {
    const file = offsetFile();
    const clock = new ShiftedClock(file, new Date('2026-11-23T08:00:00.000Z'));
    const written = readFileSync(file, 'utf8');
    await clock.jumpTo(new Date('2026-11-01T08:00:00.000Z'));
    expect(readFileSync(file, 'utf8')).toBe(written);
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(Date.parse('2026-11-23T08:00:00.000Z'));
  });

  it('goes back to an earlier instant when set there, and the child processes with it', async () => {
    const file = offsetFile();
    const clock = new ShiftedClock(file, new Date('2026-11-24T08:00:00.000Z'));
    await clock.setTo(new Date('2026-11-23T08:00:00.000Z'));
    expect(clock.now().getTime()).toBeLessThan(Date.parse('2026-11-23T08:00:10.000Z'));
    expect(childNow(file).getTime()).toBeLessThan(Date.parse('2026-11-23T08:00:10.000Z'));
  });

  it('fires an alarm when a jump passes its time, and not before', async () => {
    const clock = new ShiftedClock(offsetFile(), new Date('2026-11-23T08:00:00.000Z'));
    const fired: string[] = [];
    clock.setAlarm(new Date('2026-11-24T08:00:00.000Z'), () => fired.push('day 2'));
    const cancel = clock.setAlarm(new Date('2026-11-24T07:00:00.000Z'), () =>
      fired.push('cancelled'),
    );
    cancel();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fired).toEqual([]);
    await clock.jumpTo(new Date('2026-11-24T08:00:00.000Z'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fired).toEqual(['day 2']);
    clock.dispose();
  });
});
