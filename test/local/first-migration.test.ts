import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  walkFiles,
  walkToApproval,
  walkToMonitoring,
  writeWalkFiles,
} from '../../local/first-migration';

// The README's "Your first migration locally" and the files `npm start` writes for it must agree:
// a newcomer follows only the README, and the browser test walks the same list.

const root = path.resolve(__dirname, '..', '..');
const steps = [...walkToApproval, ...walkToMonitoring];

async function readmeSection(): Promise<string> {
  const readme = await readFile(path.join(root, 'README.md'), 'utf8');
  const start = readme.indexOf('## Your first migration locally');
  expect(start).toBeGreaterThanOrEqual(0);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

describe('the first local migration', () => {
  let folder = '';
  afterEach(async () => {
    if (folder !== '') await rm(folder, { recursive: true, force: true });
  });

  it('is in the README step by step: each card in order, on a row with every file that answers it', async () => {
    const rows = (await readmeSection()).split('\n').filter((line) => line.trim().startsWith('|'));
    let previous = -1;
    for (const step of steps) {
      const row = rows.findIndex((line) => line.includes(`| ${step.card} `));
      expect(row, step.card).toBeGreaterThan(previous);
      previous = row;
      const text = rows[row] ?? '';
      for (const file of step.files) {
        expect(text, step.card).toContain(
          file.how === 'upload' ? `npm run upload -- ${file.name}` : `\`${file.name}\``,
        );
      }
      if (step.thenClick !== undefined) expect(text).toContain(`**${step.thenClick}**`);
    }
  });

  it('writes every file as the commands on the cards print it: the server name first, then the output unchanged', async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'first-migration-'));
    const now = new Date('2026-12-07T10:00:00Z');
    await writeWalkFiles(root, folder, now);
    const names = walkFiles().map((file) => file.name);
    expect((await readdir(folder)).sort()).toEqual([...names].sort());
    // Numbered in the order they are used, each once.
    expect(names).toEqual([...names].sort());
    for (const file of walkFiles()) {
      const written = await readFile(path.join(folder, file.name), 'utf8');
      const source = await readFile(path.join(root, file.source), 'utf8');
      if (file.how === 'upload') {
        expect(written, file.name).toBe(source);
        continue;
      }
      const server = file.how.paste === 'old' ? 'AADC01' : 'AADC-NEW01';
      expect(written.startsWith(`ComputerName : ${server}\n`), file.name).toBe(true);
      if (file.edit === undefined)
        expect(written, file.name).toBe(`ComputerName : ${server}\n${source}`);
    }
  });

  it('dates the active scheduler output half an hour after the time it is written, so it is never stale', async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'first-migration-'));
    await writeWalkFiles(root, folder, new Date('2027-03-01T22:45:10Z'));
    const text = await readFile(path.join(folder, '15-new-server-scheduler-active.txt'), 'utf8');
    expect(text).toMatch(/^NextSyncCycleStartTimeInUTC\s*: 3\/1\/2027 11:15:10 PM$/m);
  });
});
