import { describe, expect, it } from 'vitest';
import { parseSchedulerOutput } from '../../../migration/evidence/scheduler-output';
import {
  flattened,
  realFixture,
  realFixtureNames,
  withCrlf,
  withoutHeader,
} from '../support/real-fixtures';

const stagingOff = realFixture(realFixtureNames.schedulerStagingOff);
const stagingOn = realFixture(realFixtureNames.schedulerStagingOn);

/** The nine fields older builds print (no SchedulerSuspended, no SyncCycleInProgress). */
function nineFieldBuild(staging: 'True' | 'False'): string {
  return [
    'PS C:\\Windows\\system32> Get-ADSyncScheduler',
    '',
    'AllowedSyncCycleInterval            : 00:30:00',
    'CurrentlyEffectiveSyncCycleInterval : 01:00:00',
    'CustomizedSyncCycleInterval         : 01:00:00',
    'NextSyncCyclePolicyType             : Delta',
    'NextSyncCycleStartTimeInUTC         : 2017-03-01 11:30:05',
    'PurgeRunHistoryInterval             : 7.00:00:00',
    'SyncCycleEnabled                    : True',
    'MaintenanceEnabled                  : True',
    `StagingModeEnabled                  : ${staging}`,
  ].join('\n');
}

describe('parseSchedulerOutput', () => {
  it.each([
    ['real output, staging off', stagingOff, false, true],
    ['real output, staging on', stagingOn, true, true],
    ['staging off, line breaks lost', flattened(stagingOff), false, true],
    ['staging on, line breaks lost', flattened(stagingOn), true, true],
    ['staging on, CRLF line ends', withCrlf(stagingOn), true, true],
    ['nine-field build, staging on', nineFieldBuild('True'), true, true],
    ['nine-field build, line breaks lost', flattened(nineFieldBuild('False')), false, true],
  ])('reads %s', (_case, text, staging, syncCycle) => {
    const parsed = parseSchedulerOutput(text);

    expect(parsed.status).toBe('parsed');
    if (parsed.status !== 'parsed') return;
    expect(parsed.value.stagingModeEnabled).toBe(staging);
    expect(parsed.value.syncCycleEnabled).toBe(syncCycle);
    expect(parsed.missing).toEqual([]);
  });

  it('reads every field of the real output, keeping the locale date as printed', () => {
    const parsed = parseSchedulerOutput(stagingOn);

    expect(parsed).toEqual({
      status: 'parsed',
      missing: [],
      value: {
        allowedSyncCycleInterval: '00:30:00',
        currentlyEffectiveSyncCycleInterval: '00:30:00',
        customizedSyncCycleInterval: null,
        nextSyncCyclePolicyType: 'Delta',
        nextSyncCycleStartTimeInUTC: '05.01.2023 20:28:37',
        purgeRunHistoryInterval: '7.00:00:00',
        syncCycleEnabled: true,
        maintenanceEnabled: true,
        stagingModeEnabled: true,
        schedulerSuspended: false,
        syncCycleInProgress: false,
      },
    });
  });

  it('reads a customised interval as minutes', () => {
    const parsed = parseSchedulerOutput(nineFieldBuild('True'));

    expect(parsed.status === 'parsed' && parsed.value.customizedSyncCycleInterval).toBe('01:00:00');
    expect(parsed.status === 'parsed' && parsed.value.customizedSyncCycleMinutes).toBe(60);
  });

  it('reports the fields a cut-off paste lacks', () => {
    const cut = withoutHeader(stagingOn).split('\n').slice(0, 6).join('\n');
    const parsed = parseSchedulerOutput(cut);

    expect(parsed.status).toBe('parsed');
    if (parsed.status !== 'parsed') return;
    expect(parsed.value.stagingModeEnabled).toBeUndefined();
    expect(parsed.missing).toEqual(
      expect.arrayContaining(['SyncCycleEnabled', 'MaintenanceEnabled', 'StagingModeEnabled']),
    );
  });

  it('takes the last state when a paste shows the output before and after a change', () => {
    const parsed = parseSchedulerOutput(
      `${withoutHeader(stagingOff)}\n\n${withoutHeader(stagingOn)}`,
    );

    expect(parsed.status === 'parsed' && parsed.value.stagingModeEnabled).toBe(true);
  });

  it('reads IsStagingModeEnabled from earlier builds', () => {
    const parsed = parseSchedulerOutput('SyncCycleEnabled : True\nIsStagingModeEnabled : False');

    expect(parsed.status === 'parsed' && parsed.value.stagingModeEnabled).toBe(false);
  });

  it.each([
    ['the command alone', 'PS C:\\> Get-ADSyncScheduler'],
    [
      'global settings that mention scheduler words',
      'Microsoft.Synchronize.SchedulerSuspended  False',
    ],
    ['empty text', ''],
  ])('finds nothing in %s', (_case, text) => {
    expect(parseSchedulerOutput(text).status).toBe('absent');
  });
});
