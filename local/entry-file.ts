import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Raised when an entry file throws while it loads (the Functions worker would only log it). */
export class EntryFileError extends Error {
  override readonly name = 'EntryFileError';
}

/**
 * Loads an entry file as the Node worker does: `require` for CommonJS, `import()` otherwise (the
 * TypeScript sources go through the loader tsx or vitest installed).
 */
export async function loadEntryFile(file: string): Promise<void> {
  try {
    if (isCommonJs(file)) createRequire(file)(file);
    else await import(pathToFileURL(file).href);
  } catch (error) {
    // On Azure the worker logs a warning, skips the remaining files and the app runs without their
    // functions; here that is an error, so a broken build cannot pass for a working one.
    const reason = error instanceof Error ? error.message : String(error);
    throw new EntryFileError(`The entry file ${file} failed to load: ${reason}`, { cause: error });
  }
}

function isCommonJs(file: string): boolean {
  if (file.endsWith('.cjs')) return true;
  if (!file.endsWith('.js')) return false;
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      return (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: unknown }).type !== 'module';
    }
    if (path.dirname(dir) === dir) return true;
  }
}
