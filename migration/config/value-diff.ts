import type { CanonicalForms } from './canonical-forms';
import type { RawDifference } from './config-difference';
import { entryPath, keyPath, valuePath } from './config-path';
import { matchItems, type ItemKey } from './item-matching';
import { isAbsent, isJsonArray, isJsonRecord, ownValue } from './json-value';
import { isPerInstallKey } from './per-install-settings';
import { isSameInOrder, isSameMultiset } from './same-in-order';

/** Receives each difference the comparison finds. */
export type DifferenceSink = (difference: RawDifference) => void;

/** An entry of a list with its position, kept only to name entries that have nothing better. */
interface ListEntry {
  value: unknown;
  index: number;
}

/**
 * Where a value sits, written out only when a difference is reported: most compared values are
 * equal, and writing every path would cost more than comparing.
 */
export type ValuePath = string | KeyStep | EntryStep;

interface KeyStep {
  parent: ValuePath;
  key: string;
}

interface EntryStep {
  parent: ValuePath;
  entry: ListEntry;
}

/** The text of a path (see config-path.ts for its form). */
export function pathText(path: ValuePath): string {
  if (typeof path === 'string') return path;
  return 'key' in path
    ? keyPath(pathText(path.parent), path.key)
    : listEntryPath(pathText(path.parent), path.entry);
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
  path: ValuePath,
  sink: DifferenceSink,
  forms: CanonicalForms,
): void {
  if (oldValue === newValue) return;
  const oldAbsent = isAbsent(oldValue);
  const newAbsent = isAbsent(newValue);
  if (oldAbsent && newAbsent) return;
  if (oldAbsent) {
    sink({ kind: 'added', path: pathText(path), newValue });
    return;
  }
  if (newAbsent) {
    sink({ kind: 'removed', path: pathText(path), oldValue });
    return;
  }
  if (isJsonRecord(oldValue) && isJsonRecord(newValue)) {
    // The old record's keys in order, then those only the new one has (as keysOfBoth lists them).
    // Object.keys lists own keys only, so their values are read without a second look-up.
    for (const key of Object.keys(oldValue)) {
      if (isPerInstallKey(key)) continue;
      const oldChild = oldValue[key];
      const newChild = ownValue(newValue, key);
      if (oldChild !== newChild) diffValues(oldChild, newChild, { parent: path, key }, sink, forms);
    }
    for (const key of Object.keys(newValue)) {
      if (isPerInstallKey(key) || Object.hasOwn(oldValue, key)) continue;
      diffValues(undefined, newValue[key], { parent: path, key }, sink, forms);
    }
    return;
  }
  if (isJsonArray(oldValue) && isJsonArray(newValue)) {
    // Lists equal in order (the usual case after an import) skip the order-free matching.
    if (!isSameInOrder(oldValue, newValue)) diffLists(oldValue, newValue, path, sink, forms);
    return;
  }
  sink({ kind: 'changed', path: pathText(path), oldValue, newValue });
}

function diffLists(
  oldItems: readonly unknown[],
  newItems: readonly unknown[],
  path: ValuePath,
  sink: DifferenceSink,
  forms: CanonicalForms,
): void {
  const [onlyOld] = oldItems;
  const [onlyNew] = newItems;
  if (oldItems.length === 1 && newItems.length === 1) {
    // One entry on each side pairs whatever the keys say; skip building the matching.
    diffValues(
      onlyOld,
      onlyNew,
      { parent: path, entry: { value: onlyOld, index: 0 } },
      sink,
      forms,
    );
    return;
  }
  if (isSameMultiset(oldItems, newItems)) return;
  if (diffLabelledLists(oldItems, newItems, path, sink, forms)) return;
  const formOf = (entry: ListEntry): string => forms.of(entry.value);
  // Entries pair by name first (identical ones before the rest), then by content; what is left pairs
  // in canonical order, so one changed value is one difference, not a removal plus an addition.
  const keys: readonly ItemKey<ListEntry>[] = [(entry) => labelOf(entry.value), formOf, () => ''];
  const matching = matchItems(toEntries(oldItems), toEntries(newItems), keys, formOf);
  for (const [oldEntry, newEntry] of matching.pairs) {
    diffValues(oldEntry.value, newEntry.value, { parent: path, entry: oldEntry }, sink, forms);
  }
  const listPath = pathText(path);
  for (const entry of matching.removed) {
    sink({ kind: 'removed', path: listEntryPath(listPath, entry), oldValue: entry.value });
  }
  for (const entry of matching.added) {
    sink({ kind: 'added', path: listEntryPath(listPath, entry), newValue: entry.value });
  }
}

/**
 * The usual list of named entries (attribute flows, scope conditions): every entry on both sides has
 * a label of its own and both sides have the same labels, so entries pair by label exactly as the
 * general matching would pair them, in the old list's order, without building it. Returns false,
 * having reported nothing, for any other list.
 */
function diffLabelledLists(
  oldItems: readonly unknown[],
  newItems: readonly unknown[],
  path: ValuePath,
  sink: DifferenceSink,
  forms: CanonicalForms,
): boolean {
  if (oldItems.length !== newItems.length) return false;
  const oldLabels = labelsOf(oldItems);
  const newLabels = labelsOf(newItems);
  if (oldLabels === undefined || newLabels === undefined) return false;
  const twinAt =
    newItems.length <= smallList
      ? twinsByScan(oldLabels, newLabels)
      : twinsByMap(oldLabels, newLabels);
  if (twinAt === undefined) return false;
  for (const [index, value] of oldItems.entries()) {
    const at = twinAt[index] ?? -1;
    diffValues(value, newItems[at], { parent: path, entry: { value, index } }, sink, forms);
  }
  return true;
}

/** The labels of a list's items: the field each is named by, and the name. */
interface Labels {
  fields: string[];
  texts: string[];
}

// Up to this length, finding each twin by scanning the other list is cheaper than building a map.
const smallList = 16;

/** The label of every item (no label text is built), or undefined when one has none. */
function labelsOf(items: readonly unknown[]): Labels | undefined {
  const labels: Labels = { fields: [], texts: [] };
  for (const item of items) {
    const field = labelFieldOf(item);
    if (field === undefined) return undefined;
    labels.fields.push(field[0]);
    labels.texts.push(field[1]);
  }
  return labels;
}

/** For each old item, where its label is in the new list; undefined unless each label is there exactly once on each side. */
function twinsByScan(oldLabels: Labels, newLabels: Labels): number[] | undefined {
  const { fields, texts } = newLabels;
  const twinAt: number[] = [];
  const taken = texts.map(() => false);
  for (const [index, text] of oldLabels.texts.entries()) {
    const field = oldLabels.fields[index];
    let found = -1;
    for (let at = 0; at < texts.length; at += 1) {
      if (texts[at] !== text || fields[at] !== field) continue;
      // A repeat on the new side, or an old label seen before (its twin already taken).
      if (found !== -1 || taken[at] === true) return undefined;
      found = at;
    }
    if (found === -1) return undefined;
    taken[found] = true;
    twinAt.push(found);
  }
  return twinAt;
}

// Keyed by the label's text alone; the same text under two fields counts as a repeat, which only
// sends the list the general way.
function twinsByMap(oldLabels: Labels, newLabels: Labels): number[] | undefined {
  const newAt = new Map<string, number>();
  for (const [at, text] of newLabels.texts.entries()) {
    if (newAt.has(text)) return undefined;
    newAt.set(text, at);
  }
  const twinAt: number[] = [];
  for (const [index, text] of oldLabels.texts.entries()) {
    const at = newAt.get(text);
    if (at === undefined || newLabels.fields[at] !== oldLabels.fields[index]) return undefined;
    // Deleting makes a repeated old label miss.
    newAt.delete(text);
    twinAt.push(at);
  }
  return twinAt;
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
