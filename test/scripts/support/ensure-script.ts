import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

// npm test runs its ensure-* scripts before the tests' network namespace is entered. The tests run
// them as npm test does, with a PATH of their own: node alone (no .NET SDK), or node with a
// `dotnet` that fails as the case needs.

const root = path.resolve(import.meta.dirname, '../../..');

/** A scratch folder for one test file, removed after it; the scripts' HOME. */
export function scratchFolder(prefix: string): string {
  const work = mkdtempSync(path.join(tmpdir(), prefix));
  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });
  return work;
}

/** A folder for PATH under `work`, holding node and the given extra commands (shell scripts). */
export function pathWith(
  work: string,
  name: string,
  commands: Readonly<Record<string, string>> = {},
): string {
  const bin = path.join(work, name, 'bin');
  mkdirSync(bin, { recursive: true });
  symlinkSync(process.execPath, path.join(bin, 'node'));
  for (const [command, script] of Object.entries(commands)) {
    writeFileSync(path.join(bin, command), `#!/bin/sh\n${script}\n`);
    chmodSync(path.join(bin, command), 0o755);
  }
  return bin;
}

/** Runs `scripts/<script>` from the project root with `env` alone (HOME is `work`). */
export function runEnsureScript(
  script: string,
  work: string,
  env: Readonly<Record<string, string>>,
): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [path.join(root, 'scripts', script)], {
    cwd: root,
    encoding: 'utf8',
    // Not LOOPBACK_ONLY: as npm test runs it, before the namespace.
    env: { HOME: work, ...env },
    timeout: 60_000,
  });
}
