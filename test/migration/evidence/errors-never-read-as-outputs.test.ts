import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textEvidenceParsers } from '../../../migration/evidence/text-evidence';
import {
  fixtureSection,
  flattened,
  realFixture,
  realFixtureNames,
  withCrlf,
  withoutHeader,
} from '../support/real-fixtures';

/**
 * Every real published error, event, trace, installer log and alert: the catalogue's fixtures, the
 * earlier error fixtures and the event log forms. 12c is left out: it is a real
 * Get-ADSyncRunProfileResult output whose run failed, which is run evidence.
 */
const errorFixtures = readdirSync(new URL('../../fixtures/real/', import.meta.url))
  .filter(
    (name) =>
      /^(?:phs|writeback|engine|wizard)-/.test(name) ||
      /^12[abdefghij]-/.test(name) ||
      name.startsWith('outputs-05-'),
  )
  .sort();

/** Each `# (A)`, `# (B)`, ... section of a fixture, or the whole file when it has none. */
function sectionsOf(name: string): { name: string; text: string }[] {
  const text = realFixture(name);
  const letters = [...text.matchAll(/^# \(([A-Z])\)/gm)].map((match) => match[1] ?? '');
  return letters.length === 0
    ? [{ name, text }]
    : letters.map((letter) => ({
        name: `${name} (${letter})`,
        text: fixtureSection(text, letter),
      }));
}

const errorTexts = errorFixtures.flatMap(sectionsOf);

/**
 * Published with the poster's own sentences beside the error, which name versions in words
 * ("AAD Connect Version 1.6.4.0"): a person's statement the version parser reads by design.
 */
const withCommentary = new Set(['12b-wizard-settings-import-missing-file.txt']);
const parsers = Object.entries(textEvidenceParsers);

describe('no error, event, trace or alert is ever read as other evidence', () => {
  it('holds more than a hundred real published texts', () => {
    expect(errorTexts.length).toBeGreaterThan(100);
  });

  it.each(errorTexts.map(({ name, text }) => [name, text] as const))(
    '%s is read by no parser of settings, versions or outputs, as printed, flattened or as a Windows file',
    (_name, text) => {
      for (const form of [text, flattened(withoutHeader(text)), withCrlf(text)]) {
        const read = parsers.filter(([, parse]) => parse(form).status === 'parsed');
        expect(read.map(([kind]) => kind)).toEqual([]);
      }
    },
  );

  it('pasted after a real output, leaves what every parser reads of that output unchanged', () => {
    const outputs = [
      realFixtureNames.schedulerStagingOff,
      realFixtureNames.schedulerStagingOn,
      realFixtureNames.globalSettings,
      realFixtureNames.tls12Check,
      realFixtureNames.deletionThresholdDefault,
      realFixtureNames.partitionPasswordSyncState,
    ].map((name) => withoutHeader(realFixture(name)));
    fc.assert(
      fc.property(
        fc.constantFrom(...outputs),
        fc.constantFrom(...errorTexts.filter(({ name }) => !withCommentary.has(name))),
        fc.constantFrom(...parsers),
        (output, error, [kind, parse]) => {
          const alone = parse(output);
          const beside = parse(`${output}\n\n${withoutHeader(error.text)}`);
          expect(beside, `${kind} after ${error.name}`).toEqual(alone);
        },
      ),
      { numRuns: 400 },
    );
  });
});
