import { readFile } from 'node:fs/promises';
import type { z } from 'zod';

/** A JSON file the local commands keep in `.local/`, read and checked against its schema. */
export type JsonFileRead<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: 'missing' | 'invalid' };

/** Reads `file` as JSON of `schema`'s shape: `missing` when it cannot be read, `invalid` otherwise. */
export async function readJsonFile<T>(
  file: string,
  schema: z.ZodType<T>,
): Promise<JsonFileRead<T>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { ok: false, reason: 'missing' };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reason: 'invalid' };
}
