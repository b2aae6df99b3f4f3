/**
 * The value, or a thrown error that names what was missing: for a test that cannot go on without
 * it, in place of a non-null assertion (which would fail later, on a property of undefined).
 */
export function defined<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) {
    throw new Error(`Expected ${what}, but it is ${value === null ? 'null' : 'undefined'}.`);
  }
  return value;
}
