import path from 'node:path';
import { expect, it } from 'vitest';
import { runSimulateCli } from '../simulate-cli';

/**
 * Runs `npm run simulate -- test/scenarios/<name> --engine real`: the scenario, with the same
 * expectations as on the local engine, on the Durable Task extension (README, "Two Durable
 * engines"). One scenario per test file, so that the test workers share them: each takes minutes.
 */
export function passesOnTheRealEngine(name: string): void {
  it(`${name} passes on the real Durable Task extension`, { timeout: 900_000 }, async () => {
    const file = path.join('test', 'scenarios', name);
    const run = await runSimulateCli([file, '--quiet', '--engine', 'real']);
    // On failure the message is the transcript's expectations, the reason and the last items.
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toContain('Real Durable engine; the shared clock starts');
    expect(run.stdout).toMatch(/^PASSED {2}/m);
  });
}
