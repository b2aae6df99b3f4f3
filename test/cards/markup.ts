/**
 * Characters that start markdown links, images, emphasis, code, HTML, entities, table cells or
 * `{{DATE()}}`.
 */
export const MARKUP_CHARACTERS: ReadonlySet<string> = new Set([
  '[',
  ']',
  '<',
  '>',
  '*',
  '_',
  '`',
  '~',
  '&',
  '\\',
  '{',
  '|',
]);

/** The markup characters in `text` not escaped with a backslash, as `char@index`. */
export function unescapedMarkup(text: string): string[] {
  const found: string[] = [];
  for (let index = 0; index < text.length; index++) {
    const char = text.charAt(index);
    if (char === '\\') {
      index++;
    } else if (MARKUP_CHARACTERS.has(char)) {
      found.push(`${char}@${index}`);
    }
  }
  return found;
}

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;

/** What a CommonMark renderer shows for inline text: each backslash-escaped punctuation as itself. */
export function renderEscapes(text: string): string {
  let shown = '';
  for (let index = 0; index < text.length; index++) {
    const char = text.charAt(index);
    const next = text.charAt(index + 1);
    if (char === '\\' && ASCII_PUNCTUATION.test(next)) {
      shown += next;
      index++;
    } else {
      shown += char;
    }
  }
  return shown;
}

// A line that starts a heading, list, quote or setext underline when its marker is not escaped.
const BLOCK_MARKER = /^[ \t]*(?:[-+*#=>]|\d+[.)])/gm;

/**
 * Everything in markdown `text` a renderer acts on, in order and without positions (so two texts
 * differing only in escaped user text compare equal): unescaped markup characters, block markers.
 */
export function liveMarkup(text: string): string[] {
  const blocks = [...text.matchAll(BLOCK_MARKER)].map((match) => `line start ${match[0].trim()}`);
  return [
    ...unescapedMarkup(text).map((found) => found.slice(0, found.lastIndexOf('@'))),
    ...blocks,
  ];
}

// Teams and the adaptivecards renderer format these in TextBlock and TextRun text.
const DATE_FUNCTION = /\{\{(?:DATE|TIME)\(/;

/** True when `text` holds something a template engine or Teams would evaluate. */
export function hasTemplateExpression(text: string): boolean {
  return text.includes('${') || DATE_FUNCTION.test(text);
}
