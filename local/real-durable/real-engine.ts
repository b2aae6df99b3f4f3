import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureRealDurableHost } from '../../scripts/real-durable.mjs';
import { startAzurite, type RunningAzurite } from '../azurite';
import { captureOutput, exitPromise, exitsWithin, terminate } from '../child-process';
import { quietLogger, type RuntimeLogger } from '../runtime-logger';
import type { ShiftedClock } from '../shifted-clock';
import { faketimeEnvironment } from './faketime';
import { TaskHubView } from './task-hub';

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
  /**
   * The Azurite to keep the task hub in (default: one of its own, in memory, stopped on close).
   * With `clock`, it must run on that clock too (`faketimeEnvironment`).
   */
  readonly azurite?: RunningAzurite;
  /** Runs the host and its worker on this clock, so that `advanceTo` can make days pass. */
  readonly clock?: ShiftedClock;
  /**
   * Overrides host.json's `maxQueuePollingInterval` ("hh:mm:ss"), as an app setting
   * `AzureFunctionsJobHost__extensions__durableTask__storageProvider__maxQueuePollingInterval`
   * does on Azure: how long an idle engine may take to see new work.
   */
  readonly maxQueuePollingInterval?: string;
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
  /**
   * Resolves once the engine is idle: no worker invocation in flight, no queue message it could
   * take, and `busy` false, all for longer than the queue polling interval.
   */
  settle(busy?: () => boolean): Promise<void>;
  /**
   * Moves `clock` to `target`, stopping at each durable timer due on the way (earliest first) and
   * settling the work it causes before time moves on, as the local engine's virtual clock does.
   * Needs the engine started with that clock.
   */
  advanceTo(target: Date, settle: () => Promise<void>): Promise<void>;
  /** Stops the host (its worker with it) and Azurite, unless it was given. Safe to call twice. */
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
const busySchema = z.object({ busy: z.number() });
const pollingSetting =
  'AzureFunctionsJobHost__extensions__durableTask__storageProvider__maxQueuePollingInterval';
/** How often `settle` looks at the worker and the queues. */
const settleSampleMs = 200;
/** A step whose work goes on this long has hung: its settling fails, saying what is pending. */
const settleLimitMs = 180_000;
/** A timer due this long ago that has still not fired means the engine is not running it. */
const dueTimerPatienceMs = 30_000;
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
    let azurite = options.azurite;
    if (azurite === undefined) {
      const location = await mkdtemp(path.join(tmpdir(), 'real-durable-'));
      cleanup.push(() => rm(location, { recursive: true, force: true }));
      const own = await startAzurite({
        location,
        inMemory: true,
        logger,
        ...(options.clock === undefined
          ? {}
          : { env: faketimeEnvironment(options.clock.storageFile) }),
      });
      cleanup.push(() => own.stop());
      azurite = own;
    }
    const { clock } = options;

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
        ...(options.maxQueuePollingInterval === undefined
          ? {}
          : { [pollingSetting]: options.maxQueuePollingInterval }),
        // The worker inherits it, as the Node worker inherits the host's clock on Azure.
        ...(clock === undefined ? {} : faketimeEnvironment(clock.file)),
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

    // Worker invocations in flight, and when that count last changed (monotonic ms).
    const invocations = { busy: 0, changedAt: performance.now() };
    const stdoutLines = createInterface({ input: child.stdout });
    stdoutLines.on('line', (line) => {
      if (!line.startsWith(readyPrefix)) return;
      const busy = busySchema.safeParse(parseJson(line.slice(readyPrefix.length)));
      if (!busy.success) return;
      invocations.busy = busy.data.busy;
      invocations.changedAt = performance.now();
    });
    const clientBinding = await waitForReady(stdoutLines, exited, () => output.tail(), options);
    void exited.then((how) => {
      if (!stopping) logger.error(`The real Durable host exited (${how}).\n${output.tail()}`);
    });
    const hub = new TaskHubView(azurite.connectionString, clientBinding.taskHubName);
    const quietMs =
      pollingMs(options.maxQueuePollingInterval ?? hostPollingInterval(options.scriptRoot)) + 250;
    // Nothing the engine could take now, and every invisible message a future timer's: any other
    // invisible message (being processed, or put back for later) is work still to come. Peeking
    // alone once ended a step seconds before the first checkpoint card was sent.
    let lastLook = '';
    const hubIsIdle = async (): Promise<boolean> => {
      const messages = await hub.messages();
      const future =
        messages.visible > 0 || messages.total === 0
          ? 0
          : await hub.futureTimers(clock?.now() ?? new Date());
      lastLook = `${String(invocations.busy)} invocation(s) in flight, ${String(messages.visible)} visible message(s) of ${String(messages.total)}, ${String(future)} timer(s) due later`;
      return messages.visible === 0 && messages.total === future;
    };
    const settle = async (busy: () => boolean = () => false): Promise<void> => {
      let quietSince: number | undefined;
      const began = performance.now();
      for (;;) {
        const now = performance.now();
        const idle = invocations.busy === 0 && !busy() && (await hubIsIdle());
        if (now - began > settleLimitMs) {
          throw new Error(
            `The real Durable engine was not idle ${String(settleLimitMs / 1000)} s after the last step: ${lastLook}.`,
          );
        }
        if (!idle) quietSince = undefined;
        else quietSince ??= now;
        if (
          quietSince !== undefined &&
          now - Math.max(quietSince, invocations.changedAt) >= quietMs
        ) {
          return;
        }
        if (stopping) return;
        await sleep(settleSampleMs);
      }
    };
    return {
      azurite,
      clientBinding,
      taskHubName: clientBinding.taskHubName,
      settle,
      async advanceTo(target, settleAll) {
        if (clock === undefined) {
          throw new Error('advanceTo needs the real engine started with a ShiftedClock.');
        }
        await settleAll();
        let waitingFor: { key: string; since: number } | undefined;
        for (;;) {
          const [next] = await hub.pendingTimers();
          if (next === undefined || next.fireAt.getTime() > target.getTime()) break;
          const key = `${next.instanceId}#${String(next.timerId)}`;
          if (next.fireAt.getTime() > clock.now().getTime()) {
            await clock.jumpTo(next.fireAt);
            waitingFor = undefined;
          } else if (waitingFor?.key !== key) {
            waitingFor = { key, since: performance.now() };
          } else if (performance.now() - waitingFor.since > dueTimerPatienceMs) {
            throw new Error(
              `The durable timer ${key} was due at ${next.fireAt.toISOString()} and has not fired ${String(dueTimerPatienceMs / 1000)} s after it.`,
            );
          }
          await settleAll();
        }
        await clock.jumpTo(target);
        await settleAll();
      },
      close: undo,
    };
  } catch (error) {
    await undo();
    throw error;
  }
}

async function waitForReady(
  lines: Interface,
  exited: Promise<string>,
  tail: () => string,
  options: RealEngineOptions,
): Promise<z.infer<typeof readySchema>['clientBinding']> {
  const timeoutMs = options.startTimeoutMs ?? 60_000;
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

/** "hh:mm:ss" (as in host.json) in milliseconds; 30 s, the extension's default, when unreadable. */
function pollingMs(interval: string | undefined): number {
  const match = /^(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(interval ?? '');
  if (match === null) return 30_000;
  const [, hours, minutes, seconds] = match;
  return ((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000;
}

/** host.json's `extensions.durableTask.storageProvider.maxQueuePollingInterval`, if any. */
function hostPollingInterval(scriptRoot: string): string | undefined {
  const hostJson = z
    .object({
      extensions: z
        .object({
          durableTask: z
            .object({
              storageProvider: z.object({ maxQueuePollingInterval: z.string() }).partial(),
            })
            .partial(),
        })
        .partial(),
    })
    .partial()
    .safeParse(parseJson(readFileSyncOrEmpty(path.join(scriptRoot, 'host.json'))));
  return hostJson.success
    ? hostJson.data.extensions?.durableTask?.storageProvider?.maxQueuePollingInterval
    : undefined;
}

function readFileSyncOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
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
