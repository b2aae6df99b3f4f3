import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { ensureRealDurableHost } from '../../scripts/real-durable.mjs';
import { startAzurite, type RunningAzurite } from '../azurite';
import { captureOutput, exitPromise, exitsWithin, terminate } from '../child-process';
import { quietLogger, type RuntimeLogger } from '../runtime-logger';

/** How to run an app's orchestrations on the real Durable Task extension. */
export interface RealEngineOptions {
  /**
   * The app folder. Its host.json configures the extension as the Functions host would: task hub
   * name, storage provider settings such as `maxQueuePollingInterval`, timer limits, log levels.
   */
  readonly scriptRoot: string;
  /** Absolute paths of the app's entry files: TypeScript sources or built JavaScript. */
  readonly entryFiles: readonly string[];
  /** App settings for the worker process, over this process's environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Default: errors only. */
  readonly logger?: RuntimeLogger;
  /** How long the host may take to start (default 60 s). */
  readonly startTimeoutMs?: number;
}

/** The extension running the app's orchestrations and activities, on Azurite. */
export interface RealEngine {
  /** Holds the task hub: blobs (leases), queues (work items, timers) and tables (history). */
  readonly azurite: RunningAzurite;
  /**
   * The durable client binding JSON the extension produced, as the Functions host binds it to a
   * Node `durableClient` input: the app's client functions get it in place of the local engine's.
   */
  readonly clientBinding: Readonly<Record<string, unknown>>;
  /** The task hub, named by host.json. */
  readonly taskHubName: string;
  /** Stops the host (its worker with it) and Azurite. Safe to call twice. */
  close(): Promise<void>;
}

/** Raised when the host does not come up; the message carries the tail of its output. */
export class RealEngineStartError extends Error {
  override readonly name = 'RealEngineStartError';
}

/** host/Program.cs writes this line once the extension has started. */
const readyPrefix = '@@real-durable ';
const readySchema = z.object({
  clientBinding: z.looseObject({ taskHubName: z.string(), rpcBaseUrl: z.string() }),
});
/** The host stops the extension within 10 s and its worker within 5 s after its stdin closes. */
const stopGraceMs = 20_000;

/**
 * Starts Azurite and the real extension host with the app's entry files in its worker, and
 * resolves once the extension serves the durable client API.
 */
export async function startRealEngine(options: RealEngineOptions): Promise<RealEngine> {
  const logger = options.logger ?? quietLogger;
  const hostAssembly = ensureRealDurableHost({
    log: (line) => {
      logger.info(line);
    },
  });
  const cleanup: (() => Promise<void>)[] = [];
  const undo = async (): Promise<void> => {
    for (const step of cleanup.splice(0).reverse()) await step();
  };
  try {
    const location = await mkdtemp(path.join(tmpdir(), 'real-durable-'));
    cleanup.push(() => rm(location, { recursive: true, force: true }));
    const azurite = await startAzurite({ location, inMemory: true, logger });
    cleanup.push(() => azurite.stop());

    const worker = [
      process.execPath,
      '--import',
      pathToFileURL(require.resolve('tsx')).href,
      require.resolve('./bridge.ts'),
      ...options.entryFiles,
    ];
    const child = spawn('dotnet', [hostAssembly, ...worker], {
      // The worker's folder too, as on Azure; tsx finds the app's tsconfig.json from it.
      cwd: options.scriptRoot,
      env: {
        ...process.env,
        ...options.env,
        AzureWebJobsScriptRoot: options.scriptRoot,
        AzureWebJobsStorage: azurite.connectionString,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const output = captureOutput(child);
    const exited = exitPromise(child);
    let stopping = false;
    const killOnParentExit = (): void => {
      // Only synchronous work is possible here; the host also stops when its stdin closes.
      child.kill('SIGKILL');
    };
    process.on('exit', killOnParentExit);
    cleanup.push(async () => {
      stopping = true;
      process.off('exit', killOnParentExit);
      child.stdin.end();
      if (!(await exitsWithin(exited, stopGraceMs))) await terminate(child, exited);
    });
    createInterface({ input: child.stderr }).on('line', (line) => {
      logHostLine(logger, line);
    });

    const clientBinding = await waitForReady(child.stdout, exited, () => output.tail(), options);
    void exited.then((how) => {
      if (!stopping) logger.error(`The real Durable host exited (${how}).\n${output.tail()}`);
    });
    return {
      azurite,
      clientBinding,
      taskHubName: clientBinding.taskHubName,
      close: undo,
    };
  } catch (error) {
    await undo();
    throw error;
  }
}

async function waitForReady(
  stdout: NodeJS.ReadableStream,
  exited: Promise<string>,
  tail: () => string,
  options: RealEngineOptions,
): Promise<z.infer<typeof readySchema>['clientBinding']> {
  const timeoutMs = options.startTimeoutMs ?? 60_000;
  const lines = createInterface({ input: stdout });
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      new Promise<z.infer<typeof readySchema>['clientBinding']>((resolve, reject) => {
        lines.on('line', (line) => {
          if (!line.startsWith(readyPrefix)) return;
          const ready = readySchema.safeParse(parseJson(line.slice(readyPrefix.length)));
          if (ready.success) resolve(ready.data.clientBinding);
          else
            reject(
              new RealEngineStartError(`The real Durable host sent no client binding: ${line}`),
            );
        });
      }),
      exited.then((how) => {
        throw new RealEngineStartError(
          `The real Durable host exited during start (${how}).\n${tail()}`,
        );
      }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          reject(
            new RealEngineStartError(
              `The real Durable host did not start within ${String(timeoutMs)} ms.\n${tail()}`,
            ),
          );
        }, timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Not JSON: the schema refuses it, and the caller reports the line.
    return undefined;
  }
}

/** The host's console lines ("HH:mm:ss.fff warn: Category[0] ...") at their own level. */
function logHostLine(logger: RuntimeLogger, line: string): void {
  if (/^\S+ (fail|crit): /.test(line)) logger.error(`real Durable host: ${line}`);
  else if (/^\S+ warn: /.test(line)) logger.warn(`real Durable host: ${line}`);
  else logger.info(`real Durable host: ${line}`);
}
