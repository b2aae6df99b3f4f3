import type { CanonicalForms } from './canonical-forms';
import type { RawDifference } from './config-difference';
import { entryPath, keyPath, valuePath } from './config-path';
import { matchItems, type ItemKey } from './item-matching';
import { isAbsent, isJsonArray, isJsonRecord, keysOfBoth, ownValue } from './json-value';
import { isPerInstallKey } from './per-install-settings';
import { isSameInOrder } from './same-in-order';

/** Receives each difference the comparison finds. */
export type DifferenceSink = (difference: RawDifference) => void;

/** An entry of a list with its position, kept only to name entries that have nothing better. */
interface ListEntry {
  value: unknown;
  index: number;
}

// Fields that name a list entry well enough for a path and for pairing a changed entry with its old
// self: rule name, attribute-flow destination, scope-clause attribute, partition DN.
const labelKeys = ['name', 'destination', 'attribute', 'distinguishedName', 'id'] as const;

/**
 * Compares two JSON values the way an admin reads settings: objects key by key, lists as
 * collections whose order carries no meaning, absent/null/empty as the same, per-install keys
 * ignored. Reports each difference once, at the deepest path where it shows.
 */
export function diffValues(
  oldValue: unknown,
  newValue: unknown,
  path: string,
  sink: DifferenceSink,
  forms: CanonicalForms,
): void {
  const oldAbsent = isAbsent(oldValue);
  const newAbsent = isAbsent(newValue);
  if (oldAbsent && newAbsent) return;
  if (oldAbsent) {
    sink({ kind: 'added', path, newValue });
    return;
  }
  if (newAbsent) {
    sink({ kind: 'removed', path, oldValue });
    return;
  }
  if (isJsonRecord(oldValue) && isJsonRecord(newValue)) {
    for (const key of keysOfBoth(oldValue, newValue)) {
      if (isPerInstallKey(key)) continue;
      const oldChild = ownValue(oldValue, key);
      const newChild = ownValue(newValue, key);
      // Checked before building the child's path: most values are equal, and their paths would be garbage.
      if (isSameInOrder(oldChild, newChild)) continue;
      diffValues(oldChild, newChild, keyPath(path, key), sink, forms);
    }
    return;
  }
  if (isJsonArray(oldValue) && isJsonArray(newValue)) {
    if (isSameInOrder(oldValue, newValue)) return;
    diffLists(oldValue, newValue, path, sink, forms);
    return;
  }
  if (oldValue !== newValue) sink({ kind: 'changed', path, oldValue, newValue });
}

function diffLists(
  oldItems: readonly unknown[],
  newItems: readonly unknown[],
  path: string,
  sink: DifferenceSink,
  forms: CanonicalForms,
): void {
  const [onlyOld] = oldItems;
  const [onlyNew] = newItems;
  if (oldItems.length === 1 && newItems.length === 1) {
    // One entry on each side pairs whatever the keys say; skip building the matching.
    diffValues(onlyOld, onlyNew, listEntryPath(path, { value: onlyOld, index: 0 }), sink, forms);
    return;
  }
  const formOf = (entry: ListEntry): string => forms.of(entry.value);
  // Entries pair by name first (identical ones before the rest), then by content; what is left pairs
  // in canonical order, so one changed value is one difference, not a removal plus an addition.
  const keys: readonly ItemKey<ListEntry>[] = [(entry) => labelOf(entry.value), formOf, () => ''];
  const matching = matchItems(toEntries(oldItems), toEntries(newItems), keys, formOf);
  for (const [oldEntry, newEntry] of matching.pairs) {
    diffValues(oldEntry.value, newEntry.value, listEntryPath(path, oldEntry), sink, forms);
  }
  for (const entry of matching.removed) {
    sink({ kind: 'removed', path: listEntryPath(path, entry), oldValue: entry.value });
  }
  for (const entry of matching.added) {
    sink({ kind: 'added', path: listEntryPath(path, entry), newValue: entry.value });
  }
}

function toEntries(items: readonly unknown[]): ListEntry[] {
  return items.map((value, index) => ({ value, index }));
}

function labelOf(value: unknown): string {
  const field = labelFieldOf(value);
  return field === undefined ? '' : `${field[0]}=${field[1]}`;
}

function labelFieldOf(value: unknown): readonly [string, string] | undefined {
  if (!isJsonRecord(value)) return undefined;
  for (const key of labelKeys) {
    const label = ownValue(value, key);
    if (typeof label === 'string' && label !== '') return [key, label];
  }
  return undefined;
}

function listEntryPath(path: string, entry: ListEntry): string {
  if (!isJsonRecord(entry.value) && !isJsonArray(entry.value)) return valuePath(path, entry.value);
  const field = labelFieldOf(entry.value);
  return field === undefined ? `${path}[${entry.index}]` : entryPath(path, [field]);
}
