import path from 'node:path';
import type { VirtualClock } from '../../local/clock';
import { startAppHost, type AppHost } from '../../local/app-host';
import type { LocalRuntime } from '../../local/runtime';
import type { LoopbackServer } from './loopback-server';

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

/** Starts the harness (a thin view of `startAppHost`); `start` is the virtual clock's first instant. */
export async function startAppHarness(start: Date): Promise<AppHarness> {
  const host: AppHost = await startAppHost({ root, start });
  let seen = 0;
  return {
    clock: host.clock,
    connector: host.connector,
    serviceUrl: host.serviceUrl,
    get runtime() {
      return host.runtime;
    },
    post: (activity) => host.post(activity),
    newlySent() {
      const fresh = host.connector.requests.slice(seen);
      seen = host.connector.requests.length;
      return fresh.map((request) => ({
        ...(JSON.parse(request.body) as Omit<SentActivity, 'path'>),
        path: request.pathname,
      }));
    },
    restart: () => host.restart(),
    close: () => host.close(),
  };
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
