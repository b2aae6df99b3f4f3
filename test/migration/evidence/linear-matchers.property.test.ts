import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { providerNameOf } from '../../../migration/evidence/event-log';
import { readEventLogRow, readWinEventRow } from '../../../migration/evidence/event-table-row';
import { readListFields } from '../../../migration/evidence/format-list';
import { followsNameLabel } from '../../../migration/evidence/global-settings';
import { knownPastedErrors } from '../../../migration/evidence/pasted-errors';
import {
  firstWordOf,
  readPowerShellBoolean,
  withoutTrailingPunctuation,
} from '../../../migration/evidence/powershell-values';
import {
  fragmentIndexOf,
  mayMatch,
  requiredFragments,
} from '../../../migration/evidence/required-fragments';

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

describe('event table rows read as the expressions did', () => {
  const winEventRow = /^\s*(?<date>\S.*?)\s+(?<id>\d{1,5})\s+(?<level>\S+)\s+(?<message>\S.*)$/;
  const eventLogRow =
    /^\s*\d+\s+(?<date>\S.*?)\s+(?<level>Error|Warning|Information|FailureAudit|SuccessAudit|Critical)\s+(?<source>\S.*?)\s+(?<id>\d{1,10})\s+(?<message>\S.*)$/;
  // Named groups that did not take part (Get-WinEvent has no source) are left out, as the reader does.
  const groupsOf = (pattern: RegExp, line: string) => {
    const groups: Record<string, string | undefined> | undefined = pattern.exec(line)?.groups;
    return groups === undefined
      ? undefined
      : Object.fromEntries(Object.entries(groups).filter(([, value]) => value !== undefined));
  };
  // Words of real rows and the blanks between them, line terminators included.
  const words = [
    '1',
    '42',
    '123456',
    '12345678901',
    'Error',
    'Information',
    'Warn',
    'ADSync',
    'x',
    '12/7/2026',
    '10:00',
    'Directory Synchronization',
  ];
  const blanks = [' ', '  ', '\t', '', ' \u2028 ', '\u2028', '\u00A0'];
  const rowOf = (lead: fc.Arbitrary<string>): fc.Arbitrary<string> =>
    fc
      .tuple(
        lead,
        fc.array(fc.tuple(fc.constantFrom(...words), fc.constantFrom(...blanks)), {
          maxLength: 10,
        }),
      )
      .map(([start, parts]) => start + parts.map(([word, blank]) => word + blank).join(''));

  it('Get-WinEvent rows', () => {
    fc.assert(
      fc.property(rowOf(fc.constantFrom('', ' ', '\u2028')), (line) => {
        expect(readWinEventRow(line)).toEqual(groupsOf(winEventRow, line));
      }),
      { numRuns: 20000 },
    );
  });

  it('Get-EventLog rows', () => {
    fc.assert(
      fc.property(rowOf(fc.constantFrom('', ' ', '7 ', ' 1234  ', '\u20287\t')), (line) => {
        expect(readEventLogRow(line)).toEqual(groupsOf(eventLogRow, line));
      }),
      { numRuns: 30000 },
    );
  });
});

describe('readers of long lines read as before', () => {
  it('a `Name :` label before a setting is found as /\\bName\\s*:\\s*$/i finds it on the line', () => {
    fc.assert(
      fc.property(
        textOf(['Name', 'name', 'xName', 'NAME', ':', ' ', '\t', '\n', '\u2028', 'a', '_'], 10),
        textOf(['Microsoft.A', '\n', ' '], 3),
        (line, after) => {
          // As the reader calls it: at the `M` of a setting's name.
          const text = `${line}M${after}`;
          const at = line.length;
          const before = text.slice(text.lastIndexOf('\n', at) + 1, at);
          expect(followsNameLabel(text, at)).toBe(/\bName\s*:\s*$/i.test(before));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('a Format-List value ends at the line end or the next field, as before', () => {
    const previous = (text: string, fields: readonly string[]) => {
      const names = [...fields].sort((a, b) => b.length - a.length);
      const pattern = new RegExp(`(?<![A-Za-z0-9_.$-])(${names.join('|')})[ ]*:(?!\\\\)`, 'gi');
      const matches = [...text.matchAll(pattern)];
      return matches.map((match, index) => {
        const start = match.index + match[0].length;
        const next = matches[index + 1]?.index ?? text.length;
        const lineEnd = text.indexOf('\n', start);
        const end = lineEnd === -1 ? next : Math.min(next, lineEnd);
        const canonical = fields.find((field) => field.toLowerCase() === match[1]?.toLowerCase());
        return {
          field: canonical ?? match[1] ?? '',
          value: text.slice(start, end).trim(),
          at: match.index,
        };
      });
    };
    fc.assert(
      fc.property(
        textOf(
          ['Status', 'Name', 'DisplayName', ' : ', ':', ' ', '\n', 'Running', 'ADSync', 'C:\\'],
          16,
        ),
        (text) => {
          const fields = ['Status', 'Name', 'DisplayName'];
          expect(readListFields(text, fields)).toEqual(previous(text, fields));
        },
      ),
      { numRuns: 3000 },
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
              expect(mayMatch(fragments, fragmentIndexOf(text))).toBe(true);
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
    expect(mayMatch([['abcd'], ['efgh']], fragmentIndexOf('xx EFGH'))).toBe(true);
    expect(mayMatch([['abcd'], ['efgh']], fragmentIndexOf('xx efg'))).toBe(false);
    expect(mayMatch([['abcd'], ['efgh']], fragmentIndexOf('abc bcd efg fgh'))).toBe(false);
  });
});
