import { describe, expect, it } from 'vitest';
import type { MigrationJournal } from '../../../migration/migration-journal';
import { oldServerCutoffOf, oldServerStandingOf } from '../../../migration/old-server-cutoff';
import { evidenceRules } from '../../../migration/workflow/evidence';
import { monitoringRules } from '../../../migration/workflow/monitoring';
import type { MigrationRecord } from '../../../migration/workflow/workflow';
import {
  alex,
  at,
  effectNames,
  evidence,
  freshRecord,
  judgment,
  last,
  megan,
  play,
  signal,
} from './support/workflow-fixtures';

const staging = evidenceRules('old-server-staging');
/** Monday 23 November 2026, 10:00 in Berlin: both cutoffs are in force. */
const monday = at('2026-11-23T09:00:00Z');

function withOldVersion(version: string | undefined, when: Date = monday): MigrationRecord {
  const record = freshRecord(when);
  const recorded: MigrationJournal['recorded'] =
    version === undefined ? {} : { 'old.version': version };
  return { ...record, journal: { ...record.journal, recorded } };
}

describe('which cutoff keeps the wizard from switching the old server', () => {
  it.each([
    ['2.2.1.0', '2026-11-23', 'sync-stopped', '2.5.79.0', true],
    ['2.4.18.0', '2026-11-23', 'sync-stopped', '2.5.79.0', false],
    ['2.5.76.0', '2026-09-30', 'sync-stopped', '2.5.79.0', false],
    ['1.6.4.0', '2026-11-23', 'sync-stopped', '2.5.79.0', true],
    ['2.3.20.0', '2026-09-29', 'wizard-sign-in', '2.4.18.0', true],
    ['2.3.20.0', '2025-04-30', 'wizard-sign-in', '2.4.18.0', true],
  ] as const)('%s on %s: %s (at least %s)', (version, today, rule, minimum, wizard) => {
    expect(oldServerCutoffOf({ 'old.version': version }, today)).toEqual({
      rule,
      version,
      minimum,
      since: rule === 'sync-stopped' ? '2026-09-30' : '2025-04-30',
      wizardSignInFails: wizard,
    });
  });

  it.each([
    ['2.5.79.0', '2026-11-23'],
    ['2.6.92.0', '2026-11-23'],
    ['2.5.3.0', '2026-09-29'],
    ['2.3.20.0', '2025-04-29'],
  ])('none for %s on %s', (version, today) => {
    expect(oldServerCutoffOf({ 'old.version': version }, today)).toBeNull();
  });

  it('none when the version was never recorded or is not a version', () => {
    expect(oldServerCutoffOf({}, '2026-11-23')).toBeNull();
    expect(oldServerCutoffOf({ 'old.version': 'unknown' }, '2026-11-23')).toBeNull();
    expect(oldServerCutoffOf({ 'new.version': '2.2.1.0' }, '2026-11-23')).toBeNull();
  });
});

describe('the old server staging step', () => {
  it('offers the alternative with the request, and publishes the cutoff, for a server below it', () => {
    const [first] = play(staging, withOldVersion('2.2.1.0'), monday, []);
    const cutoff = oldServerCutoffOf({ 'old.version': '2.2.1.0' }, '2026-11-23');
    expect(first?.effects).toEqual([
      expect.objectContaining({
        purpose: 'request:old-server-staging',
        notice: {
          kind: 'checkpoint-request',
          checkpointId: 'old-server-staging',
          oldServerCutoff: cutoff,
        },
      }),
    ]);
    expect(first?.record.status.oldServerCutoff).toEqual(cutoff);
  });

  it.each([['2.5.79.0'], ['2.6.92.0'], [undefined]])(
    'asks for the scheduler only, as before, for %s',
    (version) => {
      const [first] = play(staging, withOldVersion(version), monday, []);
      expect(first?.effects).toEqual([
        expect.objectContaining({
          notice: { kind: 'checkpoint-request', checkpointId: 'old-server-staging' },
        }),
      ]);
      expect(first?.record.status).not.toHaveProperty('oldServerCutoff');
    },
  );

  it('completes when the owner confirms the shutdown: journal, summary, audit with the name', () => {
    const done = last(
      play(staging, withOldVersion('2.2.1.0'), monday, [
        [signal('old-server-offline', { how: 'shut-down' }, monday), monday],
      ]),
    );
    expect(done.next).toEqual({ kind: 'done' });
    expect(done.record.status.completedCheckpoints).toEqual(['old-server-staging']);
    expect(done.record.journal.recorded).toEqual({
      'old.version': '2.2.1.0',
      'old.outOfService': 'shut-down',
    });
    expect(done.record.journal.oldServerOffline).toEqual({
      how: 'shut-down',
      by: alex,
      at: monday.toISOString(),
    });
    expect(done.record.status.oldServerOffline).toEqual({
      how: 'shut-down',
      by: 'Alex Wilber',
      at: monday.toISOString(),
    });
    expect(effectNames(done.effects)).toEqual([
      'post:old-server-offline',
      'audit:old-server-offline',
    ]);
    const audit = done.effects[1];
    expect(audit).toMatchObject({
      kind: 'audit',
      note: {
        kind: 'decision',
        actor: alex,
        summary: expect.stringContaining(
          'Alex Wilber confirmed that AADC01 is shut down',
        ) as unknown,
        detail: { how: 'shut-down', version: '2.2.1.0', rule: 'sync-stopped' },
      },
    });
  });

  it('takes the isolation after a failed scheduler paste too', () => {
    const done = last(
      play(staging, withOldVersion('2.4.18.0'), monday, [
        [{ kind: 'signal', signal: evidence('old-server-staging', 1) }, monday],
        [{ kind: 'judged', judgment: judgment('old-server-staging', 'fail') }, monday],
        [signal('old-server-offline', { how: 'isolated' }), monday],
      ]),
    );
    expect(done.next).toEqual({ kind: 'done' });
    expect(done.record.journal.oldServerOffline?.how).toBe('isolated');
  });

  it.each([
    ['from an approver', '2.2.1.0', 'old-server-staging', megan],
    ['for a server at 2.5.79.0', '2.5.79.0', 'old-server-staging', alex],
    ['for a server whose version is unknown', undefined, 'old-server-staging', alex],
    ['at another step', '2.2.1.0', 'new-server-active', alex],
  ] as const)('changes nothing %s', (_case, version, checkpoint, by) => {
    const [first, after] = play(evidenceRules(checkpoint), withOldVersion(version), monday, [
      [signal('old-server-offline', { how: 'shut-down', by }), monday],
    ]);
    expect(after?.effects).toEqual([]);
    expect(after?.next.kind).toBe('wait');
    expect(after?.record).toEqual(first?.record);
  });

  it('still passes on a scheduler showing staging mode, with nothing recorded as offline', () => {
    const done = last(
      play(staging, withOldVersion('2.2.1.0'), monday, [
        [{ kind: 'signal', signal: evidence('old-server-staging', 1) }, monday],
        [{ kind: 'judged', judgment: judgment('old-server-staging', 'pass') }, monday],
      ]),
    );
    expect(done.next).toEqual({ kind: 'done' });
    expect(done.record.journal.oldServerOffline).toBeNull();
  });
});

describe('monitoring after an old server below a cutoff left service', () => {
  const cutover = at('2026-11-23T15:00:00Z');
  const shutDown = (): MigrationRecord => {
    const record = withOldVersion('2.2.1.0', cutover);
    return {
      ...record,
      journal: {
        ...record.journal,
        oldServerOffline: { how: 'shut-down', by: alex, at: cutover.toISOString() },
      },
    };
  };
  const standing = oldServerStandingOf(shutDown().journal, cutover);

  it('says at the cutover that the old server cannot take over', () => {
    const [first] = play(monitoringRules, shutDown(), cutover, []);
    const notice = first?.effects[0];
    const text = notice?.kind === 'post' && notice.notice.kind === 'text' ? notice.notice.text : '';
    expect(text).toContain('AADC01 is shut down and cannot take over');
    expect(text).toContain('Going back to AADC01 restores nothing');
    expect(text).not.toContain('ready to take over');
  });

  it('keeps the ordinary words for a server the wizard can switch', () => {
    const [first] = play(monitoringRules, withOldVersion('2.6.92.0', cutover), cutover, []);
    expect(JSON.stringify(first?.effects)).toContain('stays in staging mode, ready to take over');
  });

  it('gives the check-in and the rollback guide the old server standing', () => {
    const decisions = play(monitoringRules, shutDown(), cutover, [
      [{ kind: 'time' }, at('2026-11-24T15:00:00Z')],
      [{ kind: 'cloud-sync', reading: null }, at('2026-11-24T15:00:01Z')],
      [
        signal('check-in', { day: 1, healthy: false, problem: 'Exports fail.' }),
        at('2026-11-24T16:00:00Z'),
      ],
    ]);
    const [, , checkIn, problem] = decisions;
    expect(checkIn?.effects[0]).toMatchObject({
      notice: { kind: 'check-in', day: 1, oldServer: standing },
    });
    expect(problem?.effects[0]).toMatchObject({
      notice: {
        kind: 'rollback-guide',
        oldServer: { cutoff: standing?.cutoff, offline: 'shut-down' },
      },
    });
  });

  it('ignores a rollback to it: the migration goes on, nothing ends', () => {
    const decisions = play(monitoringRules, shutDown(), cutover, [
      [{ kind: 'time' }, at('2026-11-24T15:00:00Z')],
      [{ kind: 'cloud-sync', reading: null }, at('2026-11-24T15:00:01Z')],
      [
        signal('check-in', { day: 1, healthy: false, problem: 'Exports fail.' }),
        at('2026-11-24T16:00:00Z'),
      ],
      [signal('rollback-done', {}), at('2026-11-24T16:05:00Z')],
    ]);
    const rollback = last(decisions);
    expect(rollback.next.kind).toBe('wait');
    expect(rollback.effects).toEqual([]);
  });
});
