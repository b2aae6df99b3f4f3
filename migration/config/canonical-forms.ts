import { isAbsent, isJsonArray, isJsonRecord, ownValue, type JsonRecord } from './json-value';
import { isPerInstallKey } from './per-install-settings';

/**
 * Order-free text forms of JSON values, equal exactly when the comparison sees no difference:
 * keys sorted, arrays sorted, per-install keys and absent values left out. One instance per
 * comparison caches the form of each object, so nested values are rendered once (linear overall).
 */
export class CanonicalForms {
  readonly #cache = new WeakMap<object, string>();

  /** The canonical form of a value. */
  of(value: unknown): string {
    if (typeof value !== 'object' || value === null) return scalarForm(value);
    const cached = this.#cache.get(value);
    if (cached !== undefined) return cached;
    const form = isJsonArray(value) ? this.#arrayForm(value) : this.#recordForm(value, noKeys);
    this.#cache.set(value, form);
    return form;
  }

  /** The canonical form of a record without some of its keys (not cached: used for the few unmatched entries). */
  without(record: JsonRecord, keys: ReadonlySet<string>): string {
    return this.#recordForm(record, keys);
  }

  #arrayForm(items: readonly unknown[]): string {
    return `[${items
      .map((item) => this.of(item))
      .sort()
      .join(',')}]`;
  }

  #recordForm(record: unknown, skipped: ReadonlySet<string>): string {
    if (!isJsonRecord(record)) return this.of(record);
    const parts: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const value = ownValue(record, key);
      if (skipped.has(key) || isPerInstallKey(key) || isAbsent(value)) continue;
      parts.push(`${JSON.stringify(key)}:${this.of(value)}`);
    }
    return `{${parts.join(',')}}`;
  }
}

const noKeys: ReadonlySet<string> = new Set();

function scalarForm(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? JSON.stringify(value)
    : 'null';
}
