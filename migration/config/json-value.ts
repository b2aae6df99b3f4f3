/** A JSON object as `JSON.parse` returns it. */
export type JsonRecord = Readonly<Record<string, unknown>>;

/** True for a JSON object (not an array, not null). */
export function isJsonRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for a JSON array. */
export function isJsonArray(value: unknown): value is readonly unknown[] {
  return Array.isArray(value);
}

/** The value of an own property: keys such as `__proto__` or `constructor` must never reach the prototype. */
export function ownValue(record: JsonRecord, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * Missing, null and an empty list say the same thing about a setting ("none"), and one product
 * version may write what another leaves out, so they never count as a difference.
 */
export function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}

/** The keys of both records, each once: the old record's order first. */
export function keysOfBoth(oldRecord: JsonRecord, newRecord: JsonRecord): string[] {
  const keys = Object.keys(oldRecord);
  for (const key of Object.keys(newRecord)) {
    if (!Object.hasOwn(oldRecord, key)) keys.push(key);
  }
  return keys;
}

/** The JSON text of a value, where a missing key (`undefined`) reads as `null`. */
export function jsonTextOf(value: unknown): string {
  return value === undefined ? 'null' : JSON.stringify(value);
}
