import { describe, expect, it } from 'vitest';
import {
  clockDue,
  clockWakeUp,
  monitoringRules,
  resumeClock,
  startClock,
  stopClock,
} from '../../../migration/workflow/monitoring';
import {
  at,
  effectNames,
  evidence,
  freshRecord,
  judgment,
  last,
  megan,
  play,
  signal,
  start,
  time,
} from './support/workflow-fixtures';

const plan = start.plan;
// Cutover on Monday 2026-11-16 at 10:00 Berlin time.
const cutover = at('2026-11-16T09:00:00Z');

describe('the monitoring clock', () => {
  it('runs N calendar days from the cutover, with the first check-in a day later', () => {
    expect(startClock(3, cutover, plan)).toEqual({
      total: 3,
      startedAt: cutover.getTime(),
      endAt: at('2026-11-19T09:00:00Z'),
      day: 0,
      nextCheckIn: at('2026-11-17T09:00:00Z'),
      stopped: null,
    });
  });

  it('puts a check-in that falls on a weekend on Monday morning', () => {
    const friday = at('2026-11-20T09:00:00Z');
    expect(startClock(7, friday, plan).nextCheckIn).toEqual(at('2026-11-23T07:00:00Z'));
  });

  it.each([
    ['nothing before the first check-in', '2026-11-17T08:59:59Z', { kind: 'nothing' }],
    ['day 1 when it is due', '2026-11-17T09:00:00Z', { kind: 'check-in', day: 1 }],
    // A late episode is still the day it was due.
    ['day 1 when the episode runs late', '2026-11-18T08:00:00Z', { kind: 'check-in', day: 1 }],
  ])('%s', (_name, when, due) => {
    expect(clockDue(startClock(3, cutover, plan), at(when), plan)).toMatchObject(due);
  });

  it('gives the last check-in a working day to be answered before monitoring ends', () => {
    let clock = startClock(3, cutover, plan);
    for (const [when, day] of [
      ['2026-11-17T09:00:00Z', 1],
      ['2026-11-18T09:00:00Z', 2],
      ['2026-11-19T09:00:00Z', 3],
    ] as const) {
      const due = clockDue(clock, at(when), plan);
      expect(due).toMatchObject({ kind: 'check-in', day });
      if (due.kind !== 'check-in') throw new Error('no check-in');
      clock = due.clock;
    }
    // Day 3 came at 10:00 on Thursday; 8 hours later is 18:00, after hours: Friday 08:00.
    expect(clock.endAt).toEqual(at('2026-11-20T07:00:00Z'));
    expect(clockDue(clock, at('2026-11-19T16:00:00Z'), plan)).toEqual({ kind: 'nothing' });
    expect(clockDue(clock, clock.endAt, plan)).toEqual({ kind: 'ended' });
  });

  it('stands still while a problem is open and gives back what was left on resume', () => {
    const clock = startClock(3, cutover, plan);
    const stopped = stopClock(clock, at('2026-11-16T15:00:00Z'));
    expect(stopped.stopped).toEqual({ toEnd: 66 * 3600_000, toCheckIn: 18 * 3600_000 });
    expect(clockWakeUp(stopped)).toBeNull();
    expect(clockDue(stopped, at('2026-11-30T09:00:00Z'), plan)).toEqual({ kind: 'nothing' });
    // A second report while stopped changes nothing.
    expect(stopClock(stopped, at('2026-11-17T15:00:00Z'))).toBe(stopped);

    // Resumed two days later, Wednesday 16:00 Berlin: both instants move by two days.
    const resumed = resumeClock(stopped, at('2026-11-18T15:00:00Z'), plan);
    expect(resumed.stopped).toBeNull();
    expect(resumed.nextCheckIn).toEqual(at('2026-11-19T09:00:00Z'));
    // 66 hours left from Wednesday 16:00 is Saturday 10:00: moved to Monday 08:00.
    expect(resumed.endAt).toEqual(at('2026-11-23T07:00:00Z'));
    expect(resumed.startedAt).toBe(clock.startedAt + 48 * 3600_000);
  });
});

describe('the monitoring step', () => {
  const begin = () => play(monitoringRules, freshRecord(cutover), cutover, []);

  it('announces the cutover and waits for the first check-in', () => {
    const [first] = begin();
    expect(effectNames(first?.effects ?? [])).toEqual(['post:monitoring:start']);
    expect(first?.record.status.monitoring).toEqual({ day: 0, of: 3, problem: null });
    expect(first?.next).toEqual({ kind: 'wait', until: at('2026-11-17T09:00:00Z') });
  });

  it('reads the cloud sync, then posts the check-in with it', () => {
    const reading = {
      lastSyncAt: '2026-11-17T08:40:00Z',
      checkedAt: '2026-11-17T09:00:00Z',
      maxAgeMinutes: 90,
    };
    const [, due, posted] = play(monitoringRules, freshRecord(cutover), cutover, [
      [time, at('2026-11-17T09:00:00Z')],
      [{ kind: 'cloud-sync', reading }, at('2026-11-17T09:00:01Z')],
    ]);
    expect(due?.next).toEqual({ kind: 'request', request: { kind: 'read-cloud-sync' } });
    expect(due?.record.status.monitoring?.day).toBe(1);
    expect(posted?.effects).toEqual([
      expect.objectContaining({
        purpose: 'monitoring:check-in:1',
        notice: { kind: 'check-in', day: 1, totalDays: 3, cloudSync: reading },
      }),
    ]);
  });

  it('counts the day but sends no card while paused', () => {
    const after = last(
      play(monitoringRules, freshRecord(cutover), cutover, [
        [signal('pause', {}), at('2026-11-16T10:00:00Z')],
        [time, at('2026-11-17T09:00:00Z')],
      ]),
    );
    expect(after.effects).toEqual([]);
    expect(after.record.status.monitoring?.day).toBe(1);
    expect(after.next.kind).toBe('wait');
  });

  it('stops the clock on a problem with the rollback guide; only the owner resumes or rolls back', () => {
    const problem = signal('check-in', {
      day: 1,
      healthy: false,
      problem: 'Password sync lags.',
      by: megan,
    });
    const decisions = play(monitoringRules, freshRecord(cutover), cutover, [
      [problem, at('2026-11-16T15:00:00Z')],
      [signal('resume-monitoring', { by: megan }), at('2026-11-17T09:00:00Z')],
      [signal('rollback-done', { by: megan }), at('2026-11-17T09:00:00Z')],
      [time, at('2026-11-18T09:00:00Z')],
      [signal('resume-monitoring', {}), at('2026-11-18T15:00:00Z')],
    ]);
    const [, reported, notOwner, notOwnerRollback, whileStopped, resumed] = decisions;
    expect(effectNames(reported?.effects ?? [])).toEqual([
      'post:monitoring:rollback-guide:1',
      'audit:monitoring:problem:1',
    ]);
    expect(reported?.record.status).toMatchObject({
      awaiting: 'confirmation',
      monitoring: { problem: 'Password sync lags.' },
      nextReminderAt: null,
    });
    expect(reported?.next).toEqual({ kind: 'wait', until: null });
    expect(notOwner?.effects).toEqual([]);
    expect(notOwnerRollback?.next).toEqual({ kind: 'wait', until: null });
    expect(whileStopped?.effects).toEqual([]);
    expect(effectNames(resumed?.effects ?? [])).toEqual(['audit:monitoring:resumed:1']);
    expect(resumed?.record.status.monitoring?.problem).toBeNull();
    expect(resumed?.next).toEqual({ kind: 'wait', until: at('2026-11-19T09:00:00Z') });
  });

  it('ends in a rollback when the owner confirms it', () => {
    const after = last(
      play(monitoringRules, freshRecord(cutover), cutover, [
        [signal('check-in', { day: 1, healthy: false }), at('2026-11-16T15:00:00Z')],
        [signal('rollback-done', {}), at('2026-11-16T16:00:00Z')],
      ]),
    );
    expect(after.next).toEqual({ kind: 'end', outcome: 'rolled-back', by: 'Alex Wilber' });
  });

  it('does not move a check-in on snooze: check-ins are not reminders', () => {
    const after = last(
      play(monitoringRules, freshRecord(cutover), cutover, [
        [signal('snooze', { minutes: 1440 }), cutover],
      ]),
    );
    expect(after.next).toEqual({ kind: 'wait', until: at('2026-11-17T09:00:00Z') });
    expect(after.record.status.nextReminderAt).toBe('2026-11-17T09:00:00.000Z');
  });

  it('judges evidence sent during monitoring and answers with the result', () => {
    const [, asked, answered] = play(monitoringRules, freshRecord(cutover), cutover, [
      [{ kind: 'signal', signal: evidence('monitoring', 1) }, at('2026-11-16T12:00:00Z')],
      [{ kind: 'judged', judgment: judgment('monitoring', 'warn') }, at('2026-11-16T12:00:01Z')],
    ]);
    expect(asked?.next).toMatchObject({
      kind: 'request',
      request: { kind: 'judge', checkpointId: 'monitoring' },
    });
    expect(effectNames(answered?.effects ?? [])).toEqual([
      'post:monitoring:result:1',
      'audit:monitoring:judgment:1',
    ]);
    expect(answered?.record.status.lastJudgment?.status).toBe('warn');
  });

  it('completes after the last day with no open problem', () => {
    const inputs = [
      [time, at('2026-11-17T09:00:00Z')],
      [{ kind: 'cloud-sync', reading: null }, at('2026-11-17T09:00:00Z')],
      [time, at('2026-11-18T09:00:00Z')],
      [{ kind: 'cloud-sync', reading: null }, at('2026-11-18T09:00:00Z')],
      [time, at('2026-11-19T09:00:00Z')],
      [{ kind: 'cloud-sync', reading: null }, at('2026-11-19T09:00:00Z')],
      [time, at('2026-11-20T07:00:00Z')],
    ] as const;
    const done = last(play(monitoringRules, freshRecord(cutover), cutover, inputs));
    expect(effectNames(done.effects)).toEqual(['post:monitoring:done']);
    expect(done.next).toEqual({ kind: 'done' });
    expect(done.record.status.completedCheckpoints).toContain('monitoring');
  });
});
