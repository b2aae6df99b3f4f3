import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The project root, where `npm run simulate` runs. */
export const projectRoot = path.resolve(__dirname, '..', '..');

/** How one `npm run simulate` process ended. */
export interface SimulateRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `tsx cli/simulate.ts <args>` as `npm run simulate` does, in a fresh process: the app keeps
 * its settings and storage clients per process, so each scenario needs its own.
 */
export function runSimulateCli(
  args: readonly string[],
  extraEnv: Readonly<Record<string, string>> = {},
): Promise<SimulateRun> {
  const tsx = createRequire(__filename).resolve('tsx/cli');
  // Without vitest's variables the run is the same as one from a shell.
  const env = {
    ...Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')),
    ),
    ...extraEnv,
  };
  const child = spawn(
    process.execPath,
    [tsx, path.join(projectRoot, 'cli', 'simulate.ts'), ...args],
    {
      cwd: projectRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}
