import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarizeRun } from '../../scripts/test-summary.mjs';

const root = path.resolve(import.meta.dirname, '../..');

describe('npm test closing lines', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'run-tests-'));
    // globals: the files live outside the project, where `import 'vitest'` would not resolve.
    writeFileSync(
      path.join(dir, 'vitest.config.mjs'),
      "export default { test: { include: ['*.test.mjs'], globals: true } };\n",
    );
    writeFileSync(path.join(dir, 'passes.test.mjs'), "it('adds', () => expect(1 + 1).toBe(2));\n");
    writeFileSync(
      path.join(dir, 'setup-fails.test.mjs'),
      "beforeAll(() => { throw new Error('no browser on this machine'); });\n" +
        "it('never runs', () => expect(true).toBe(true));\n",
    );
    writeFileSync(
      path.join(dir, 'test-fails.test.mjs'),
      "it('compares', () => expect(1).toBe(2));\n",
    );
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts a file that failed outside any test, names it, and exits non-zero', () => {
    const run = spawnSync(
      process.execPath,
      ['scripts/run-tests.mjs', '--root', dir, '--config', path.join(dir, 'vitest.config.mjs')],
      {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, TEST_REPORT_FILE: path.join(dir, 'report.json') },
        timeout: 120_000,
      },
    );
    const lines = run.stdout.trim().split('\n');
    expect(run.status).toBe(1);
    expect(lines.at(-1)).toBe('1 passed, 2 failed, 1 skipped');
    const listing = lines.slice(lines.findIndex((line) => line.startsWith('Failed: ')));
    expect(listing[0]).toBe('Failed: 1 test in 2 files, 1 of them failing outside any test');
    // Files outside the project are named by their full path.
    expect(listing).toContain(
      `  ${path.join(dir, 'setup-fails.test.mjs')}: no browser on this machine`,
    );
    expect(listing).toContain(`  ${path.join(dir, 'test-fails.test.mjs')}: 1 failed: compares`);
  });
});

describe('summarizeRun', () => {
  const passing = {
    numPassedTests: 3,
    numFailedTests: 0,
    numPendingTests: 0,
    testResults: [{ name: '/p/test/a.test.ts', status: 'passed', assertionResults: [] }],
  };

  it.each([
    ['a clean run', passing, 0, '3 passed, 0 failed'],
    ['a run that wrote no report', undefined, 1, '0 passed, 1 failed'],
    ['a run that failed with nothing counted', passing, 1, '3 passed, 1 failed'],
    [
      'skipped and todo tests',
      { ...passing, numPendingTests: 2, numTodoTests: 1 },
      0,
      '3 passed, 0 failed, 3 skipped',
    ],
  ])('%s', (_name, report, exitCode, last) => {
    expect(summarizeRun(report, exitCode, '/p').at(-1)).toBe(last);
  });

  it('names the reason of an unhandled failure', () => {
    expect(summarizeRun(passing, 1, '/p').at(-2)).toMatch(/exit 1.*outside any test file/);
  });
});
