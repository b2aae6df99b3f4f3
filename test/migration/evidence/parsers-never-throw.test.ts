import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkpointIds } from '../../../migration/runbook';
import { evaluateCheckpointEvidence } from '../../../migration/evaluate-checkpoint';
import { identifyEvidence } from '../../../migration/evidence/identify-evidence';
import { parseSignInAnswers } from '../../../migration/sign-in-answers';
import { textEvidenceParsers } from '../../../migration/evidence/text-evidence';
import { realFixture, realFixtureNames } from '../support/real-fixtures';

const parsers = Object.entries(textEvidenceParsers) as [string, (text: string) => unknown][];
const realTexts = Object.values(realFixtureNames).map(realFixture);

/** Arbitrary text, biased towards the characters cmdlet output is made of. */
const outputLikeText = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc
    .array(
      fc.constantFrom(
        'StagingModeEnabled',
        ' : ',
        'True',
        'False',
        '\n',
        '\r\n',
        ' ',
        'Microsoft.Synchronize.',
        'StagingMode',
        'HKLM:\\SOFTWARE\\',
        'Not Found',
        '...',
        'Result',
        '------',
        'Success',
        'PS C:\\> ',
        '10.0.',
        '2.5.79.0',
        'RunState',
        'Busy',
        '{',
        '}',
        '"',
        "'",
        'Build ',
        '#',
        'Name',
        'Value',
        'DataType',
      ),
      { maxLength: 60 },
    )
    .map((parts) => parts.join('')),
);

/** A real fixture with a slice cut out, something inserted, or its line breaks dropped. */
const mutatedRealText = fc
  .tuple(
    fc.constantFrom(...realTexts),
    fc.nat(),
    fc.nat(),
    fc.string({ maxLength: 40 }),
    fc.boolean(),
  )
  .map(([text, a, b, insert, flatten]) => {
    const [from, to] = [a % (text.length + 1), b % (text.length + 1)].sort((x, y) => x - y);
    const mutated = text.slice(0, from) + insert + text.slice(to ?? from);
    return flatten ? mutated.replace(/\n/g, ' ') : mutated;
  });

const anyText = fc.oneof(outputLikeText, mutatedRealText);

describe('parsers never throw', () => {
  it.each(parsers)('%s parser returns a parse for any text', (_kind, parse) => {
    fc.assert(
      fc.property(anyText, (text) => {
        const parsed = parse(text) as { status: string };
        expect(['parsed', 'absent']).toContain(parsed.status);
      }),
      { numRuns: 300 },
    );
  });

  it('identifyEvidence and parseSignInAnswers return a value for any text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(typeof identifyEvidence(text)).toBe('string');
        expect(typeof parseSignInAnswers(text).ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });

  it('every checkpoint evaluates any pair of texts without throwing', () => {
    fc.assert(
      fc.property(fc.constantFrom(...checkpointIds), anyText, anyText, (id, a, b) => {
        const evaluation = evaluateCheckpointEvidence(
          id,
          [{ text: a }, { text: b, name: 'b.txt' }],
          {
            today: '2026-11-21',
          },
        );
        expect(['judged', 'no-usable-evidence', 'decided-by-people']).toContain(evaluation.kind);
      }),
      { numRuns: 300 },
    );
  });
});
