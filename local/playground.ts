import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { captureOutput, exitPromise, terminate, type CapturedOutput } from './child-process';
import { freePort } from './free-port';

export interface PlaygroundLogger {
  info(message: string): void;
  error(message: string): void;
}

export interface PlaygroundOptions {
  /** The bot's messaging endpoint, e.g. `http://127.0.0.1:7071/api/messages`. */
  botEndpoint: string;
  /** Port to ask for; the Playground silently takes another one when it is busy. */
  port?: number;
  /** Working directory; the Playground reads `.m365agentsplayground.yml` (users, tenant) from it. */
  cwd?: string;
  /** Pins the conversation id, which otherwise changes with every Playground process. */
  conversationId?: string;
  logger?: PlaygroundLogger;
  /** How long to wait for `Listening on N` and a `pong` (default 30 s). */
  startTimeoutMs?: number;
}

export interface RunningPlayground {
  /** The page to open in a browser, e.g. `http://localhost:56150`. */
  url: string;
  port: number;
  pid: number;
  /** Stops the Playground and resolves once the process has exited. Safe to call twice. */
  stop(): Promise<void>;
}

/** Raised when the Playground does not come up; the message carries the tail of its output. */
export class PlaygroundStartError extends Error {
  override name = 'PlaygroundStartError';
}

const PING_POLL_MS = 50;

/**
 * Starts the Microsoft 365 Agents Playground (pre-release licence: local evaluation only, never
 * shipped) against a bot endpoint, and resolves once it answers `GET /_debug/ping`.
 */
export async function startPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  const requestedPort = options.port ?? (await freePort());
  const scratch = await mkdtemp(path.join(tmpdir(), 'playground-'));
  const binDir = path.join(scratch, 'bin');
  await writeStubXdgOpen(binDir);

  const args = [
    playgroundCliPath(),
    '-e',
    options.botEndpoint,
    '-c',
    'msteams',
    '-p',
    String(requestedPort),
    '--disable-telemetry',
  ];
  if (options.conversationId !== undefined) args.push('--conversation-id', options.conversationId);

  const child = spawn(process.execPath, args, {
    cwd: options.cwd ?? process.cwd(),
    env: {
      ...process.env,
      // --disable-telemetry alone still lets its Application Insights client call out.
      APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
      // It opens the page in a desktop browser at start; both of these stop that.
      TEAMSAPPTESTER_BROWSER: 'none',
      PATH: [binDir, process.env.PATH ?? ''].join(path.delimiter),
      // Its default log file is ./devTools/m365agentsplayground.log inside the working directory.
      M365_AGENTS_PLAYGROUND_LOGFILE: path.join(scratch, 'playground.log'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = captureOutput(child);
  const exited = exitPromise(child);
  const killOnParentExit = (): void => {
    child.kill('SIGKILL');
  };
  process.on('exit', killOnParentExit);

  let stopped = false;
  const stop = async (): Promise<void> => {
    stopped = true;
    process.off('exit', killOnParentExit);
    await terminate(child, exited);
    await rm(scratch, { recursive: true, force: true });
  };

  const timeoutMs = options.startTimeoutMs ?? 30_000;
  const started = Date.now();
  let exitedEarly = false;
  let port: number;
  try {
    port = await Promise.race([
      waitForReady(output, started + timeoutMs, () => exitedEarly),
      exited.then((how): never => {
        exitedEarly = true;
        throw new PlaygroundStartError(
          `Playground exited during start (${how}).\n${output.tail()}`,
        );
      }),
    ]);
  } catch (error) {
    await stop();
    if (error instanceof PlaygroundStartError) throw error;
    throw new PlaygroundStartError(
      `Playground did not start within ${timeoutMs} ms.\n${output.tail()}`,
      { cause: error },
    );
  }

  const pid = child.pid;
  if (pid === undefined) throw new PlaygroundStartError('Playground started without a pid');
  if (port !== requestedPort) {
    options.logger?.info(`Playground: port ${requestedPort} was busy, it took ${port} instead`);
  }
  options.logger?.info(`Playground on http://localhost:${port} (${Date.now() - started} ms)`);
  void exited.then((how) => {
    if (!stopped)
      options.logger?.error(`Playground exited unexpectedly (${how}).\n${output.tail()}`);
  });

  return { url: `http://localhost:${port}`, port, pid, stop };
}

function playgroundCliPath(): string {
  const packageJsonPath = require.resolve('@microsoft/m365agentsplayground/package.json');
  return path.join(path.dirname(packageJsonPath), 'cli.js');
}

async function writeStubXdgOpen(binDir: string): Promise<void> {
  await mkdir(binDir, { recursive: true });
  const stub = path.join(binDir, 'xdg-open');
  await writeFile(stub, '#!/bin/sh\nexit 0\n');
  await chmod(stub, 0o755);
}

async function waitForReady(
  output: CapturedOutput,
  deadline: number,
  givenUp: () => boolean,
): Promise<number> {
  let port: number | undefined;
  for (;;) {
    if (givenUp()) return -1;
    if (Date.now() > deadline) throw new Error('no "Listening on N" and pong before the deadline');
    const announced = /Listening on (\d+)/.exec(output.text())?.[1];
    if (announced !== undefined) port ??= Number(announced);
    if (port !== undefined && (await answersPing(port))) return port;
    await new Promise((resolve) => setTimeout(resolve, PING_POLL_MS));
  }
}

async function answersPing(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/_debug/ping`, {
      signal: AbortSignal.timeout(2000),
    });
    return response.ok && (await response.text()).trim() === 'pong';
  } catch {
    // Not listening yet (connection refused) is the normal case while it starts.
    return false;
  }
}
