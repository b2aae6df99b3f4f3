import { jsonTextOf } from './json-value';

const plainKey = /^[A-Za-z_$][\w$]*$/;

/** The path of a key below `path`: `a.b`, or `a["odd key"]` when the key is not a plain name. */
export function keyPath(path: string, key: string): string {
  if (!plainKey.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** The path of a list entry, named by what identifies it (`rules[name="X", direction="Inbound"]`), never by position alone. */
export function entryPath(path: string, selector: readonly (readonly [string, unknown])[]): string {
  const parts = selector.map(([name, value]) => `${name}=${jsonTextOf(value)}`);
  return `${path}[${parts.join(', ')}]`;
}

/** The path of a plain value in a list, such as one OU in an OU filter: `containerExclusions["OU=Test,DC=contoso,DC=com"]`. */
export function valuePath(path: string, value: unknown): string {
  return `${path}[${jsonTextOf(value)}]`;
}
