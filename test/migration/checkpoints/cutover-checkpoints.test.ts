import { describe, expect, it } from 'vitest';
import { evaluateCheckpoint } from '../../../migration/evaluate-checkpoint';
import { item, messages, on, remediations, schedulerWith } from '../support/evidence-builders';
import { realFixture, realFixtureNames } from '../support/real-fixtures';

const activeWithDelta = item(realFixture(realFixtureNames.schedulerStagingOff));
const staging = item(realFixture(realFixtureNames.schedulerStagingOn));
// The real active output's next sync is due on 29 September 2025: judge it on that day.
const dayOfOutput = on('2025-09-29', { 'old.stagingModeEnabled': true });

describe('staging-sync', () => {
  const initialSuccess = item(
    'PS C:\\> Start-ADSyncSyncCycle -PolicyType Initial\n\nResult\n------\nSuccess',
  );
  const idle = item('PS C:\\> Get-ADSyncConnectorRunStatus\nPS C:\\>');
  const busy = item('RunState ConnectorName\n-------- -------------\nBusy     contoso.com');

  it.each([
    ['an Initial cycle and an idle engine', [initialSuccess, idle], 'pass'],
    ['an Initial cycle without the run status', [initialSuccess], 'warn'],
    ['an idle engine without a cycle result', [idle], 'warn'],
    ['the real Delta result (Initial asked for)', [activeWithDelta], 'warn'],
    ['a connector still running', [initialSuccess, busy], 'unknown'],
    [
      'a failed start',
      [item('Start-ADSyncSyncCycle : Object reference not set to an instance of an object.')],
      'fail',
    ],
  ])('judges %s', (_case, items, status) => {
    expect(evaluateCheckpoint('staging-sync', items, on('2026-11-21')).status).toBe(status);
  });

  it('always says how to verify the pending exports', () => {
    const judgment = evaluateCheckpoint('staging-sync', [initialSuccess, idle], on('2026-11-21'));

    expect(remediations(judgment)).toContain('CSExportAnalyzer');
  });

  it('fails when the new server was recorded as active', () => {
    const judgment = evaluateCheckpoint(
      'staging-sync',
      [initialSuccess, idle],
      on('2026-11-21', { 'new.stagingModeEnabled': false }),
    );

    expect(judgment.status).toBe('fail');
    expect(messages(judgment, 'error').join('\n')).toContain('TWO ACTIVE SERVERS RISK');
  });
});

describe('old-server-staging', () => {
  it('passes the real output with StagingModeEnabled True', () => {
    const judgment = evaluateCheckpoint('old-server-staging', [staging], on('2026-11-21'));

    expect(judgment.status).toBe('pass');
    expect(judgment.facts).toMatchObject({ 'old.stagingModeEnabled': true });
  });

  it('fails loudly, with the rogue-server warning, on the real active output', () => {
    const judgment = evaluateCheckpoint('old-server-staging', [activeWithDelta], on('2026-11-21'));
    const errors = messages(judgment, 'error').join('\n');

    expect(judgment.status).toBe('fail');
    expect(errors).toContain('the old server is ACTIVE (StagingModeEnabled : False)');
    expect(errors).toContain('rogue');
    expect(remediations(judgment)).toContain('Configure staging mode');
  });

  it('says both servers are exporting when the new one was already recorded as active', () => {
    const judgment = evaluateCheckpoint(
      'old-server-staging',
      [activeWithDelta],
      on('2026-11-21', { 'new.stagingModeEnabled': false }),
    );

    expect(messages(judgment, 'error').join('\n')).toContain('both servers are exporting');
  });

  it('is unknown without a scheduler output', () => {
    expect(
      evaluateCheckpoint('old-server-staging', [item('2.5.79.0')], on('2026-11-21')).status,
    ).toBe('unknown');
  });
});

describe('new-server-active', () => {
  it('passes the real active output with its Delta result', () => {
    const judgment = evaluateCheckpoint('new-server-active', [activeWithDelta], dayOfOutput);

    expect(judgment.status).toBe('pass');
    expect(judgment.facts).toMatchObject({
      'new.stagingModeEnabled': false,
      'new.syncCycleEnabled': true,
      'new.lastSyncCycleResult': 'success',
    });
  });

  it('fails a disabled sync cycle with the command that enables it', () => {
    const disabled = item(
      schedulerWith({ StagingModeEnabled: 'False', SyncCycleEnabled: 'False' }),
    );
    const judgment = evaluateCheckpoint('new-server-active', [disabled], on('2026-11-21'));

    expect(judgment.status).toBe('fail');
    expect(remediations(judgment)).toContain('Set-ADSyncScheduler -SyncCycleEnabled $true');
  });

  it('fails while the new server is still in staging mode', () => {
    const judgment = evaluateCheckpoint('new-server-active', [staging], on('2026-11-21'));

    expect(judgment.status).toBe('fail');
    expect(remediations(judgment)).toContain('clear Enable staging mode');
  });

  it('fails loudly when the old server was last recorded as active', () => {
    const judgment = evaluateCheckpoint(
      'new-server-active',
      [activeWithDelta],
      on('2025-09-29', { 'old.stagingModeEnabled': false }),
    );

    expect(judgment.status).toBe('fail');
    expect(messages(judgment, 'error').join('\n')).toMatch(/TWO ACTIVE SERVERS.*rogue/);
  });

  it.each(['shut-down', 'isolated'])(
    'passes when the old server, last recorded as active, was confirmed %s instead',
    (how) => {
      const judgment = evaluateCheckpoint(
        'new-server-active',
        [activeWithDelta],
        on('2025-09-29', { 'old.stagingModeEnabled': false, 'old.outOfService': how }),
      );

      expect(judgment.status).toBe('pass');
      expect(messages(judgment, 'info').join('\n')).toContain(
        `The old server was confirmed ${how === 'isolated' ? 'isolated' : 'shut down'} instead of put in staging mode`,
      );
      expect(messages(judgment, 'info').join('\n')).not.toContain('No evidence was recorded');
    },
  );

  it('fails a delta sync that did not return Success', () => {
    const judgment = evaluateCheckpoint(
      'new-server-active',
      [activeWithDelta, item('Result : Failure')],
      dayOfOutput,
    );

    expect(judgment.status).toBe('fail');
  });
});

describe('monitoring', () => {
  it('passes the real active output on its day', () => {
    expect(evaluateCheckpoint('monitoring', [activeWithDelta], dayOfOutput).status).toBe('pass');
  });

  it('warns when the scheduler output shows no sync for days', () => {
    const judgment = evaluateCheckpoint('monitoring', [activeWithDelta], on('2026-11-21'));

    expect(judgment.status).toBe('warn');
    expect(messages(judgment, 'warning').join('\n')).toContain('9/29/2025 12:51:47 PM');
  });

  it('fails when the active server has gone back to staging mode', () => {
    expect(evaluateCheckpoint('monitoring', [staging], dayOfOutput).status).toBe('fail');
  });

  it('leaves a sync already running undecided: it says nothing about whether syncs succeed', () => {
    const running = item(
      'Start-ADSyncSyncCycle : System.InvalidOperationException: Sync is already running.',
    );

    const judgment = evaluateCheckpoint('monitoring', [running], dayOfOutput);

    expect(judgment.status).toBe('unknown');
    expect(remediations(judgment)).toContain('Get-ADSyncConnectorRunStatus');
  });
});
