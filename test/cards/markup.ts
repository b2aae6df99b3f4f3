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
