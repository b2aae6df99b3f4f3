/** A distinguished name in the form used to compare two: AD treats DNs case-insensitively and ignores spaces around `,` and `=`. */
export function normalizeDistinguishedName(distinguishedName: string): string {
  return distinguishedName
    .trim()
    .replace(/\s*([,=])\s*/g, '$1')
    .toLowerCase();
}
