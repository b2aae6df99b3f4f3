import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  INSTALL_COMMAND,
  planSystemPackages,
  type SystemPlan,
} from '../../scripts/ensure-system.mjs';

const root = path.resolve(import.meta.dirname, '../..');

describe('planSystemPackages', () => {
  it.each<[string, Parameters<typeof planSystemPackages>[0], Partial<SystemPlan>]>([
    [
      'all there',
      { chromium: true, emojiFont: true, libfaketime: true, runAs: 'none' },
      { action: 'none' },
    ],
    [
      'root installs what is missing',
      { chromium: false, emojiFont: true, libfaketime: true, runAs: 'root' },
      { action: 'install', missing: ['chromium'], prefix: [] },
    ],
    [
      'sudo without a password installs both',
      { chromium: false, emojiFont: false, libfaketime: false, runAs: 'sudo' },
      {
        action: 'install',
        missing: ['chromium', 'fonts-noto-color-emoji', 'libfaketime'],
        prefix: ['sudo', '-n'],
      },
    ],
    [
      'neither stops',
      { chromium: true, emojiFont: false, libfaketime: true, runAs: 'none' },
      { action: 'stop', missing: ['fonts-noto-color-emoji'] },
    ],
  ])('%s', (_name, machine, expected) => {
    expect(planSystemPackages(machine)).toMatchObject(expected);
  });
});

describe('ensure-system.mjs on a machine without Chromium, as a user who cannot install it', () => {
  it('stops with exit 1 and names the exact command to run', () => {
    // As root, drop to nobody; either way a PATH with only node has no sudo to try. The script runs
    // from a world-readable copy, wherever the checkout is (a private temporary folder, say).
    const dir = mkdtempSync(path.join(tmpdir(), 'ensure-system-'));
    const script = path.join(dir, 'ensure-system.mjs');
    copyFileSync(path.join(root, 'scripts/ensure-system.mjs'), script);
    chmodSync(dir, 0o755);
    chmodSync(script, 0o644);
    const command =
      process.getuid?.() === 0
        ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', process.execPath]
        : [process.execPath];
    const run = spawnSync(command[0] ?? '', [...command.slice(1), script], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: path.dirname(process.execPath), CHROMIUM_PATH: '/nonexistent/chromium' },
      timeout: 30_000,
    });
    rmSync(dir, { recursive: true, force: true });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain("need Debian's chromium");
    expect(run.stderr).toContain(`\n  ${INSTALL_COMMAND}\n`);
    expect(INSTALL_COMMAND).toBe(
      'sudo apt-get update && sudo apt-get install -y chromium fonts-noto-color-emoji libfaketime',
    );
  });
});
