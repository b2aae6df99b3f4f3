import type { Json, JsonObject } from '../../../fixtures/synthetic/config-export-builder';
import { defined } from '../../../support/defined';

/** Where a value sits in a built document: object keys and list positions from the top. */
export type JsonPath = readonly (string | number)[];

/** A text, number or true/false value of a document, with where it sits. */
export interface JsonLeaf {
  path: JsonPath;
  value: string | number | boolean;
}

/** Every text, number and true/false value of a document (null is "none" to the comparison, not a value). */
export function leavesOf(root: Json, path: JsonPath = []): JsonLeaf[] {
  if (root === null) return [];
  if (Array.isArray(root)) return root.flatMap((item, index) => leavesOf(item, [...path, index]));
  if (typeof root === 'object') {
    return Object.entries(root).flatMap(([key, value]) => leavesOf(value, [...path, key]));
  }
  return [{ path, value: root }];
}

/** A copy of the document with one value replaced. */
export function withLeaf(root: JsonObject, path: JsonPath, value: Json): JsonObject {
  const copy = structuredClone(root);
  let parent: Json = copy;
  for (const [index, step] of path.entries()) {
    const isLast = index === path.length - 1;
    if (Array.isArray(parent) && typeof step === 'number') {
      if (isLast) parent[step] = value;
      else parent = parent[step] ?? null;
    } else if (
      typeof parent === 'object' &&
      parent !== null &&
      !Array.isArray(parent) &&
      typeof step === 'string'
    ) {
      if (isLast) parent[step] = value;
      else parent = parent[step] ?? null;
    } else {
      throw new Error(`no value at ${path.join('.')}`);
    }
  }
  return copy;
}

/** A copy of the document with every list reordered by a seeded shuffle (deterministic, so fast-check can shrink). */
export function shuffledEverywhere(root: Json, seed: number): Json {
  let state = seed >>> 0;
  const next = (): number => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const visit = (value: Json): Json => {
    if (Array.isArray(value)) {
      const items = value.map(visit);
      for (let index = items.length - 1; index > 0; index -= 1) {
        const other = Math.floor(next() * (index + 1));
        [items[index], items[other]] = [
          defined(items[other], 'the item to swap in'),
          defined(items[index], 'the item to swap out'),
        ];
      }
      return items;
    }
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, visit(child)]));
    }
    return value;
  };
  return visit(root);
}
