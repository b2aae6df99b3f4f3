import type { ChildProcess } from 'node:child_process';

const outputTailChars = 4000;
const stopGraceMs = 5000;

/** The last few kilobytes a child printed, for error messages when it fails to start. */
export interface CapturedOutput {
  text(): string;
  tail(): string;
}

/** Keeps the tail of a child's stdout and stderr. */
export function captureOutput(child: ChildProcess): CapturedOutput {
  let text = '';
  const append = (chunk: Buffer): void => {
    text = (text + chunk.toString('utf8')).slice(-outputTailChars);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return { text: () => text, tail: () => text.trimEnd() };
}

/** Resolves with a description of how the child ended, whenever that happens. */
export function exitPromise(child: ChildProcess): Promise<string> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve(describeExit(child.exitCode, child.signalCode));
      return;
    }
    child.once('error', (error) => {
      resolve(`spawn failed: ${error.message}`);
    });
    child.once('exit', (code, signal) => {
      resolve(describeExit(code, signal));
    });
  });
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal !== null ? `signal ${signal}` : `exit code ${String(code)}`;
}

/** True once the child has exited, false when `graceMs` ran out first. */
export async function exitsWithin(
  exited: Promise<string>,
  graceMs = stopGraceMs,
): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      resolve('timeout');
    }, graceMs);
  });
  const outcome = await Promise.race([exited, graceOver]);
  clearTimeout(timer);
  return outcome !== 'timeout';
}

/** SIGTERM, then SIGKILL after a grace period; resolves once the child has exited. */
export async function terminate(child: ChildProcess, exited: Promise<string>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  if (!(await exitsWithin(exited))) {
    child.kill('SIGKILL');
    await exited;
  }
}
