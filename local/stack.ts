import path from 'node:path';
import { startAzurite, type RunningAzurite } from './azurite';
import { appEntryFiles, taskHubName } from './app-entry';
import { RealClock, type Clock } from './clock';
import { BlobInstanceStore } from './durable/instance-store';
import { startPlayground, type RunningPlayground } from './playground';
import { consoleLogger, type RuntimeLogger } from './runtime-logger';
import { startLocalRuntime, type LocalRuntime } from './runtime';

export interface LocalStackOptions {
  /** The project root (package.json, host.json, functions/). */
  root: string;
  /** Azurite's data folder; kept between runs so orchestrations survive a restart. */
  dataDir: string;
  /** Keep Azurite's data in memory only (tests). */
  inMemoryStorage?: boolean;
  functionsPort?: number;
  playgroundPort?: number;
  /** Start the Agents Playground (default true). */
  playground?: boolean;
  /** Working directory of the Playground (its `.m365agentsplayground.yml`). */
  playgroundCwd?: string;
  clock?: Clock;
  logger?: RuntimeLogger;
  /** Settings the app reads from the environment; applied before the app loads. */
  env?: Record<string, string>;
}

/** Azurite, the function app in the local runtime, and the Playground, started together. */
export interface LocalStack {
  readonly runtime: LocalRuntime;
  readonly azurite: RunningAzurite;
  readonly playground: RunningPlayground | undefined;
  readonly messagesUrl: string;
  stop(): Promise<void>;
}

/** Starts what `npm start` runs; the browser tests start the same thing. */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const logger = options.logger ?? consoleLogger;
  const azurite = await startAzurite({
    location: path.join(options.dataDir, 'azurite'),
    inMemory: options.inMemoryStorage ?? false,
    logger,
  });
  const stopped: (() => Promise<void>)[] = [() => azurite.stop()];
  const stopAll = async (): Promise<void> => {
    for (const stop of stopped.reverse()) await stop();
  };
  try {
    // The app reads its storage connection like it does on Azure.
    process.env.AzureWebJobsStorage = azurite.connectionString;
    for (const [name, value] of Object.entries(options.env ?? {})) process.env[name] = value;

    const hub = taskHubName(options.root);
    const runtime = await startLocalRuntime({
      entryFiles: appEntryFiles(options.root),
      port: options.functionsPort ?? 0,
      clock: options.clock ?? new RealClock(),
      store: new BlobInstanceStore(azurite.connectionString, hub),
      taskHub: hub,
      logger,
    });
    stopped.push(() => runtime.close());
    const messagesUrl = `${runtime.origin}/api/messages`;

    let playground: RunningPlayground | undefined;
    if (options.playground ?? true) {
      playground = await startPlayground({
        botEndpoint: messagesUrl,
        ...(options.playgroundPort === undefined ? {} : { port: options.playgroundPort }),
        ...(options.playgroundCwd === undefined ? {} : { cwd: options.playgroundCwd }),
        logger,
      });
      const running = playground;
      stopped.push(() => running.stop());
    }
    return { runtime, azurite, playground, messagesUrl, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
