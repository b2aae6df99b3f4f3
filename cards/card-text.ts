import { escapeCardText } from './escape-text';

const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
/** Drops C0 controls other than tab and newline, and DEL: they have no place in a card. */
function dropControlCharacters(text: string): string {
  let kept = '';
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (char === '\t' || char === '\n' || (code >= 0x20 && code !== 0x7f)) kept += char;
  }
  return kept;
}
const TEMPLATE_EXPRESSION = /\$\{/g;

/**
 * Makes user text safe for a field Teams shows as plain text (input values, choice titles, code
 * snippets): no bidi tricks, no control characters, and no `${` (a zero-width space keeps a later
 * template expansion from reading it as an expression; no valid form value contains `${`).
 * `{{DATE()}}` needs no care here: only TextBlock and TextRun text is formatted.
 */
export function plainCardText(text: string): string {
  return dropControlCharacters(text)
    .replace(BIDI_CONTROLS, '')
    .replace(TEMPLATE_EXPRESSION, '$\u200B{');
}

/** Shortens text to `max` characters, ending with an ellipsis when it was cut. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

/** User or evidence text for a markdown field (TextBlock, FactSet): shortened, then escaped. */
export function cardText(text: string, max = 500): string {
  return escapeCardText(truncateText(dropControlCharacters(text), max));
}

/**
 * Text a markdown message shows exactly as written, every line of it: the bot's own words that
 * carry user text and use no markup of their own (a notice, a reply).
 */
export function literalText(text: string): string {
  return escapeCardText(dropControlCharacters(text));
}

// CommonMark ends a line at LF and CR; Teams clients also break at NEL and the Unicode separators.
const LINE_BREAKS = /[^\S\n\r\u2028\u2029]*[\n\r\u0085\u2028\u2029][\s\u0085]*/g;

/**
 * A value inside one line of markdown (a name, a file name, a typed comment): on that line, shown
 * as written, never as markup.
 */
export function inlineText(text: string): string {
  return escapeCardText(dropControlCharacters(text.replace(LINE_BREAKS, ' ')));
}

/**
 * One line of markdown in the bot's own words with values put in, as a tagged template
 * (markdownLine`Got it: I read “${fileName}”.`): every value is shown as written ({@link
 * inlineText}), the words around them are kept, markup included.
 */
export function markdownLine(
  words: TemplateStringsArray,
  ...values: readonly (string | number)[]
): string {
  return values.reduce<string>(
    (line, value, index) => `${line}${inlineText(String(value))}${words[index + 1] ?? ''}`,
    words[0] ?? '',
  );
}

/** The first `max` items and how many were left out, for lists that must fit in one card. */
export function limitList<T>(
  items: readonly T[],
  max: number,
): { shown: readonly T[]; hidden: number } {
  return { shown: items.slice(0, max), hidden: Math.max(0, items.length - max) };
}

/** "1 finding", "3 findings". */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
