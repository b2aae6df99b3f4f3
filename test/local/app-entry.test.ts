import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppEntryError, appEntryFiles } from '../../local/app-entry';

const projectRoot = path.resolve(__dirname, '..', '..');
const work = mkdtempSync(path.join(tmpdir(), 'app-entry-'));

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

function appWith(name: string, main: string, files: readonly string[]): string {
  const root = path.join(work, name);
  mkdirSync(root, { recursive: true });
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ main }));
  for (const file of files) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), '');
  }
  return root;
}

describe('the entry files of package.json main', () => {
  it('are the TypeScript sources of dist/functions/*.js by default', () => {
    const files = appEntryFiles(projectRoot).map((file) => path.relative(projectRoot, file));
    expect(files).toContain(path.join('functions', 'messages.ts'));
    expect(
      files.every((file) => file.startsWith(`functions${path.sep}`) && file.endsWith('.ts')),
    ).toBe(true);
  });

  it('are the JavaScript files themselves when built, sorted, without other files', () => {
    const root = appWith('built', 'dist/functions/*.js', [
      'dist/functions/messages.js',
      'dist/functions/activities.js',
      'dist/functions/messages.js.map',
      'dist/functions/notes.txt',
      'functions/messages.ts',
    ]);
    expect(appEntryFiles(root, { built: true })).toEqual([
      path.join(root, 'dist', 'functions', 'activities.js'),
      path.join(root, 'dist', 'functions', 'messages.js'),
    ]);
  });

  it('name what to do when the app was not built', () => {
    const root = appWith('unbuilt', 'dist/functions/*.js', ['functions/messages.ts']);
    expect(() => appEntryFiles(root, { built: true })).toThrow(AppEntryError);
    expect(() => appEntryFiles(root, { built: true })).toThrow(/npm run build/);
  });

  it('are an error when nothing matches, as the worker would load no function', () => {
    const root = appWith('empty', 'dist/functions/*.js', ['dist/functions/readme.txt']);
    expect(() => appEntryFiles(root, { built: true })).toThrow(/no file in .* matches \*\.js/);
  });
});
