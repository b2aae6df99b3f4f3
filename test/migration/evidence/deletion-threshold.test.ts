import { describe, expect, it } from 'vitest';
import { parseDeletionThreshold } from '../../../migration/evidence/deletion-threshold';
import { identifyEvidence } from '../../../migration/evidence/identify-evidence';
import { flattened, realFixture, realFixtureNames } from '../support/real-fixtures';

const real = realFixture(realFixtureNames.deletionThresholdDefault);

describe('parseDeletionThreshold', () => {
  it('reads the real default output: prevention on at 500 objects', () => {
    expect(parseDeletionThreshold(real)).toEqual({
      status: 'parsed',
      value: { enabled: true, count: 500, percentage: 0 },
      missing: [],
    });
  });

  it('reads the same table when Teams lost its line breaks', () => {
    expect(parseDeletionThreshold(flattened(real))).toMatchObject({
      value: { enabled: true, count: 500 },
    });
  });

  it.each([
    [
      'a disabled threshold',
      'DeletionPrevention ThresholdPercentage ThresholdCount\n------------------ ------------------- --------------\n                 0                   0            500',
      { enabled: false, count: 500 },
    ],
    [
      'a lowered threshold',
      'DeletionPrevention ThresholdPercentage ThresholdCount\n------------------ ------------------- --------------\n                 1                   0             50',
      { enabled: true, count: 50 },
    ],
    [
      'the list form',
      'DeletionPrevention  : 1\nThresholdPercentage : 0\nThresholdCount      : 1200',
      { enabled: true, count: 1200 },
    ],
    [
      'a build that prints the enum name',
      'DeletionPrevention  : EnabledForCount\nThresholdPercentage : 0\nThresholdCount      : 500',
      { enabled: true, count: 500 },
    ],
  ])('reads %s', (_case, text, value) => {
    expect(parseDeletionThreshold(text)).toMatchObject({ status: 'parsed', value });
  });

  it('says ThresholdCount is missing when only the prevention flag is shown', () => {
    expect(parseDeletionThreshold('DeletionPrevention : 1')).toMatchObject({
      status: 'parsed',
      missing: ['ThresholdCount'],
    });
  });

  it('finds nothing in other output', () => {
    expect(parseDeletionThreshold('ThresholdCount is 500 by default').status).toBe('absent');
  });

  it('is identified without being told', () => {
    expect(identifyEvidence(real)).toBe('deletion-threshold');
  });
});
