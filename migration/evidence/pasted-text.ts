import { memoByText } from './text-memo';

/**
 * Brings pasted or uploaded text to one shape the parsers can read: `\n` line ends, no byte-order
 * marks or zero-width characters, plain spaces, the little HTML Teams may leave in a message, every
 * PowerShell prompt on a line of its own (followed by the command that was typed), no comment lines.
 * Made once per text: identify, every parser and the judge read the same paste.
 */
export const normalizePastedText: (text: string) => string = memoByText(normalize);

function normalize(text: string): string {
  const normalized = text
    .replace(/\r\n?/g, '\n')
    .replace(/[\uFEFF\u200B-\u200D\u2060]/g, '')
    .replace(/[\u00A0\u2007\u202F\t]/g, ' ')
    .replace(/<br\s*\/?>|<\/?(?:p|div)>/gi, '\n')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&quot;/gi, '"')
    .replace(/&amp;/gi, '&')
    // A prompt in the middle of a line means the line breaks were lost: start a new line there.
    // The lookbehind starts each match at the beginning of a run of spaces, which keeps this linear.
    .replace(/(?<! )[ ]+(?=PS [A-Za-z]:\\[^>\n]{0,200}>)/g, '\n');
  // `#` lines are PowerShell comments and blog annotations, never output; a single line is kept
  // whole because a paste that lost its line breaks may start with one.
  return normalized.includes('\n') ? normalized.replace(/^[ ]*#(?!>)[^\n]*$/gm, '') : normalized;
}

/** The lines of normalised text, with prompt prefixes (`PS C:\>`, `C:\Users>`) removed. */
export function linesOf(text: string): string[] {
  return normalizePastedText(text)
    .split('\n')
    .map((line) => line.replace(/^\s*(?:PS )?[A-Za-z]:\\[^>\n]{0,200}>\s?/, ''));
}

/** True when Format-Table or Format-List cut the value short with `...` (or `…`). */
export function isTruncated(value: string): boolean {
  return /(?:\.\.\.|…)$/.test(value.trim());
}
