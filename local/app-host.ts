import type { IncomingHttpHeaders } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { appEntryFiles, taskHubName } from './app-entry';
import { startAzurite, type RunningAzurite } from './azurite';
import { VirtualClock } from './clock';
import { BlobInstanceStore } from './durable/instance-store';
import { listenOnLoopback, type LoopbackRequest } from './loopback-listener';
import { quietLogger, type RuntimeLogger } from './runtime-logger';
import { startLocalRuntime, type LocalRuntime } from './runtime';

/** Where Azurite keeps its data: in memory, or in a folder that outlives the host. */
export type AppStorage = { readonly inMemory: true } | { readonly folder: string };

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
  /** Settings the app reads from the environment, applied before it loads and restored on close. */
  readonly env?: Readonly<Record<string, string>>;
  /** Default: errors only. */
  readonly logger?: RuntimeLogger;
}

/** What the bot asked the connector to do. */
export type ConnectorOperation = 'send' | 'reply' | 'update' | 'delete' | 'unsupported';

const attachmentSchema = z.looseObject({
  contentType: z.string(),
  content: z.unknown().optional(),
});

const botActivitySchema = z.looseObject({
  type: z.string().optional(),
  text: z.string().optional(),
  attachments: z.array(attachmentSchema).optional(),
});

/** The parts of an activity the bot sent that hosts and runners read; the rest is kept as sent. */
export type BotActivity = z.infer<typeof botActivitySchema>;

/** One request the bot made to the loopback connector. */
export interface ConnectorCall {
  readonly method: string;
  /** The request target, query string included. */
  readonly path: string;
  readonly pathname: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly operation: ConnectorOperation;
  /** The conversation it went to, decoded from the path. */
  readonly conversationId: string | undefined;
  /** The id the connector gave the activity, or the id of the activity updated or deleted. */
  readonly activityId: string | undefined;
  /** For a reply: the activity it answers. */
  readonly replyToId: string | undefined;
  /** The activity body, when it was one. */
  readonly activity: BotActivity | undefined;
  /** Virtual time when it arrived. */
  readonly at: Date;
  /** Arrival order across this process's loopback servers (`performance.now()`). */
  readonly order: number;
}

/** An error Teams' connector answers with instead of taking a message. */
export interface ConnectorRefusal {
  readonly status: number;
  /** Teams' error code, e.g. MessageWritesBlocked. */
  readonly code: string;
  readonly message: string;
  readonly retryAfterSeconds?: number;
}

/** The fake Bot Connector the app's serviceUrl points at. */
export interface LoopbackConnector {
  readonly origin: string;
  /** Every call in arrival order (refused ones included). */
  readonly requests: ConnectorCall[];
  /** Makes the next `times` sends or updates into a conversation answer with `refusal`. */
  refuseNext(conversationId: string, refusal: ConnectorRefusal, times?: number): void;
  close(): Promise<void>;
}

/**
 * The function app as package.json names it, in the local runtime on a virtual clock, with Azurite
 * for storage and durable state, and a loopback connector that records what the bot sends.
 */
export interface AppHost {
  readonly clock: VirtualClock;
  /** The runtime now running; a new one after each restart. */
  readonly runtime: LocalRuntime;
  readonly connector: LoopbackConnector;
  /** The serviceUrl activities must carry for the bot's answers to reach the connector. */
  readonly serviceUrl: string;
  /** POSTs an activity to /api/messages and waits until everything it caused has settled. */
  post(activity: Readonly<Record<string, unknown>>): Promise<Response>;
  /** Moves the virtual clock forward, firing and settling every durable timer due on the way. */
  advance(milliseconds: number): Promise<void>;
  /** Stops the runtime and starts a new one on the same storage, as a host restart would. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** Raised when a second app host is started in a process that already hosted the app. */
export class AppHostError extends Error {
  override readonly name = 'AppHostError';
}

const connectorPrefix = '/_connector';
const activitiesPath = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;

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
    const azurite: RunningAzurite = await startAzurite({
      location,
      inMemory: 'inMemory' in storage,
      logger,
    });
    cleanup.push(() => azurite.stop());

    const saved = applyEnv({ ...options.env, AzureWebJobsStorage: azurite.connectionString });
    cleanup.push(() => {
      applyEnv(saved);
      return Promise.resolve();
    });

    const clock = new VirtualClock(options.start);
    const connector = await startLoopbackConnector(clock);
    cleanup.push(() => connector.close());

    const hub = taskHubName(options.root);
    const launch = (): Promise<LocalRuntime> =>
      startLocalRuntime({
        entryFiles: appEntryFiles(options.root, { built: options.built === true }),
        clock,
        store: new BlobInstanceStore(azurite.connectionString, hub),
        taskHub: hub,
        logger,
      });
    let runtime = await launch();
    cleanup.push(() => runtime.close());

    return {
      clock,
      connector,
      serviceUrl: `${connector.origin}${connectorPrefix}`,
      get runtime() {
        return runtime;
      },
      async post(activity) {
        const response = await fetch(`${runtime.origin}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(activity),
        });
        await runtime.settle();
        return response;
      },
      advance: (milliseconds) => runtime.advance(milliseconds),
      async restart() {
        await runtime.close();
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

async function startLoopbackConnector(clock: VirtualClock): Promise<LoopbackConnector> {
  const requests: ConnectorCall[] = [];
  const refusals = new Map<string, ConnectorRefusal[]>();
  let issued = 0;
  const listener = await listenOnLoopback((request) => {
    const call = connectorCall(request, clock.now(), () => `activity-${String(++issued)}`);
    requests.push(call);
    const refusal =
      call.conversationId === undefined ? undefined : refusals.get(call.conversationId)?.shift();
    if (refusal !== undefined && call.operation !== 'unsupported') {
      return {
        status: refusal.status,
        json: { error: { code: refusal.code, message: refusal.message } },
        ...(refusal.retryAfterSeconds === undefined
          ? {}
          : { headers: { 'retry-after': String(refusal.retryAfterSeconds) } }),
      };
    }
    switch (call.operation) {
      case 'send':
      case 'reply':
      case 'update':
        return { status: 200, json: { id: call.activityId } };
      case 'delete':
        return { status: 200 };
      case 'unsupported':
        return {
          status: 404,
          json: {
            error: {
              code: 'NotSupported',
              message: `The loopback connector does not implement ${call.method} ${call.pathname}.`,
            },
          },
        };
    }
  });
  return {
    origin: listener.origin,
    requests,
    refuseNext(conversationId, refusal, times = 1) {
      refusals.set(conversationId, [
        ...(refusals.get(conversationId) ?? []),
        ...Array.from({ length: times }, () => refusal),
      ]);
    },
    close: () => listener.close(),
  };
}

function connectorCall(request: LoopbackRequest, at: Date, newId: () => string): ConnectorCall {
  const body = request.body.toString('utf8');
  const route = request.pathname.startsWith(`${connectorPrefix}/`)
    ? activitiesPath.exec(request.pathname.slice(connectorPrefix.length))
    : null;
  const conversationId = route?.[1] === undefined ? undefined : decodeURIComponent(route[1]);
  const target = route?.[2] === undefined ? undefined : decodeURIComponent(route[2]);
  const operation = operationOf(request.method, route !== null, target);
  const activityId =
    operation === 'send' || operation === 'reply'
      ? newId()
      : operation === 'unsupported'
        ? undefined
        : target;
  return {
    method: request.method,
    path: request.path,
    pathname: request.pathname,
    headers: request.headers,
    body,
    operation,
    conversationId,
    activityId,
    replyToId: operation === 'reply' ? target : undefined,
    activity: parseActivity(body),
    at,
    order: performance.now(),
  };
}

function operationOf(
  method: string,
  isActivities: boolean,
  target: string | undefined,
): ConnectorOperation {
  if (!isActivities) return 'unsupported';
  if (method === 'POST') return target === undefined ? 'send' : 'reply';
  if (method === 'PUT' && target !== undefined) return 'update';
  if (method === 'DELETE' && target !== undefined) return 'delete';
  return 'unsupported';
}

function parseActivity(body: string): BotActivity | undefined {
  if (body === '') return undefined;
  try {
    const parsed = botActivitySchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : undefined;
  } catch (error) {
    // A body that is not JSON is recorded as it came; the transcript shows it without an activity.
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}
