import { isJsonArray, isJsonRecord } from './json-value';

/** The outcome of reading JSON text: the value, or why it is not JSON. */
export type JsonTextRead = { ok: true; value: unknown } | { ok: false; reason: string };

/** Far deeper than any export (about ten levels); deeper input is refused so that no later walk can overflow the stack. */
export const maxJsonDepth = 64;

// Windows PowerShell 5.1 writes UTF-16 by default (Out-File, >); read as UTF-8 or Latin-1 such a
// file starts with replacement characters or "ÿþ" and has a NUL after every ASCII character.
const leadingByteOrderMarks = /^(?:[\uFEFF\uFFFE\uFFFD]|\u00FF\u00FE|\u00FE\u00FF)+/;

/** Reads JSON text as admins upload it: tolerant of byte order marks, UTF-16 read as 8-bit text, and surrounding whitespace. Never throws. */
export function readJsonText(text: string): JsonTextRead {
  const withoutNul = text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
  const cleaned = withoutNul.replace(leadingByteOrderMarks, '').trim();
  if (cleaned === '') return { ok: false, reason: 'The file is empty.' };
  let value: unknown;
  try {
    value = JSON.parse(cleaned);
  } catch (error) {
    // JSON.parse throws only SyntaxError; its message says where the text stops being JSON.
    const detail = error instanceof Error ? error.message : 'unreadable';
    return { ok: false, reason: `The file is not valid JSON (${detail}).` };
  }
  if (depthExceeds(value, maxJsonDepth)) {
    return {
      ok: false,
      reason: `The JSON is nested deeper than ${maxJsonDepth} levels, which no settings export is.`,
    };
  }
  return { ok: true, value };
}

// Iterative on purpose: a recursive walk is exactly what deep input would overflow.
function depthExceeds(root: unknown, limit: number): boolean {
  const values: unknown[] = [root];
  const depths: number[] = [0];
  for (let value = values.pop(); value !== undefined; value = values.pop()) {
    const depth = depths.pop() ?? 0;
    if (depth > limit) return true;
    if (isJsonArray(value)) {
      for (const child of value) pushContainer(values, depths, child, depth + 1);
    } else if (isJsonRecord(value)) {
      for (const key in value) pushContainer(values, depths, value[key], depth + 1);
    }
  }
  return false;
}

function pushContainer(values: unknown[], depths: number[], child: unknown, depth: number): void {
  if (typeof child === 'object' && child !== null) {
    values.push(child);
    depths.push(depth);
  }
}
