import { describe, expect, it } from 'vitest';
import { evaluateCheckpoint } from '../../../migration/evaluate-checkpoint';
import {
  item,
  messages,
  on,
  pendingExportsWith,
  remediations,
  runsWith,
  schedulerWith,
} from '../support/evidence-builders';
import { realFixture, realFixtureNames } from '../support/real-fixtures';

const activeWithDelta = item(realFixture(realFixtureNames.schedulerStagingOff));
const staging = item(realFixture(realFixtureNames.schedulerStagingOn));
// The real active output's next sync is due on 29 September 2025: judge it on that day.
const dayOfOutput = on('2025-09-29', { 'old.stagingModeEnabled': true });
const nothingPending = item(pendingExportsWith({}));
const thresholdOn = item(realFixture(realFixtureNames.deletionThresholdDefault));
const aad = 'contoso.onmicrosoft.com - AAD';
const firstExport = (result: string): ReturnType<typeof item> =>
  item(
    runsWith([
      { connector: aad, profile: 'Export', result },
      { connector: 'contoso.com', profile: 'Export', result: 'completed-no-objects' },
      { connector: aad, profile: 'Delta Synchronization', result: 'success' },
    ]),
  );
const exportedCleanly = firstExport('success');

describe('staging-sync', () => {
  const initialSuccess = item(
    'PS C:\\> Start-ADSyncSyncCycle -PolicyType Initial\n\nResult\n------\nSuccess',
  );
  const idle = item('PS C:\\> Get-ADSyncConnectorRunStatus\nPS C:\\>');
  const busy = item('RunState ConnectorName\n-------- -------------\nBusy     contoso.com');

  it.each([
    [
      'an Initial cycle, an idle engine and nothing pending',
      [initialSuccess, idle, nothingPending],
      'pass',
    ],
    [
      'an Initial cycle and an idle engine, without the pending exports',
      [initialSuccess, idle],
      'unknown',
    ],
    ['an Initial cycle without the run status', [initialSuccess, nothingPending], 'warn'],
    ['an idle engine without a cycle result', [idle, nothingPending], 'warn'],
    ['the real Delta result (Initial asked for)', [activeWithDelta, nothingPending], 'warn'],
    ['a connector still running', [initialSuccess, busy, nothingPending], 'unknown'],
    [
      'a failed start',
      [item('Start-ADSyncSyncCycle : Object reference not set to an instance of an object.')],
      'fail',
    ],
  ])('judges %s', (_case, items, status) => {
    expect(evaluateCheckpoint('staging-sync', items, on('2026-11-21')).status).toBe(status);
  });

  it('asks for the pending-export summary with the commands that make it', () => {
    const judgment = evaluateCheckpoint('staging-sync', [initialSuccess, idle], on('2026-11-21'));

    expect(judgment.status).toBe('unknown');
    expect(remediations(judgment)).toContain('CSExportAnalyzer.exe');
    expect(remediations(judgment)).toContain('csexport.exe" $aad "$env:TEMP\\export.xml" /f:x');
  });

  it.each([
    ['nothing pending', {}, {}, 'pass'],
    ['some deletes under the threshold', { deletes: 12 }, {}, 'warn'],
    ['updates and adds to review', { adds: 3, updates: 40 }, {}, 'warn'],
    [
      'deletes above the recorded threshold',
      { deletes: 501 },
      { 'old.deletionThreshold': 500 },
      'fail',
    ],
    ['deletes above a lowered threshold', { deletes: 60 }, { 'old.deletionThreshold': 50 }, 'fail'],
    ['deletes and replacements above the threshold', { deletes: 400, other: 200 }, {}, 'fail'],
    ['deletes at the threshold', { deletes: 500 }, {}, 'warn'],
    ['counts of another connector', { connector: 'contoso.com' }, {}, 'warn'],
  ] as const)('judges %s', (_case, counts, recorded, status) => {
    const judgment = evaluateCheckpoint(
      'staging-sync',
      [initialSuccess, idle, item(pendingExportsWith(counts))],
      on('2026-11-21', { ...recorded }),
    );

    expect(judgment.status).toBe(status);
  });

  it('blocks deletes above the threshold, saying what would happen and where to look', () => {
    const judgment = evaluateCheckpoint(
      'staging-sync',
      [initialSuccess, idle, item(pendingExportsWith({ deletes: 734 }))],
      on('2026-11-21', { 'new.deletionThreshold': 500 }),
    );

    expect(messages(judgment, 'error')).toEqual([
      "734 objects would be deleted in Microsoft Entra ID at the new server's first export, more than the deletion threshold of 500: the export would stop (stopped-deletion-threshold-exceeded), and raising the threshold would delete them.",
    ]);
    expect(remediations(judgment)).toContain('rows with OMODT Delete');
    expect(remediations(judgment)).toContain('Do not disable the deletion threshold');
    expect(judgment.facts).toMatchObject({ 'new.pendingDeletes': 734 });
  });

  it('warns when accidental-delete prevention was recorded as off, even with nothing pending', () => {
    const judgment = evaluateCheckpoint(
      'staging-sync',
      [initialSuccess, idle, nothingPending],
      on('2026-11-21', { 'old.deletionThresholdEnabled': false }),
    );

    expect(judgment.status).toBe('warn');
    expect(remediations(judgment)).toContain('Enable-ADSyncExportDeletionThreshold');
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
  it('passes the real active output with the deletion threshold on and a clean first export', () => {
    const judgment = evaluateCheckpoint(
      'new-server-active',
      [thresholdOn, activeWithDelta, exportedCleanly],
      dayOfOutput,
    );

    expect(judgment.status).toBe('pass');
    expect(messages(judgment, 'info')).toContain(
      'Accidental-delete prevention is on: an export with more than 500 deletes is stopped.',
    );
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
        [thresholdOn, activeWithDelta, exportedCleanly],
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
      [thresholdOn, activeWithDelta, exportedCleanly, item('Result : Failure')],
      dayOfOutput,
    );

    expect(judgment.status).toBe('fail');
  });

  it('is not decided by Start-ADSyncSyncCycle returning Success: the first export is asked for', () => {
    const judgment = evaluateCheckpoint(
      'new-server-active',
      [thresholdOn, activeWithDelta],
      dayOfOutput,
    );

    expect(judgment.status).toBe('unknown');
    expect(messages(judgment, 'warning').join('\n')).toContain(
      "No Get-ADSyncRunProfileResult output was found (needed for the new server's first export).",
    );
  });

  it('is undecided when the runs shown hold no Export of the Microsoft Entra connector', () => {
    const onlyImports = item(
      runsWith([
        { connector: aad, profile: 'Delta Import', result: 'success' },
        { connector: 'contoso.com', profile: 'Export', result: 'success' },
      ]),
    );
    const judgment = evaluateCheckpoint(
      'new-server-active',
      [thresholdOn, activeWithDelta, onlyImports],
      dayOfOutput,
    );

    expect(judgment.status).toBe('unknown');
    expect(messages(judgment, 'warning').join('\n')).toContain(
      'No Export run of the Microsoft Entra connector is shown',
    );
  });

  it.each([
    ['completed-export-errors', 'fail'],
    ['stopped-deletion-threshold-exceeded', 'fail'],
    ['completed-export-warnings', 'warn'],
    ['completed-no-objects', 'pass'],
  ] as const)('judges a first export that ended %s', (result, status) => {
    const judgment = evaluateCheckpoint(
      'new-server-active',
      [thresholdOn, activeWithDelta, firstExport(result)],
      dayOfOutput,
    );

    expect(judgment.status).toBe(status);
  });

  it('explains a first export stopped at the deletion threshold', () => {
    const judgment = evaluateCheckpoint(
      'new-server-active',
      [thresholdOn, activeWithDelta, firstExport('stopped-deletion-threshold-exceeded')],
      dayOfOutput,
    );

    expect(messages(judgment, 'error')).toContain(
      'The first export stopped at the deletion threshold: more objects were to be deleted in Microsoft Entra ID than the threshold allows, and nothing was exported.',
    );
    expect(remediations(judgment)).toContain('Put the new server back in staging mode');
  });

  it('fails when accidental-delete prevention is off', () => {
    const off = item(
      'DeletionPrevention ThresholdPercentage ThresholdCount\n------------------ ------------------- --------------\n                 0                   0            500',
    );
    const judgment = evaluateCheckpoint(
      'new-server-active',
      [off, activeWithDelta, exportedCleanly],
      dayOfOutput,
    );

    expect(judgment.status).toBe('fail');
    expect(remediations(judgment)).toContain(
      'Enable-ADSyncExportDeletionThreshold -DeletionThreshold 500 -AADUserName',
    );
  });

  it('is undecided without the deletion threshold', () => {
    const judgment = evaluateCheckpoint(
      'new-server-active',
      [activeWithDelta, exportedCleanly],
      dayOfOutput,
    );

    expect(judgment.status).toBe('unknown');
    expect(remediations(judgment)).toContain('Get-ADSyncExportDeletionThreshold');
  });

  it('warns when the staging check showed more pending deletes than the threshold', () => {
    const judgment = evaluateCheckpoint(
      'new-server-active',
      [thresholdOn, activeWithDelta, exportedCleanly],
      on('2025-09-29', { 'old.stagingModeEnabled': true, 'new.pendingDeletes': 620 }),
    );

    expect(judgment.status).toBe('warn');
    expect(messages(judgment, 'warning')).toContain(
      'The staging check showed 620 pending deletes, more than this threshold of 500: the first export will stop.',
    );
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
