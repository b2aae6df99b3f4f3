/** One `Field : value` occurrence found in Format-List output. */
export interface ListField {
  field: string;
  value: string;
  /** Where the field name starts in the text, so callers can order or group occurrences. */
  at: number;
}

/**
 * Reads `Field : value` pairs of the given field names from Format-List output. A value ends at the
 * line end or where the next known field starts, so output whose line breaks were lost in Teams
 * (`A : 1 B : 2` on one line) reads the same as the original. Field names inside longer words or
 * dotted names (`Microsoft.Synchronize.StagingMode`) are not fields.
 */
export function readListFields(text: string, fields: readonly string[]): ListField[] {
  if (fields.length === 0) return [];
  const names = [...fields].sort((a, b) => b.length - a.length).map(escapeRegExp);
  // `(?!\\)` keeps drive letters such as `C:\` from reading as a field separator.
  const pattern = new RegExp(`(?<![A-Za-z0-9_.$-])(${names.join('|')})[ ]*:(?!\\\\)`, 'gi');
  const matches = [...text.matchAll(pattern)];
  return matches.map((match, index) => {
    const start = match.index + match[0].length;
    const next = matches[index + 1]?.index ?? text.length;
    // The line end is looked for only up to the next field: a long line is not scanned per field.
    const lineEnd = text.slice(start, next).indexOf('\n');
    const end = lineEnd === -1 ? next : start + lineEnd;
    const canonical = fields.find((field) => field.toLowerCase() === match[1]?.toLowerCase());
    return {
      field: canonical ?? match[1] ?? '',
      value: text.slice(start, end).trim(),
      at: match.index,
    };
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Format-List records of several objects: a field seen again starts the next record. Each record
 * maps the field names (as given in `fields`) to their values.
 */
export function readListRecords(
  text: string,
  fields: readonly string[],
): ReadonlyMap<string, string>[] {
  return readListRecordsAt(text, fields).map((record) => record.fields);
}

/** Format-List records as `readListRecords` reads them, each with where its first field starts. */
export function readListRecordsAt(
  text: string,
  fields: readonly string[],
): { at: number; fields: Map<string, string> }[] {
  const records: { at: number; fields: Map<string, string> }[] = [];
  for (const field of readListFields(text, fields)) {
    const current = records.at(-1);
    if (current === undefined || current.fields.has(field.field)) {
      records.push({ at: field.at, fields: new Map([[field.field, field.value]]) });
    } else {
      current.fields.set(field.field, field.value);
    }
  }
  return records;
}
