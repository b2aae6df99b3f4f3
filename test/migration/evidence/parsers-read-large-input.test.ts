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

// How fast they read it is measured, beside its floor, by `npm run bench` (bench/evidence.bench.ts,
// rows evidence-parse and evidence-growth, with an adversarial input for every expression): a test
// asserts no timing.
describe('parsers read large and pathological input', () => {
  it.each(Object.entries(textEvidenceParsers))(
    '%s parser reads a megabyte of output and pathological padding without throwing',
    (_kind, parse) => {
      for (const text of [aMegabyteOfOutput, pathological]) {
        expect(() => parse(text)).not.toThrow();
      }
    },
  );

  it('identifies a megabyte of output', () => {
    expect(identifyEvidence(aMegabyteOfOutput)).toBe('tls12-check');
  });
});
