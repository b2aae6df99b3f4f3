import { describe, expect, it } from 'vitest';
import { parseSyncCycleResult } from '../../../migration/evidence/sync-cycle-result';
import { flattened, realFixture, realFixtureNames } from '../support/real-fixtures';

const real = realFixture(realFixtureNames.schedulerStagingOff);

describe('parseSyncCycleResult', () => {
  it.each([
    [
      'the real table result after the scheduler output',
      real,
      { outcome: { kind: 'success' }, policyType: 'Delta' },
    ],
    [
      'the real result with its line breaks lost',
      flattened(real),
      { outcome: { kind: 'success' }, policyType: 'Delta' },
    ],
    [
      'a list result with an Initial command',
      'PS C:\\> Start-ADSyncSyncCycle -PolicyType Initial\n\nResult : Success',
      { outcome: { kind: 'success' }, policyType: 'Initial' },
    ],
    [
      'a result other than Success',
      'Result\n------\nFailure',
      { outcome: { kind: 'other-result', result: 'Failure' } },
    ],
    [
      'a sync already running',
      'Start-ADSyncSyncCycle : System.InvalidOperationException: Sync is already running. Cannot start a new sync cycle.',
      {
        outcome: {
          kind: 'already-running',
          message:
            'Start-ADSyncSyncCycle : System.InvalidOperationException: Sync is already running. Cannot start a new sync cycle.',
        },
      },
    ],
    [
      'the module not loaded',
      "Start-ADSyncSyncCycle : The term 'Start-ADSyncSyncCycle' is not recognized as the name of a cmdlet",
      { outcome: { kind: 'cmdlet-missing' } },
    ],
    [
      'another error',
      'Start-ADSyncSyncCycle : Object reference not set to an instance of an object.',
      {
        outcome: {
          kind: 'error',
          message: 'Object reference not set to an instance of an object.',
        },
      },
    ],
  ])('reads %s', (_case, text, expected) => {
    expect(parseSyncCycleResult(text)).toEqual({ status: 'parsed', value: expected, missing: [] });
  });

  it('finds nothing in scheduler output alone', () => {
    expect(parseSyncCycleResult(realFixture(realFixtureNames.schedulerStagingOn)).status).toBe(
      'absent',
    );
  });
});
