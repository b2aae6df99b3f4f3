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
  for (const key in oldValue) {
    if (isPerInstallKey(key)) continue;
    if (!isSameInOrder(ownValue(oldValue, key), ownValue(newValue, key))) return false;
  }
  for (const key in newValue) {
    if (
      !isPerInstallKey(key) &&
      !Object.hasOwn(oldValue, key) &&
      !isAbsent(ownValue(newValue, key))
    ) {
      return false;
    }
  }
  return true;
}
