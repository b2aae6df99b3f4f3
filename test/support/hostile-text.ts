import fc from 'fast-check';
import { expect } from 'vitest';
import { hasTemplateExpression, liveMarkup, renderEscapes } from '../cards/markup';

/**
 * Pieces of text a person could type as a name, a file name, a comment or a reason to make the bot
 * show something it did not mean to: markdown, HTML, a Teams mention, template expressions Teams
 * or adaptivecards-templating evaluate, and characters that hide or reorder text.
 */
export const hostilePieces: readonly string[] = [
  '[x](https://evil.example)',
  '![x](https://evil.example/x.png)',
  '<https://evil.example>',
  '**bold**',
  '__bold__',
  '*em*',
  '_em_',
  '~~struck~~',
  '# heading',
  '> quote',
  '- item',
  '+ item',
  '1. item',
  '2) item',
  '===',
  '---',
  '<at>Megan</at>',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '&lt;b&gt;',
  '{{DATE(2020-01-01T00:00:00Z)}}',
  '{{TIME(2020-01-01T00:00:00Z)}}',
  '${$root.secret}',
  '${',
  '`code`',
  '```',
  '|a|b|',
  '|---|---|',
  '\\',
  '\n',
  '\r\n',
  '\n\n',
  '\u2028',
  '\u200B',
  '\u200C',
  '\u200D',
  '\uFEFF',
  '\u202E',
  '\u2066',
  '\u0000',
  '\u0007',
  ' ',
  '\t',
  'Megan',
  'ad_sync-export[1].json',
];

/** Hostile text: pieces from the list and single characters, joined in any order. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...hostilePieces) },
  {
    weight: 6,
    arbitrary: fc
      .array(
        fc.oneof(
          fc.constantFrom(...hostilePieces),
          fc.constantFrom(...Array.from('[]()*_~`<>&${}\\#-+=.!|: x1')),
        ),
        { minLength: 1, maxLength: 12 },
      )
      .map((pieces) => pieces.join('')),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }) },
);

const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;

/**
 * What a person reads of a text: no whitespace, and none of the characters a renderer drops (C0
 * controls, DEL, NEL, bidi embeddings, overrides and isolates).
 */
function readable(text: string): string {
  return Array.from(text)
    .filter((char) => {
      const code = char.charCodeAt(0);
      return !(
        /\s/.test(char) ||
        code < 0x20 ||
        code === 0x7f ||
        code === 0x85 ||
        BIDI_CONTROLS.test(char)
      );
    })
    .join('');
}

// Stands for the user's text in the reference build: letters only, and in no reply's own words.
const PLACEHOLDER = 'Qzxqv';

/**
 * Asserts that a markdown text built around user `text` shows it exactly as written: the text adds
 * no live markup (the built text has the markup of its own words only) and no template expression,
 * and, escapes resolved, the built text reads as its own words with the user's text in its place.
 */
export function expectShownAsWritten(
  build: (text: string) => string,
  { numRuns = 300 }: { numRuns?: number } = {},
): void {
  const reference = build(PLACEHOLDER);
  const own = liveMarkup(reference);
  const shownAround = readable(renderEscapes(reference));
  fc.assert(
    fc.property(hostileText, (text) => {
      const built = build(text);

      expect(liveMarkup(built)).toEqual(own);
      expect(hasTemplateExpression(built)).toBe(false);
      expect(readable(renderEscapes(built))).toBe(
        shownAround.split(PLACEHOLDER).join(readable(text)),
      );
    }),
    { numRuns },
  );
}
