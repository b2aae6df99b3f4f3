import { describe, expect, it } from 'vitest';
import { identifyEvidence } from '../../../migration/evidence/identify-evidence';
import { textEvidenceParsers } from '../../../migration/evidence/text-evidence';
import { realFixture, realFixtureNames } from '../support/real-fixtures';

const realOutput =
  realFixture(realFixtureNames.globalSettings) + realFixture(realFixtureNames.tls12Check);
const aMegabyteOfOutput = realOutput.repeat(Math.ceil(1_000_000 / realOutput.length));

/** Inputs that make a backtracking regular expression take quadratic time. */
const pathological = [
  `Result${' '.repeat(200_000)}x`,
  `Microsoft.A${' '.repeat(200_000)}HKLM:\\${' '.repeat(100_000)}String`,
  `Microsoft.B${' '.repeat(100_000)}7${' '.repeat(100_000)}`,
  '1.'.repeat(50_000),
  `Microsoft.${'a'.repeat(100_000)},`,
  `${'x'.repeat(100_000)} already running`,
  `${' '.repeat(200_000)}PS C:\\> Get-ADSyncScheduler`,
].join('\n');

describe('parsers stay fast', () => {
  it.each(Object.entries(textEvidenceParsers))(
    '%s parser reads a megabyte of output and pathological padding in well under a second',
    (_kind, parse) => {
      for (const text of [aMegabyteOfOutput, pathological]) {
        const started = performance.now();
        parse(text);
        expect(performance.now() - started).toBeLessThan(1000);
      }
    },
  );

  it('identifies a megabyte of output quickly', () => {
    const started = performance.now();
    expect(identifyEvidence(aMegabyteOfOutput)).toBe('tls12-check');
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
