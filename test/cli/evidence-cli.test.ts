import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { judgmentSchema } from '../../migration/judgment';

const root = fileURLToPath(new URL('../..', import.meta.url));
const real = (name: string): string => path.join(root, 'test/fixtures/real', name);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run --silent evidence -- ...args` in the repository, as admins and scripts do. */
function evidence(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'evidence', '--', ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

let scratch = '';

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'evidence-cli-'));
});

describe('npm run evidence', () => {
  it('prints a passing judgment as JSON and exits 0', async () => {
    const run = await evidence(
      'old-server-staging',
      real('01b-get-adsyncscheduler-staging-ON.txt'),
    );

    expect(run.code).toBe(0);
    const judgment = judgmentSchema.parse(JSON.parse(run.stdout));
    expect(judgment).toMatchObject({ checkpoint: 'old-server-staging', status: 'pass' });
  });

  it('prints a failing judgment and still exits 0', async () => {
    const run = await evidence(
      'tls12',
      real('04b-tls12-check-real-outputs-not-configured-and-configured.txt'),
      '--today',
      '2026-11-21',
    );
    const partA = path.join(scratch, 'tls-a.txt');
    const text = readFileSync(
      real('04b-tls12-check-real-outputs-not-configured-and-configured.txt'),
      'utf8',
    );
    await writeFile(partA, text.slice(0, text.indexOf('# (B)')));
    const failing = await evidence('tls12', partA);

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'pass' });
    expect(failing.code).toBe(0);
    expect(JSON.parse(failing.stdout)).toMatchObject({ checkpoint: 'tls12', status: 'fail' });
  });

  it('uses --today for the version policy', async () => {
    const file = path.join(scratch, 'version.txt');
    await writeFile(file, '2.5.79.0');
    const before = await evidence('source-version', file, '--today', '2026-10-01');
    const after = await evidence('source-version', file, '--today=2026-10-24');

    expect(JSON.stringify(JSON.parse(before.stdout))).not.toContain('retired');
    expect(JSON.stringify(JSON.parse(after.stdout))).toContain(
      '2.5.79.0 retired on 23 October 2026',
    );
  });

  it('reads a UTF-16 file as Windows PowerShell writes it with >', async () => {
    const file = path.join(scratch, 'scheduler-utf16.txt');
    const text = readFileSync(real('01b-get-adsyncscheduler-staging-ON.txt'), 'utf8');
    await writeFile(
      file,
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from(text.replace(/\n/g, '\r\n'), 'utf16le'),
      ]),
    );
    const run = await evidence('identify', file);

    expect(run.code).toBe(0);
    expect(run.stdout).toBe('scheduler\n');
  });

  it('identifies the kind of each file', async () => {
    const run = await evidence(
      'identify',
      real('02a-get-adsyncglobalsettings-v2.2.1.0-sorted.txt'),
      real('05-systeminfo-server-2016-and-2022.txt'),
    );

    expect(run.code).toBe(0);
    expect(run.stdout).toBe('global-settings\nos\n');
  });

  it('takes the sign-in answers JSON for sign-in-settings', async () => {
    const file = path.join(scratch, 'answers.json');
    await writeFile(file, JSON.stringify({ method: 'phs', seamlessSso: true }));
    const run = await evidence(
      'sign-in-settings',
      file,
      real('02a-get-adsyncglobalsettings-v2.2.1.0-sorted.txt'),
    );

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      checkpoint: 'sign-in-settings',
      status: 'fail',
    });
  });

  it.each([
    ['a people-decided checkpoint', ['cutover-approval'], 'decided by people'],
    ['decommission', ['decommission'], 'confirmed by people'],
    [
      'evidence of the wrong kind',
      ['tls12', real('01a-get-adsyncscheduler-staging-off-sync-enabled-2025.txt')],
      'No usable evidence for tls12',
    ],
    ['a missing file', ['tls12', 'no-such-file.txt'], 'Cannot read no-such-file.txt'],
    ['an unknown checkpoint', ['tls13', 'x.txt'], 'Unknown checkpoint id tls13'],
    ['a bad date', ['tls12', 'x.txt', '--today', '2026-02-30'], '--today needs a date'],
    ['no file', ['tls12'], 'Give at least one evidence file'],
    [
      'broken sign-in answers',
      ['sign-in-settings', real('02a-get-adsyncglobalsettings-v2.2.1.0-sorted.txt')],
      'sign-in answers',
    ],
  ])('exits 2 with a message on stderr for %s', async (_case, args, message) => {
    const run = await evidence(...args);

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
  });
});
