import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { appEntryFiles, taskHubName } from '../../local/app-entry';
import { startAzurite, type RunningAzurite } from '../../local/azurite';
import { VirtualClock } from '../../local/clock';
import { BlobInstanceStore } from '../../local/durable/instance-store';
import { quietLogger } from '../../local/runtime-logger';
import { startLocalRuntime, type LocalRuntime } from '../../local/runtime';
import { startLoopbackServer, type LoopbackServer } from './loopback-server';

const root = path.resolve(__dirname, '..', '..');

/** What the bot posted to the loopback connector. */
export interface SentActivity {
  /** The connector path it was posted to (names the conversation). */
  path: string;
  text?: string;
  attachments?: { contentType: string; content: CardJson }[];
}

/** The parts of an Adaptive Card the tests read. */
export interface CardJson {
  body?: unknown[];
  actions?: { type: string; title?: string; verb?: string; data?: Record<string, unknown> }[];
  fallbackText?: string;
}

/**
 * The function app exactly as package.json names it, in the local runtime on a virtual clock, with
 * Azurite for storage and durable state, and a loopback connector that records what the bot sends.
 */
export interface AppHarness {
  readonly clock: VirtualClock;
  readonly connector: LoopbackServer;
  readonly serviceUrl: string;
  runtime: LocalRuntime;
  /** POSTs an activity to /api/messages and waits until everything it caused has settled. */
  post(activity: Record<string, unknown>): Promise<Response>;
  /** What the bot sent since the last call. */
  newlySent(): SentActivity[];
  /** Stops the runtime and starts a new one on the same storage, as a host restart would. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the harness; `start` is the virtual clock's first instant. */
export async function startAppHarness(start: Date): Promise<AppHarness> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'app-harness-'));
  const azurite: RunningAzurite = await startAzurite({ location: dataDir, inMemory: true });
  // The app reads its storage the way it does on Azure.
  process.env.AzureWebJobsStorage = azurite.connectionString;
  const connector = await startLoopbackServer(() => ({
    status: 200,
    json: { id: `sent-${String(Date.now())}` },
  }));
  const clock = new VirtualClock(start);
  const hub = taskHubName(root);
  const launch = (): Promise<LocalRuntime> =>
    startLocalRuntime({
      entryFiles: appEntryFiles(root),
      clock,
      store: new BlobInstanceStore(azurite.connectionString, hub),
      taskHub: hub,
      logger: quietLogger,
    });
  let seen = 0;
  const harness: AppHarness = {
    clock,
    connector,
    serviceUrl: `${connector.origin}/_connector`,
    runtime: await launch(),
    async post(activity) {
      const response = await fetch(`${harness.runtime.origin}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      await harness.runtime.settle();
      return response;
    },
    newlySent() {
      const fresh = connector.requests.slice(seen);
      seen = connector.requests.length;
      return fresh.map((request) => ({
        ...(JSON.parse(request.body) as Omit<SentActivity, 'path'>),
        path: request.pathname,
      }));
    },
    async restart() {
      await harness.runtime.close();
      harness.runtime = await launch();
      await harness.runtime.settle();
    },
    async close() {
      await harness.runtime.close();
      await connector.close();
      await azurite.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** The Adaptive Card a sent activity carries, if any. */
export function cardOf(activity: SentActivity | undefined): CardJson | undefined {
  return activity?.attachments?.find(
    (a) => a.contentType === 'application/vnd.microsoft.card.adaptive',
  )?.content;
}

/** The card body as text, for assertions on what it says. */
export function cardBodyText(card: CardJson | undefined): string {
  return JSON.stringify(card?.body ?? []);
}
