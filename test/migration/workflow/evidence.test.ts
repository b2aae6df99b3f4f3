import { describe, expect, it } from 'vitest';
import { evidenceFor, evidenceRules, keptSubmissions } from '../../../migration/workflow/evidence';
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
  time,
  wednesday10,
} from './support/workflow-fixtures';

const tls = evidenceRules('tls12');
const sent = (n: number) => ({ kind: 'signal' as const, signal: evidence('tls12', n) });
const judged = (status: 'pass' | 'warn' | 'fail' | 'unknown') => ({
  kind: 'judged' as const,
  judgment: judgment('tls12', status),
});

describe('an evidence step', () => {
  it('asks for the evidence and waits for it until the first reminder', () => {
    const [first] = play(tls, freshRecord(), wednesday10, []);
    expect(effectNames(first?.effects ?? [])).toEqual(['post:request:tls12']);
    expect(first?.record.status).toMatchObject({
      checkpoint: 'tls12',
      awaiting: 'evidence',
      awaitingWho: ['Alex Wilber'],
      nextReminderAt: '2026-11-20T09:00:00.000Z',
    });
    expect(first?.next).toEqual({ kind: 'wait', until: at('2026-11-20T09:00:00Z') });
  });

  it('sends the sign-in form with the sign-in step', () => {
    const [first] = play(evidenceRules('sign-in-settings'), freshRecord(), wednesday10, []);
    expect(effectNames(first?.effects ?? [])).toEqual([
      'post:request:sign-in-settings',
      'post:sign-in-form',
    ]);
  });

  it('judges a submission and moves on when it passes, keeping its facts', () => {
    const [, asked, done] = play(tls, freshRecord(), wednesday10, [
      [sent(1), wednesday10],
      [judged('pass'), wednesday10],
    ]);
    expect(asked?.next).toMatchObject({
      kind: 'request',
      request: { kind: 'judge', checkpointId: 'tls12' },
    });
    expect(effectNames(done?.effects ?? [])).toEqual([
      'post:result:tls12:1',
      'audit:judgment:tls12:1',
    ]);
    expect(done?.next).toEqual({ kind: 'done' });
    expect(done?.record.status.completedCheckpoints).toEqual(['tls12']);
    expect(done?.record.journal.recorded).toEqual({ 'tls12.seen': true });
    expect(done?.record.journal.judgments).toHaveLength(1);
  });

  it('stays on fail, and on unknown keeps no facts', () => {
    const [, , failed, , unknown] = play(tls, freshRecord(), wednesday10, [
      [sent(1), wednesday10],
      [judged('fail'), wednesday10],
      [sent(2), wednesday10],
      [judged('unknown'), wednesday10],
    ]);
    expect(failed?.next.kind).toBe('wait');
    expect(failed?.record.status.awaiting).toBe('evidence');
    expect(unknown?.record.journal.recorded).toEqual({ 'tls12.seen': true });
    expect(unknown?.record.journal.judgments.map((j) => j.status)).toEqual(['fail', 'unknown']);
  });

  it('waits for the owner after a warning; an approver continuing changes nothing', () => {
    const decisions = play(tls, freshRecord(), wednesday10, [
      [sent(1), wednesday10],
      [judged('warn'), wednesday10],
      [signal('continue-anyway', { checkpoint: 'tls12', by: megan }), wednesday10],
      [signal('continue-anyway', { checkpoint: 'target-os' }), wednesday10],
      [signal('continue-anyway', { checkpoint: 'tls12' }), wednesday10],
    ]);
    const [, , warned, byApprover, otherStep, continued] = decisions;
    expect(warned?.record.status.awaiting).toBe('confirmation');
    expect(byApprover?.effects).toEqual([]);
    expect(otherStep?.next.kind).toBe('wait');
    expect(effectNames(continued?.effects ?? [])).toEqual(['audit:continue:tls12']);
    expect(continued?.next).toEqual({ kind: 'done' });
    expect(continued?.record.journal.continuedAnyway).toHaveLength(1);
  });

  it('reminds when due, not on a timer that fired early, and not while paused', () => {
    const decisions = play(tls, freshRecord(), wednesday10, [
      [time, at('2026-11-20T08:59:59Z')],
      [time, at('2026-11-20T09:00:00Z')],
      [signal('pause', {}), at('2026-11-20T10:00:00Z')],
      [time, at('2026-11-25T09:00:00Z')],
    ]);
    const [, early, reminded, paused, whilePaused] = decisions;
    expect(early?.effects).toEqual([]);
    expect(effectNames(reminded?.effects ?? [])).toEqual([
      'post:reminder:tls12:1',
      'audit:reminder:tls12:1',
    ]);
    // Friday 10:00 + 48 hours is Sunday: the next reminder is Monday 08:00.
    expect(reminded?.next).toEqual({ kind: 'wait', until: at('2026-11-23T07:00:00Z') });
    expect(paused?.record.status.nextReminderAt).toBeNull();
    expect(paused?.next).toEqual({ kind: 'wait', until: null });
    expect(whilePaused?.effects).toEqual([]);
  });

  it('snoozes the next reminder into working hours', () => {
    const snoozed = last(
      play(tls, freshRecord(), wednesday10, [[signal('snooze', { minutes: 600 }), wednesday10]]),
    );
    // Wednesday 10:00 + 10 hours is 20:00: Thursday 08:00.
    expect(snoozed.next).toEqual({ kind: 'wait', until: at('2026-11-19T07:00:00Z') });
    expect(snoozed.record.status.nextReminderAt).toBe('2026-11-19T07:00:00.000Z');
  });

  it('ignores evidence for another step', () => {
    const after = last(
      play(tls, freshRecord(), wednesday10, [
        [{ kind: 'signal', signal: evidence('target-os', 1) }, wednesday10],
      ]),
    );
    expect(after.next.kind).toBe('wait');
    expect(after.effects).toEqual([]);
  });

  it('judges the latest few submissions together, a repeated one once', () => {
    const inputs = [1, 2, 3, 2, 4, 5].flatMap((n) => [
      [sent(n), wednesday10] as const,
      [judged('fail'), wednesday10] as const,
    ]);
    const decisions = play(tls, freshRecord(), wednesday10, inputs);
    const lastAsk = decisions.filter((d) => d.next.kind === 'request').at(-1);
    const refs =
      lastAsk?.next.kind === 'request' && lastAsk.next.request.kind === 'judge'
        ? lastAsk.next.request.evidence
        : [];
    expect(refs.map((ref) => ref.bytes)).toEqual([103, 102, 104, 105]);
    expect(refs).toHaveLength(keptSubmissions);
  });

  it('compares the new settings with the old export at config-match, and posts the diff unless it passes', () => {
    const record = freshRecord();
    const withExport = {
      ...record,
      journal: { ...record.journal, configExport: evidence('config-export', 9).evidence },
    };
    expect(
      evidenceFor(withExport.journal, 'config-match', [evidence('config-match', 1)]).map(
        (r) => r.bytes,
      ),
    ).toEqual([109, 101]);
    const [, , answered] = play(evidenceRules('config-match'), withExport, wednesday10, [
      [{ kind: 'signal', signal: evidence('config-match', 1) }, wednesday10],
      [{ kind: 'judged', judgment: judgment('config-match', 'warn') }, wednesday10],
    ]);
    expect(effectNames(answered?.effects ?? [])).toEqual([
      'post:result:config-match:1',
      'diff:diff:1',
      'audit:judgment:config-match:1',
    ]);
  });

  it('ends the migration on cancel', () => {
    const after = last(
      play(tls, freshRecord(), wednesday10, [[signal('cancel', {}), wednesday10]]),
    );
    expect(after.next).toEqual({ kind: 'end', outcome: 'cancelled', by: 'Alex Wilber' });
  });
});
