import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startAppHost } from '../../local/app-host';
import { EntryFileError, startLocalRuntime } from '../../local/runtime';
import { quietLogger } from '../../local/runtime-logger';

const work = mkdtempSync(path.join(tmpdir(), 'entry-file-load-'));
let apps = 0;

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** A built app whose package.json names dist/functions/*.js, with these files there. */
function builtApp(files: Readonly<Record<string, string>>): string {
  const root = path.join(work, `app-${String(++apps)}`);
  mkdirSync(path.join(root, 'dist', 'functions'), { recursive: true });
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ main: 'dist/functions/*.js' }));
  writeFileSync(path.join(root, 'host.json'), JSON.stringify({ version: '2.0' }));
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(path.join(root, 'dist', 'functions', name), text);
  }
  return root;
}

describe('an entry file that throws while it loads', () => {
  it('makes startAppHost reject with the file it was and why', async () => {
    const root = builtApp({
      'a-fine.js': 'exports.fine = true;\n',
      'b-broken.js': "throw new Error('the settings module is missing');\n",
    });
    const started = startAppHost({ root, built: true, start: new Date('2026-11-18T14:30:00Z') });
    await expect(started).rejects.toThrow(EntryFileError);
    await expect(started).rejects.toThrow(
      `The entry file ${path.join(root, 'dist', 'functions', 'b-broken.js')} failed to load: the settings module is missing`,
    );
  });

  it('makes startLocalRuntime reject for an ES module too, with the original error as cause', async () => {
    const file = path.join(work, 'broken.mjs');
    writeFileSync(file, "throw new TypeError('not a function');\n");
    const error: unknown = await startLocalRuntime({
      entryFiles: [file],
      logger: quietLogger,
    }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(EntryFileError);
    expect((error as Error).message).toContain('broken.mjs');
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });
});
