// Must load first: registrations made before the hook is in place would be dropped as "test mode".
import {
  installFunctionsCore,
  registeredFunctions,
  triggerOf,
  type RegisteredFunction,
} from './functions-core';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { format } from 'node:util';
import type * as AzureFunctions from '@azure/functions';
import type { FunctionInput, FunctionOutput, InvocationContext } from '@azure/functions';
import { RealClock, VirtualClock, type Clock } from './clock';
import { EntryFileError, loadEntryFile } from './entry-file';
import {
  durableClientBasePath,
  durableClientBinding,
  handleDurableClientRequest,
} from './durable/client-api';
import { DurableEngine } from './durable/engine';
import { MemoryInstanceStore, type InstanceStore } from './durable/instance-store';
import { RuntimeClosedError } from './durable/storage-retry';
import { consoleLogger, type RuntimeLogger } from './runtime-logger';

installFunctionsCore();

export { EntryFileError };

export interface LocalRuntimeOptions {
  /** Absolute paths of the app's entry files, loaded as the Functions worker loads `main`. */
  entryFiles: readonly string[];
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  clock?: Clock;
  store?: InstanceStore;
  taskHub?: string;
  logger?: RuntimeLogger;
  /** The largest request body read; a larger one gets 413 (default: `DEFAULT_MAX_REQUEST_BYTES`). */
  maxRequestBytes?: number;
  /** How long a request body may take to arrive; a slower one gets 408 (default 10 s). */
  bodyTimeoutMs?: number;
  /**
   * Another durable engine for the app's orchestrations, in place of the local one: the app's
   * client functions get its binding, and `settle` waits for it too. The real Durable Task
   * extension (local/real-durable/real-engine.ts) is one.
   */
  durable?: ExternalDurableEngine;
}

/** A durable engine that runs outside this process. */
export interface ExternalDurableEngine {
  /** The durable client binding JSON the engine's host gives a Node `durableClient` input. */
  readonly clientBinding: Readonly<Record<string, unknown>>;
  /** Resolves once the engine is idle and `busy` is false. */
  settle(busy: () => boolean): Promise<void>;
}

/**
 * The runtime reads no request body over 256 KiB: the app's largest request is a Teams activity,
 * which the messages function caps at 224 KiB (bot/request-body.ts), and the durable client's
 * requests are smaller still. The Functions host allows far more; the app never needs it.
 */
export const DEFAULT_MAX_REQUEST_BYTES = 256 * 1024;
const DEFAULT_BODY_TIMEOUT_MS = 10_000;

/** The function app running in this process. */
export interface LocalRuntime {
  /** `http://127.0.0.1:<port>`: HTTP functions are under `/api/`, and nothing else is served. */
  readonly origin: string;
  /**
   * `http://127.0.0.1:<port>` of the durable client API (under `/durabletask/`), which the app's
   * durable client binding points at. Like the Functions host's RPC endpoint (127.0.0.1:17071) it
   * has a loopback listener of its own, so it cannot be reached through the app's port.
   */
  readonly durableOrigin: string;
  readonly clock: Clock;
  /** The local engine; a runtime on an external engine (`durable`) has none, and throws. */
  readonly engine: DurableEngine;
  readonly functions: ReadonlyMap<string, RegisteredFunction>;
  /** Waits until no episode, activity or request is in progress. */
  settle(): Promise<void>;
  /** With a virtual clock: moves time forward, firing every durable timer due on the way. */
  advance(milliseconds: number): Promise<void>;
  close(): Promise<void>;
}

const loadedFiles = new Set<string>();

/**
 * The `@azure/functions` the app's entry files resolve. Its classes are the ones the app and
 * durable-functions build and check against, which for a built app is its own node_modules copy.
 */
function functionsLibraryOf(entryFile: string): typeof AzureFunctions {
  return createRequire(entryFile)('@azure/functions') as typeof AzureFunctions;
}

/**
 * Hosts the function app without the Functions host: the same registrations, HTTP functions under
 * /api/, orchestrations on the real durable-functions replay, and the durable client API.
 */
export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const logger = options.logger ?? consoleLogger;
  const [firstEntry] = options.entryFiles;
  if (firstEntry === undefined) throw new EntryFileError('The app has no entry files to load.');
  for (const file of options.entryFiles) {
    if (!loadedFiles.has(file)) {
      await loadEntryFile(file);
      loadedFiles.add(file);
    }
  }
  const { HttpRequest, HttpResponse, InvocationContext } = functionsLibraryOf(firstEntry);
  const functions = registeredFunctions();
  const clock = options.clock ?? new RealClock();
  installHostClock(clock);
  const taskHub = options.taskHub ?? 'LocalTaskHub';
  const inFlight = new Set<Promise<unknown>>();
  let origin = '';
  let durableOrigin = '';

  const createContext = (fn: RegisteredFunction): InvocationContext => {
    const trigger = triggerOf(fn);
    const extraInputs: FunctionInput[] = [];
    const extraOutputs: FunctionOutput[] = [];
    for (const [name, binding] of Object.entries(fn.bindings)) {
      if (name === trigger.name || name === '$return') continue;
      if (binding.direction === 'out') extraOutputs.push({ ...binding, name, type: binding.type });
      else extraInputs.push({ ...binding, name, type: binding.type });
    }
    const context = new InvocationContext({
      invocationId: randomUUID(),
      functionName: fn.name,
      options: { trigger: { ...trigger, type: trigger.type }, extraInputs, extraOutputs },
      logHandler: (level, ...args) => {
        const line = `${fn.name}: ${format(...args)}`;
        if (level === 'error' || level === 'critical') logger.error(line);
        else if (level === 'warning') logger.warn(line);
        else logger.info(line);
      },
    });
    for (const input of extraInputs) {
      if (input.type === 'durableClient' || input.type === 'orchestrationClient') {
        context.extraInputs.set(
          input,
          options.durable?.clientBinding ?? durableClientBinding(durableOrigin, taskHub),
        );
      }
    }
    return context;
  };

  const external = options.durable;
  const engine =
    external === undefined
      ? new DurableEngine({
          functions,
          clock,
          store: options.store ?? new MemoryInstanceStore(),
          logger,
          createContext,
        })
      : undefined;

  const routes = [...functions.values()]
    .filter((fn) => triggerOf(fn).type === 'httpTrigger')
    .map((fn) => ({ fn, ...compileRoute(fn) }));

  /**
   * A server on 127.0.0.1 whose requests all count as work in progress: the body is read up to the
   * limits first, then `handle` answers.
   */
  const listen = async (
    port: number,
    handle: (req: IncomingMessage, res: ServerResponse, body: Buffer) => Promise<void>,
  ): Promise<{ server: Server; origin: string }> => {
    const server = createServer((req, res) => {
      const work = readThenHandle(req, res, handle).catch((error: unknown) => {
        const request = `HTTP ${req.method ?? ''} ${req.url ?? ''}`;
        if (error instanceof RuntimeClosedError) {
          // Closing while storage is out: the request was not done, and the caller is told so.
          logger.warn(`${request}: ${error.message}`);
          if (!res.headersSent) res.writeHead(503, { 'content-type': 'text/plain' });
          res.end('The local runtime is closing.');
          return;
        }
        logger.error(
          `${request}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('Internal error in the local runtime.');
      });
      inFlight.add(work);
      void work.finally(() => inFlight.delete(work));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        resolve();
      });
    });
    return { server, origin: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}` };
  };

  async function readThenHandle(
    req: IncomingMessage,
    res: ServerResponse,
    handle: (req: IncomingMessage, res: ServerResponse, body: Buffer) => Promise<void>,
  ): Promise<void> {
    const read = await readBody(
      req,
      options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES,
      options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS,
    );
    if (!read.ok) {
      const status = read.reason === 'too-large' ? 413 : 408;
      res.writeHead(status, { 'content-type': 'text/plain', connection: 'close' });
      res.end(read.reason === 'too-large' ? 'Request body too large.' : 'Request body too slow.');
      req.destroy();
      return;
    }
    await handle(req, res, read.body);
  }

  async function handleDurableClient(
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer,
  ): Promise<void> {
    const url = new URL(req.url ?? '/', durableOrigin);
    if (!url.pathname.startsWith(durableClientBasePath)) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('Not found.');
      return;
    }
    const method = (req.method ?? 'GET').toUpperCase();
    if (engine === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('This runtime runs its orchestrations on another engine.');
      return;
    }
    const answer = await handleDurableClientRequest(engine, method, url, body.toString('utf8'));
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
  }

  async function handleAppRequest(
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer,
  ): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    const method = (req.method ?? 'GET').toUpperCase();

    if (!url.pathname.startsWith('/api/')) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('Not found.');
      return;
    }
    const path = url.pathname.slice('/api/'.length);
    for (const route of routes) {
      const match = route.pattern.exec(`/${path}`);
      if (match === null) continue;
      if (route.methods !== undefined && !route.methods.includes(method)) continue;
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      const request = new HttpRequest({
        method,
        url: url.href,
        headers,
        query: Object.fromEntries(url.searchParams),
        params: Object.fromEntries(
          // An optional route parameter that is absent is an undefined group.
          Object.entries<string | undefined>(match.groups ?? {}).flatMap(([k, v]) =>
            v === undefined ? [] : [[k, decodeURIComponent(v)]],
          ),
        ),
        ...(body.length > 0 ? { body: { bytes: body } } : {}),
      });
      const result = await route.fn.callback(request, createContext(route.fn));
      const response = result instanceof HttpResponse ? result : new HttpResponse(result ?? {});
      const responseHeaders: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        responseHeaders[name] = value;
      });
      const payload = Buffer.from(await response.arrayBuffer());
      res.writeHead(response.status, responseHeaders);
      res.end(method === 'HEAD' ? undefined : payload);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end(`No function is registered for ${method} /api/${path}.`);
  }

  // The durable client API first: a request on the app's port may already need it.
  const durable = await listen(0, handleDurableClient);
  durableOrigin = durable.origin;
  let app: { server: Server; origin: string };
  try {
    app = await listen(options.port ?? 0, handleAppRequest);
  } catch (error) {
    await closeServer(durable.server);
    throw error;
  }
  origin = app.origin;
  if (engine !== undefined) {
    const resumed = await engine.recover();
    if (resumed > 0) {
      logger.info(`Resumed ${String(resumed)} running orchestration(s) from storage.`);
    }
  }

  const settle = async (): Promise<void> => {
    do {
      await Promise.allSettled([...inFlight]);
      if (external === undefined) await engine?.settle();
      else await external.settle(() => inFlight.size > 0);
    } while (inFlight.size > 0);
  };

  return {
    origin,
    durableOrigin,
    clock,
    get engine(): DurableEngine {
      if (engine === undefined) {
        throw new Error(
          'This runtime runs its orchestrations on another engine; it has no local one.',
        );
      }
      return engine;
    },
    functions,
    settle,
    async advance(milliseconds: number): Promise<void> {
      if (!(clock instanceof VirtualClock))
        throw new Error('advance() needs the runtime to run on a VirtualClock.');
      await clock.advanceTo(new Date(clock.now().getTime() + milliseconds), settle);
    },
    async close(): Promise<void> {
      await Promise.all([closeServer(app.server), closeServer(durable.server)]);
      await engine?.dispose();
      // Requests still waiting for storage have failed by now; their answers are logged first.
      await Promise.allSettled([...inFlight]);
      clock.dispose();
    },
  };
}

/** Stops listening and drops open connections. */
function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
    server.closeAllConnections();
  });
}

function compileRoute(fn: RegisteredFunction): { pattern: RegExp; methods: string[] | undefined } {
  const trigger = triggerOf(fn);
  const template =
    typeof trigger.route === 'string' && trigger.route !== '' ? trigger.route : fn.name;
  const source = template
    .replace(/^\/+|\/+$/g, '')
    .split('/')
    .map((segment) => {
      const param = /^\{(\w+)(?::[^}?]*)?(\?)?\}$/.exec(segment);
      if (param === null) return `/${segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&')}`;
      return param[2] === '?'
        ? `(?:/(?<${param[1] ?? ''}>[^/]+))?`
        : `/(?<${param[1] ?? ''}>[^/]+)`;
    })
    .join('');
  const methods = Array.isArray(trigger.methods)
    ? (trigger.methods as string[]).map((m) => m.toUpperCase())
    : undefined;
  return { pattern: new RegExp(`^${source}/?$`, 'i'), methods };
}

/**
 * A request's body, unless it is larger than `max` bytes (by its Content-Length, or as it streams)
 * or takes longer than `timeoutMs` to arrive: then nothing more of it is read.
 */
async function readBody(
  req: IncomingMessage,
  max: number,
  timeoutMs: number,
): Promise<{ ok: true; body: Buffer } | { ok: false; reason: 'too-large' | 'too-slow' }> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) return { ok: false, reason: 'too-large' };
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const finish = (
      result: { ok: true; body: Buffer } | { ok: false; reason: 'too-large' | 'too-slow' },
    ): void => {
      clearTimeout(timer);
      req.removeAllListeners('data');
      resolve(result);
    };
    const timer = setTimeout(() => {
      finish({ ok: false, reason: 'too-slow' });
    }, timeoutMs);
    req.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > max) {
        finish({ ok: false, reason: 'too-large' });
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => {
      finish({ ok: true, body: Buffer.concat(chunks) });
    });
    req.once('error', () => {
      finish({ ok: false, reason: 'too-slow' });
    });
  });
}

/**
 * The key under which the app reads the host's clock (platform/clock.ts, hostClockKey): the
 * conversation then records and shows the same time as the orchestrations, sped up or virtual.
 */
export const hostClockKey = Symbol.for('entra-connect-migration.host-clock');

function installHostClock(clock: Clock): void {
  Reflect.set(globalThis, hostClockKey, () => clock.now());
}
