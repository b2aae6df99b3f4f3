import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot, runSimulateCli } from './simulate-cli';

const scenarioFiles = readdirSync(__dirname)
  .filter((name) => name.endsWith('.yaml'))
  .sort();

describe('every scenario in test/scenarios passes through npm run simulate', () => {
  it('has scenarios to run', () => {
    expect(scenarioFiles.length).toBeGreaterThan(0);
  });

  it.each(scenarioFiles)('%s', { timeout: 180_000 }, async (name) => {
    const file = path.relative(projectRoot, path.join(__dirname, name));
    const run = await runSimulateCli([file]);
    // On failure the message is the whole transcript, ending with the reason and the last items.
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toMatch(/^PASSED {2}/m);
  });
});
