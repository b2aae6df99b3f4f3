import { expect } from 'vitest';
import { parseConfigDocument, type ConfigDocument } from '../../../../migration/config';
import type { Json, JsonObject } from '../../../fixtures/synthetic/config-export-builder';

/** Parses a built (synthetic) document the way an upload arrives: as JSON text. */
export function parsedDocument(json: Json): ConfigDocument {
  const parsed = parseConfigDocument(JSON.stringify(json));
  if (parsed.kind === 'not-config') {
    expect.fail(`the builder produced a document the parser refuses: ${parsed.reason}`);
  }
  return parsed.document;
}

/** A deep copy of a built document with one edit applied, so each test starts from the same base. */
export function edited<T extends Json>(json: T, edit: (copy: T) => void): T {
  const copy = structuredClone(json);
  edit(copy);
  return copy;
}

/** The object at a path of a built document, for edits that the builder specs do not cover. */
export function objectAt(root: Json, ...path: (string | number)[]): JsonObject {
  let current: Json | undefined = root;
  for (const step of path) {
    current =
      typeof step === 'number'
        ? Array.isArray(current)
          ? current[step]
          : undefined
        : isObject(current)
          ? current[step]
          : undefined;
  }
  if (!isObject(current)) expect.fail(`no object at ${path.join('.')}`);
  return current;
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
