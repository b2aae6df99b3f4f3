/**
 * Sets an optional property only when there is a value: with `exactOptionalPropertyTypes` an
 * optional property may be absent but never hold `undefined`, which would also not survive JSON.
 */
export function setDefined<T extends object, K extends keyof T>(
  target: T,
  key: K,
  value: T[K] | undefined,
): void {
  if (value !== undefined) target[key] = value;
}
