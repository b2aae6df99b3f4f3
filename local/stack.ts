import path from 'node:path';
import { startAzurite, type AzuritePorts, type RunningAzurite } from './azurite';
import { appEntryFiles, taskHubName } from './app-entry';
import type { DurableEngineKind } from './app-host';
import { RealClock, type Clock } from './clock';
import { BlobInstanceStore } from './durable/instance-store';
import { freePort } from './free-port';
import { localOnlySettings } from './local-only-settings';
import { startPlayground, type RunningPlayground } from './playground';
import { writePlaygroundConfig } from './playground-config';
import { faketimeEnvironment } from './real-durable/faketime';
import { startRealEngine } from './real-durable/real-engine';
import { consoleLogger, type RuntimeLogger } from './runtime-logger';
import { startLocalRuntime, type LocalRuntime } from './runtime';
import { playgroundCurrentUser, type TeamsUser } from './scenario/playground-identities';
import { ShiftedClock } from './shifted-clock';

/** One Playground of the stack: who it acts as, and where. */
export interface PlaygroundSeat {
  readonly user: TeamsUser;
  /** Port to ask for (default: a free one); the Playground takes another one when it is busy. */
  readonly port?: number;
  /** The personal chat's id, pinned so it survives restarts (default `personal-<user id>`). */
  readonly personalChatId?: string;
}

/** A running Playground and the person it acts as. */
export interface RunningSeat extends RunningPlayground {
  readonly user: TeamsUser;
  readonly personalChatId: string;
  /** The fake Bot Connector of this Playground: the serviceUrl of every activity it sends. */
  readonly serviceUrl: string;
}

export interface LocalStackOptions {
  /** The project root (package.json, host.json, functions/). */
  root: string;
  /** Azurite's data folder; kept between runs so orchestrations survive a restart. */
  dataDir: string;
  /** Keep Azurite's data in memory only (tests). */
  inMemoryStorage?: boolean;
  /**
   * Azurite's ports (default: free ones). A restart within one process must keep them: the app
   * keeps its storage clients for the life of the process.
   */
  storagePorts?: AzuritePorts;
  functionsPort?: number;
  /**
   * One Agents Playground per person, each in its own working directory under `dataDir` (default:
   * one, as the Playground's current user, Alex Wilber). An empty list starts none.
   */
  playgrounds?: readonly PlaygroundSeat[];
  /**
   * On the local engine, any clock (default: the wall clock). On the real one, a `ShiftedClock`
   * the host, its worker and Azurite share (default: one at the wall clock's time).
   */
  clock?: Clock;
  logger?: RuntimeLogger;
  /** Settings the app reads from the environment, over `localOnlySettings`; applied before the app loads. */
  env?: Record<string, string>;
  /** Default: `local`. */
  engine?: DurableEngineKind;
}

/** Azurite, the function app in the local runtime, and the Playground, started together. */
export interface LocalStack {
  readonly runtime: LocalRuntime;
  readonly azurite: RunningAzurite;
  /** The first Playground (the migration owner's, by convention), if any. */
  readonly playground: RunningSeat | undefined;
  readonly playgrounds: readonly RunningSeat[];
  readonly messagesUrl: string;
  stop(): Promise<void>;
}

/** Starts what `npm start` runs; the browser tests start the same thing. */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const logger = options.logger ?? consoleLogger;
  const engine = options.engine ?? 'local';
  let clock = options.clock ?? new RealClock();
  if (engine === 'real' && !(clock instanceof ShiftedClock)) {
    if (options.clock !== undefined) {
      throw new Error('On the real Durable engine the stack runs on a ShiftedClock only.');
    }
    clock = new ShiftedClock(path.join(options.dataDir, 'clock-offset'), new Date());
  }
  const shifted = clock instanceof ShiftedClock ? clock : undefined;
  const azurite = await startAzurite({
    location: path.join(options.dataDir, 'azurite'),
    inMemory: options.inMemoryStorage ?? false,
    ...(options.storagePorts === undefined
      ? {}
      : {
          blobPort: options.storagePorts.blob,
          queuePort: options.storagePorts.queue,
          tablePort: options.storagePorts.table,
        }),
    logger,
    // The real engine's timers become visible by Azurite's clock, which must be the host's.
    ...(shifted === undefined ? {} : { env: faketimeEnvironment(shifted.storageFile) }),
  });
  const stopped: (() => Promise<void>)[] = [() => azurite.stop()];
  const stopAll = async (): Promise<void> => {
    for (const stop of stopped.reverse()) await stop();
  };
  try {
    // The app reads its storage connection like it does on Azure.
    process.env.AzureWebJobsStorage = azurite.connectionString;
    for (const [name, value] of Object.entries({ ...localOnlySettings, ...options.env })) {
      process.env[name] = value;
    }

    // The Playgrounds come up first, on the bot endpoint the runtime will listen on: a reminder that
    // fell due while the bot was stopped fires as soon as the runtime starts, and must find them.
    const functionsPort = options.functionsPort ?? (await freePort());
    const messagesUrl = `http://127.0.0.1:${String(functionsPort)}/api/messages`;
    const playgrounds: RunningSeat[] = [];
    for (const seat of options.playgrounds ?? [{ user: playgroundCurrentUser }]) {
      const identity = await writePlaygroundConfig(
        path.join(options.dataDir, 'playground', seat.user.id),
        seat.user,
        seat.personalChatId,
      );
      const running = await startPlayground({
        botEndpoint: messagesUrl,
        cwd: identity.cwd,
        ...(seat.port === undefined ? {} : { port: seat.port }),
        logger,
      });
      stopped.push(() => running.stop());
      playgrounds.push({
        ...running,
        user: seat.user,
        personalChatId: identity.personalChatId,
        serviceUrl: `http://localhost:${String(running.port)}/_connector`,
      });
    }

    const hub = taskHubName(options.root);
    const entryFiles = appEntryFiles(options.root);
    let runtime: LocalRuntime;
    if (shifted === undefined) {
      runtime = await startLocalRuntime({
        entryFiles,
        port: functionsPort,
        clock,
        store: new BlobInstanceStore(azurite.connectionString, hub),
        taskHub: hub,
        logger,
      });
    } else {
      // The task hub's tables, queues and leases live in the same Azurite, beside the app's data.
      const real = await startRealEngine({
        scriptRoot: options.root,
        entryFiles,
        azurite,
        clock: shifted,
        logger,
      });
      stopped.push(() => real.close());
      runtime = await startLocalRuntime({
        entryFiles,
        port: functionsPort,
        clock: shifted,
        durable: real,
        logger,
      });
    }
    stopped.push(() => runtime.close());
    return {
      runtime,
      azurite,
      playground: playgrounds[0],
      playgrounds,
      messagesUrl,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
