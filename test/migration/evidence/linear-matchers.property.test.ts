import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { providerNameOf } from '../../../migration/evidence/event-log';
import { knownPastedErrors } from '../../../migration/evidence/pasted-errors';
import {
  firstWordOf,
  readPowerShellBoolean,
  withoutTrailingPunctuation,
} from '../../../migration/evidence/powershell-values';
import { mayMatch, requiredFragments } from '../../../migration/evidence/required-fragments';

/** Text made of the characters each matcher cares about, so generated inputs hit its edge cases. */
function textOf(characters: readonly string[], maxLength = 40): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...characters), { maxLength }).map((parts) => parts.join(''));
}

const blanks = [' ', '\t', '\u00A0', '\u2028', '\u2029', '\r', '\n', '\u000B'];

describe('linear matchers read as the expressions they replace', () => {
  it('trailing punctuation is removed as /[,;.]+$/ removes it', () => {
    fc.assert(
      fc.property(textOf([',', ';', '.', 'a', 'T', ' ', '\n', '$']), (word) => {
        expect(withoutTrailingPunctuation(word)).toBe(word.replace(/[,;.]+$/, ''));
      }),
      { numRuns: 2000 },
    );
  });

  it('the first word and the PowerShell boolean read as before', () => {
    const previousBoolean = (value: string): boolean | undefined => {
      const word = value
        .trim()
        .split(/\s+/)[0]
        ?.replace(/[,;.]+$/, '')
        .toLowerCase();
      if (word === 'true' || word === '$true') return true;
      if (word === 'false' || word === '$false') return false;
      return undefined;
    };
    const previousFirstWord = (value: string): string | undefined => {
      const word = value.trim().split(/\s+/)[0];
      return word === undefined || word === '' ? undefined : word;
    };
    const pieces = ['True', 'false', '$TRUE', '$false', 'x', ',', ';', '.', ...blanks];
    fc.assert(
      fc.property(textOf(pieces, 12), (value) => {
        expect(readPowerShellBoolean(value)).toBe(previousBoolean(value));
        expect(firstWordOf(value)).toBe(previousFirstWord(value));
      }),
      { numRuns: 3000 },
    );
  });

  it('the provider of a ProviderName line is read as /^\\s*ProviderName:\\s*(.+?)\\s*$/ reads it', () => {
    const previous = (line: string): string | undefined =>
      /^\s*ProviderName:\s*(.+?)\s*$/.exec(line)?.[1];
    fc.assert(
      fc.property(
        textOf(blanks, 4),
        fc.constantFrom('ProviderName:', 'ProviderName :', 'providername:', ''),
        textOf([...blanks, 'A', 'D', 'S', 'y', 'n', 'c', ':', '-'], 16),
        (before, label, after) => {
          const line = `${before}${label}${after}`;
          expect(providerNameOf(line)).toBe(previous(line));
        },
      ),
      { numRuns: 5000 },
    );
  });
});

describe('the words a known error cannot match without', () => {
  const patterns = knownPastedErrors.flatMap((known) =>
    known.patterns.map((pattern) => ({ id: known.id, pattern })),
  );

  it('every catalogue pattern but a few has words to look for first', () => {
    const without = patterns.filter(({ pattern }) => requiredFragments(pattern) === undefined);
    expect(without.length).toBeLessThan(patterns.length / 10);
  });

  it.each(patterns)(
    '$id: text the pattern matches always holds its words ($pattern)',
    ({ pattern }) => {
      const fragments = requiredFragments(pattern);
      let matching: fc.Arbitrary<string>;
      try {
        matching = fc.stringMatching(
          new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '')),
        );
      } catch {
        // fast-check does not generate text for every construct; the builder below still runs.
        matching = fc.constant('');
      }
      fc.assert(
        fc.property(
          matching,
          fc.string({ maxLength: 8 }),
          fc.string({ maxLength: 8 }),
          (found, a, b) => {
            const text = `${a}${found}${b}`;
            if (new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '')).test(text)) {
              expect(mayMatch(fragments, text.toLowerCase())).toBe(true);
            }
          },
        ),
        { numRuns: 25 },
      );
    },
  );

  it('reads the words of simple, grouped, quantified and alternative patterns', () => {
    expect(requiredFragments(/Failed\s+credential\s+provisioning\s+batch/i)).toEqual([
      ['provisioning', 'credential', 'failed', 'batch'],
    ]);
    expect(requiredFragments(/\bAADSTS\d{5,8}\b/)).toEqual([['aadsts']]);
    expect(requiredFragments(/Error\s+25019\.?[\s\S]{0,200}?cannot/i)).toEqual([
      ['cannot', 'error', '25019'],
    ]);
    expect(requiredFragments(/colou?r(?:ed)?x{0,3}yyy/)).toEqual([['colo', 'yyy']]);
    expect(requiredFragments(/abcd|efgh/)).toEqual([['abcd'], ['efgh']]);
    expect(requiredFragments(/abcd|e/)).toBeUndefined();
    expect(requiredFragments(/\u0041bcd/)).toEqual([['bcd']]);
    expect(requiredFragments(/straße/iu)).toBeUndefined();
    expect(mayMatch([['abcd'], ['efgh']], 'xx efgh')).toBe(true);
    expect(mayMatch([['abcd'], ['efgh']], 'xx efg')).toBe(false);
  });
});
