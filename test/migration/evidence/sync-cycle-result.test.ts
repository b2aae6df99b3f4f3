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
      'a run status read whole, hyphens included',
      'Result : completed-export-errors',
      { outcome: { kind: 'other-result', result: 'completed-export-errors' } },
    ],
  ])('reads %s', (_case, text, expected) => {
    expect(parseSyncCycleResult(text)).toEqual({ status: 'parsed', value: expected, missing: [] });
  });

  it.each([
    ['a sync already running', realFixture(realFixtureNames.syncAlreadyRunning)],
    ['the module not loaded', realFixture(realFixtureNames.cmdletNotRecognized)],
    [
      'another error',
      'Start-ADSyncSyncCycle : Object reference not set to an instance of an object.',
    ],
  ])('leaves %s to the pasted-error recognizer: it is no result', (_case, text) => {
    expect(parseSyncCycleResult(text).status).toBe('absent');
  });

  it('does not take the Result of a Get-ADSyncRunProfileResult record for a cycle result', () => {
    expect(
      parseSyncCycleResult(realFixture(realFixtureNames.runProfileNoStartConnection)).status,
    ).toBe('absent');
  });

  it('finds nothing in scheduler output alone', () => {
    expect(parseSyncCycleResult(realFixture(realFixtureNames.schedulerStagingOn)).status).toBe(
      'absent',
    );
  });
});
