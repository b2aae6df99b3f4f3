import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeCardText } from '../../cards/escape-text';
import { renderEscapes, unescapedMarkup } from './markup';

const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

// Text rich in the characters markdown, HTML and templates care about, plus arbitrary Unicode.
const markupHeavyText = fc.string({
  unit: fc.constantFrom(
    ...Array.from('[]()*_~`<>&${}\\#-+=.!|1 x\n\r\t'),
    '\u202E',
    '\u2066',
    'https://example.test',
  ),
  maxLength: 80,
});
const anyText = fc.oneof(markupHeavyText, fc.string({ unit: 'binary', maxLength: 80 }));

describe('escapeCardText', () => {
  it('shows exactly the original text once a markdown renderer resolves the escapes', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(renderEscapes(escapeCardText(text))).toBe(text.replace(BIDI_CONTROLS, ''));
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves no link, emphasis, code, HTML or entity syntax unescaped', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(unescapedMarkup(escapeCardText(text))).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('never contains an active markdown link or image', () => {
    const activeLink = /(^|[^\\])(\\\\)*!?\[[^\]]*\]\(/;
    fc.assert(
      fc.property(anyText, (text) => {
        expect(escapeCardText(text)).not.toMatch(activeLink);
      }),
      { numRuns: 2000 },
    );
  });

  it('never contains a template expression', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(escapeCardText(text)).not.toContain('${');
      }),
      { numRuns: 2000 },
    );
  });

  it('starts no line with a list, heading, quote or underline marker', () => {
    const blockMarker = /^[ \t]*([-+*#=>]|\d+[.)])/m;
    fc.assert(
      fc.property(anyText, (text) => {
        expect(escapeCardText(text)).not.toMatch(blockMarker);
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['[approve here](https://evil.example)', '\\[approve here\\](https://evil.example)'],
    ['**PASS**', '\\*\\*PASS\\*\\*'],
    ['<script>alert(1)</script>', '\\<script\\>alert(1)\\</script\\>'],
    ['&lt;b&gt;', '\\&lt;b\\&gt;'],
    ['${secret}', '$\\{secret}'],
    ['{{DATE(2026-10-14T07:30:00Z, SHORT)}}', '\\{\\{DATE(2026-10-14T07:30:00Z, SHORT)}}'],
    ['- item\n1. first\n# title', '\\- item\n1\\. first\n\\# title'],
    [
      'C:\\Program Files\\Microsoft Azure AD Sync',
      'C:\\\\Program Files\\\\Microsoft Azure AD Sync',
    ],
    ['MSOL_1a2b3c', 'MSOL\\_1a2b3c'],
    ['admin\u202Etxt.exe', 'admintxt.exe'],
    ['StagingModeEnabled : False', 'StagingModeEnabled : False'],
  ])('escapes %j as %j', (text, escaped) => {
    expect(escapeCardText(text)).toBe(escaped);
  });
});
