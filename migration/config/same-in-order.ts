import { isAbsent, isJsonArray, isJsonRecord, ownValue } from './json-value';
import { isPerInstallKey } from './per-install-settings';

/**
 * True when two values are the same as the comparison sees them, list order included. It allocates
 * nothing, so lists that are equal in the same order (the usual case after an import) skip the
 * order-free matching and its canonical forms; false only means "look closer".
 */
export function isSameInOrder(oldValue: unknown, newValue: unknown): boolean {
  if (oldValue === newValue) return true;
  const oldAbsent = isAbsent(oldValue);
  const newAbsent = isAbsent(newValue);
  if (oldAbsent || newAbsent) return oldAbsent && newAbsent;
  if (isJsonArray(oldValue)) {
    if (!isJsonArray(newValue) || oldValue.length !== newValue.length) return false;
    return oldValue.every((item, index) => isSameInOrder(item, newValue[index]));
  }
  if (!isJsonRecord(oldValue) || !isJsonRecord(newValue)) return false;
  // Object.keys lists own keys only, so their values are read without a second look-up.
  for (const key of Object.keys(oldValue)) {
    if (isPerInstallKey(key)) continue;
    if (!isSameInOrder(oldValue[key], ownValue(newValue, key))) return false;
  }
  for (const key of Object.keys(newValue)) {
    if (!isPerInstallKey(key) && !Object.hasOwn(oldValue, key) && !isAbsent(newValue[key])) {
      return false;
    }
  }
  return true;
}

/**
 * True when two lists of plain values hold the same values, each as many times, in any order: such
 * lists pair every value with an identical one, so they have no difference and need no matching.
 * False only means "look closer" (objects and lists inside are never taken as equal here).
 */
export function isSameMultiset(
  oldItems: readonly unknown[],
  newItems: readonly unknown[],
): boolean {
  if (oldItems.length !== newItems.length) return false;
  if (oldItems.length <= smallList) return isSameSmallMultiset(oldItems, newItems);
  const counts = new Map<unknown, number>();
  for (const item of oldItems) {
    if (typeof item === 'object' && item !== null) return false;
    counts.set(item, (counts.get(item) ?? 0) + 1);
  }
  for (const item of newItems) {
    const count = counts.get(item);
    if (count === undefined || count === 0) return false;
    counts.set(item, count - 1);
  }
  return true;
}

// Below this length comparing every pair is cheaper than building a map.
const smallList = 8;

function isSameSmallMultiset(oldItems: readonly unknown[], newItems: readonly unknown[]): boolean {
  const taken: boolean[] = newItems.map(() => false);
  for (const item of oldItems) {
    if (typeof item === 'object' && item !== null) return false;
    const at = newItems.findIndex((other, index) => other === item && taken[index] !== true);
    if (at === -1) return false;
    taken[at] = true;
  }
  return true;
}
