/** One row of Format-Table output: the value under each column, trimmed. */
export type TableRow = ReadonlyMap<string, string>;

/**
 * Reads the rows of the first Format-Table block whose header names every one of `columns`.
 * PowerShell aligns numbers right and text left inside the dashes under each header, so a value is
 * whatever lies within its column's dashes; when Teams collapsed the spacing (no dash line, or rows
 * of another width), a row whose words match the columns one to one is read by position. Rows end
 * at the first blank line after them or at a line that is no row of this table.
 */
export function readTableRows(text: string, columns: readonly string[]): TableRow[] {
  const lines = text.split('\n');
  const headerIndex = lines.findIndex((line) => isHeaderOf(line, columns));
  const header = lines[headerIndex];
  if (header === undefined) return [];
  const names = header.trim().split(/\s+/);
  const dashes = lines[headerIndex + 1] ?? '';
  const spans = /^\s*-+(?:\s+-+)*\s*$/.test(dashes) ? spansOf(dashes) : [];
  const rows: TableRow[] = [];
  for (const line of lines.slice(headerIndex + (spans.length > 0 ? 2 : 1))) {
    if (line.trim() === '') {
      if (rows.length > 0) break;
      continue;
    }
    const row = spans.length === names.length ? bySpans(line, names, spans) : undefined;
    const read = row ?? byPosition(line, names);
    if (read === undefined) break;
    rows.push(read);
  }
  return rows;
}

/** A header line: column names only (no `Name : value`), naming every wanted column. */
export function isHeaderOf(line: string, columns: readonly string[]): boolean {
  if (line.includes(':')) return false;
  const words = new Set(
    line
      .trim()
      .split(/\s+/)
      .map((word) => word.toLowerCase()),
  );
  return columns.every((column) => words.has(column.toLowerCase()));
}

function spansOf(dashes: string): { start: number; end: number }[] {
  return [...dashes.matchAll(/-+/g)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
  }));
}

/** Each value within its column's dashes; the last column runs to the end of the line. */
function bySpans(
  line: string,
  names: readonly string[],
  spans: readonly { start: number; end: number }[],
): TableRow {
  return new Map(
    spans.map((span, index) => {
      const next = spans[index + 1]?.start ?? Math.max(line.length, span.end);
      return [names[index] ?? '', line.slice(index === 0 ? 0 : span.start, next).trim()];
    }),
  );
}

function byPosition(line: string, names: readonly string[]): TableRow | undefined {
  const words = line.trim().split(/\s+/);
  if (words.length !== names.length) return undefined;
  return new Map(names.map((name, index) => [name, words[index] ?? '']));
}
