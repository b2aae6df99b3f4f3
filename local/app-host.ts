import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { appEntryFiles, taskHubName } from './app-entry';
import { startAzurite, type RunningAzurite } from './azurite';
import { VirtualClock, type Clock } from './clock';
import { BlobInstanceStore } from './durable/instance-store';
import { localOnlySettings } from './local-only-settings';
import { faketimeEnvironment } from './real-durable/faketime';
import { startRealEngine, type RealEngine } from './real-durable/real-engine';
import { quietLogger, type RuntimeLogger } from './runtime-logger';
import { startLocalRuntime, type LocalRuntime } from './runtime';
import { ShiftedClock } from './shifted-clock';
import {
  connectorPrefix,
  startTeamsConnector,
  type ConnectorDirectory,
  type LoopbackConnector,
} from './teams-connector';

export type {
  BotActivity,
  ConnectorCall,
  ConnectorDirectory,
  ConnectorOperation,
  ConnectorRefusal,
  DirectoryPerson,
  LoopbackConnector,
} from './teams-connector';

/** Where Azurite keeps its data: in memory, or in a folder that outlives the host. */
export type AppStorage = { readonly inMemory: true } | { readonly folder: string };

/**
 * Which Durable engine runs the app's orchestrations and activities: the project's own, in this
 * process on a virtual clock (`local`), or the Durable Task extension with its Azure Storage
 * provider in a .NET host, with the wall clock of every process moved by libfaketime (`real`).
 */
export type DurableEngineKind = 'local' | 'real';
export const durableEngineKinds: readonly DurableEngineKind[] = ['local', 'real'];

/**
 * The real engine polls its queues at most this far apart here, as an app setting overriding
 * host.json would make it on Azure: a step waits at least that long for the engine to be idle.
 */
const realEnginePollingInterval = '00:00:00.5';

/** How to host the app. */
export interface AppHostOptions {
  /** The project root: package.json `main` and host.json are read from it. */
  readonly root: string;
  /**
   * Run the built JavaScript `main` names, with the `node_modules` beside it (a built project or
   * an unpacked deployment package), instead of the TypeScript sources.
   */
  readonly built?: boolean;
  /** The virtual clock's first instant. */
  readonly start: Date;
  /** Default: in memory. */
  readonly storage?: AppStorage;
  /**
   * Settings the app reads from the environment, applied before it loads and restored on close,
   * over `localOnlySettings` (a blank value unsets one of those).
   */
  readonly env?: Readonly<Record<string, string>>;
  /** Default: errors only. */
  readonly logger?: RuntimeLogger;
  /** Default: `local`. */
  readonly engine?: DurableEngineKind;
  /**
   * Who the loopback connector knows, for member lookups and new personal chats; default: the
   * Playground's people, with the app installed for each.
   */
  readonly directory?: ConnectorDirectory;
}

/**
 * The function app as package.json names it, in the local runtime on a virtual clock, with Azurite
 * for storage and durable state, and a loopback connector that records what the bot sends.
 */
export interface AppHost {
  /** A virtual clock on the local engine; on the real one, the shared, shifted wall clock. */
  readonly clock: Clock;
  readonly engine: DurableEngineKind;
  /** The runtime now running; a new one after each restart. */
  readonly runtime: LocalRuntime;
  readonly connector: LoopbackConnector;
  /** The serviceUrl activities must carry for the bot's answers to reach the connector. */
  readonly serviceUrl: string;
  /** POSTs an activity to /api/messages and waits until everything it caused has settled. */
  post(activity: Readonly<Record<string, unknown>>): Promise<Response>;
  /** Moves the clock forward, firing and settling every durable timer due on the way. */
  advance(milliseconds: number): Promise<void>;
  /**
   * Between steps, with everything settled: puts a clock that ran on in real time (the real
   * engine's) back to `at`, an instant of the scenario's timeline. The virtual clock is there.
   */
  returnClockTo(at: Date): Promise<void>;
  /** Stops the runtime and starts a new one on the same storage, as a host restart would. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** Raised when a second app host is started in a process that already hosted the app. */
export class AppHostError extends Error {
  override readonly name = 'AppHostError';
}

let hostedInThisProcess = false;

/** Starts Azurite, the app in the local runtime and the loopback connector; once per process. */
export async function startAppHost(options: AppHostOptions): Promise<AppHost> {
  if (hostedInThisProcess) {
    // The app memoises its settings and storage clients for the life of the worker process, so a
    // second host here would silently talk to the first one's (stopped) storage.
    throw new AppHostError(
      'The app was already hosted in this process; it keeps its settings and storage clients for the life of the process. Start each app host in a new process.',
    );
  }
  hostedInThisProcess = true;
  const logger = options.logger ?? quietLogger;
  const cleanup: (() => Promise<void>)[] = [];
  const undo = async (): Promise<void> => {
    for (const step of cleanup.splice(0).reverse()) await step();
  };
  try {
    const storage = options.storage ?? { inMemory: true };
    let location: string;
    if ('folder' in storage) {
      location = storage.folder;
    } else {
      // In memory, Azurite still needs a working directory.
      location = await mkdtemp(path.join(tmpdir(), 'app-host-'));
      cleanup.push(() => rm(location, { recursive: true, force: true }));
    }
    const engine = options.engine ?? 'local';
    let clock: VirtualClock | ShiftedClock;
    if (engine === 'real') {
      clock = new ShiftedClock(path.join(location, 'clock-offset'), options.start);
    } else {
      clock = new VirtualClock(options.start);
    }
    const azurite: RunningAzurite = await startAzurite({
      location,
      inMemory: 'inMemory' in storage,
      logger,
      ...(clock instanceof ShiftedClock ? { env: faketimeEnvironment(clock.storageFile) } : {}),
    });
    cleanup.push(() => azurite.stop());

    const saved = applyEnv({
      ...localOnlySettings,
      ...options.env,
      AzureWebJobsStorage: azurite.connectionString,
    });
    cleanup.push(() => {
      applyEnv(saved);
      return Promise.resolve();
    });

    const connector = await startTeamsConnector(clock, options.directory);
    cleanup.push(() => connector.close());

    const hub = taskHubName(options.root);
    const entryFiles = appEntryFiles(options.root, { built: options.built === true });
    let real: RealEngine | undefined;
    const launch = async (): Promise<LocalRuntime> => {
      if (!(clock instanceof ShiftedClock)) {
        return startLocalRuntime({
          entryFiles,
          clock,
          store: new BlobInstanceStore(azurite.connectionString, hub),
          taskHub: hub,
          logger,
        });
      }
      const started = await startRealEngine({
        scriptRoot: options.root,
        entryFiles,
        azurite,
        clock,
        maxQueuePollingInterval: realEnginePollingInterval,
        logger,
      });
      real = started;
      try {
        return await startLocalRuntime({
          entryFiles,
          clock,
          durable: started,
          logger,
        });
      } catch (error) {
        await started.close();
        throw error;
      }
    };
    const stop = async (running: LocalRuntime): Promise<void> => {
      await running.close();
      await real?.close();
    };
    let runtime = await launch();
    cleanup.push(() => stop(runtime));

    return {
      clock,
      engine,
      connector,
      serviceUrl: `${connector.origin}${connectorPrefix}`,
      get runtime() {
        return runtime;
      },
      async post(activity) {
        // Teams sends activities only from conversations it knows; the connector knows them too.
        const conversation = activity.conversation;
        if (typeof conversation === 'object' && conversation !== null && 'id' in conversation) {
          if (typeof conversation.id === 'string') connector.know(conversation.id);
        }
        const response = await fetch(`${runtime.origin}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(activity),
        });
        await runtime.settle();
        return response;
      },
      advance(milliseconds) {
        const target = new Date(clock.now().getTime() + milliseconds);
        if (real === undefined) return runtime.advance(milliseconds);
        return real.advanceTo(target, () => runtime.settle());
      },
      async returnClockTo(at) {
        if (clock instanceof ShiftedClock) await clock.setTo(at);
      },
      async restart() {
        await stop(runtime);
        runtime = await launch();
        await runtime.settle();
      },
      close: undo,
    };
  } catch (error) {
    await undo();
    throw error;
  }
}

/** Sets (or, for undefined, removes) environment variables; returns their previous values. */
function applyEnv(
  values: Readonly<Record<string, string | undefined>>,
): Record<string, string | undefined> {
  const previous: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(values)) {
    previous[name] = process.env[name];
    if (value === undefined) Reflect.deleteProperty(process.env, name);
    else process.env[name] = value;
  }
  return previous;
}
