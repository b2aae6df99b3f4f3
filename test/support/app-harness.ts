import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { Clock } from '../../local/clock';
import {
  startAppHost,
  type AppHost,
  type ConnectorDirectory,
  type LoopbackConnector,
} from '../../local/app-host';
import type { LocalRuntime } from '../../local/runtime';
import { startFileServer, type FileServer } from '../../local/scenario/file-server';
import {
  executeActivity,
  fileActivity,
  messageActivity,
  submitActivity,
  type Chat,
} from './playground-activity';
import {
  parseInvokeAnswer,
  sentActivities,
  type CardAction,
  type InvokeAnswer,
  type SentActivity,
} from './sent-activity';

const root = path.resolve(__dirname, '..', '..');

/** A click's invoke answer, and the activity id it was sent with (to replay it). */
export interface Click {
  readonly answer: InvokeAnswer;
  readonly id: string;
}

/**
 * The function app exactly as package.json names it, in the local runtime on a virtual clock, with
 * Azurite for storage and durable state, a loopback connector that records what the bot sends, and
 * a loopback file server for uploads. `say`, `submit`, `click` and `upload` send what the Playground
 * would, each with a new activity id, check the bot took it (200), and wait until all it caused has
 * settled.
 */
export interface AppHarness {
  readonly clock: Clock;
  readonly connector: LoopbackConnector;
  readonly serviceUrl: string;
  /** Where uploaded files are downloaded from; it records each download. */
  readonly files: FileServer;
  runtime: LocalRuntime;
  /** POSTs an activity to /api/messages and waits until everything it caused has settled. */
  post(activity: Record<string, unknown>): Promise<Response>;
  /** What the bot sent since the last call (of this or of the methods below). */
  newlySent(): SentActivity[];
  /** Text typed in `chat`; returns what the bot sent meanwhile. */
  say(chat: Chat, text: string): Promise<SentActivity[]>;
  /** An Action.Submit with `value`; returns what the bot sent meanwhile. */
  submit(chat: Chat, value: Record<string, unknown>): Promise<SentActivity[]>;
  /** An Action.Execute click; `id` sends it with an earlier click's id, as a redelivery would. */
  click(chat: Chat, action: CardAction, options?: { readonly id?: string }): Promise<Click>;
  /** Sends a file (a path from the project root) as an upload; returns what the bot sent meanwhile. */
  upload(chat: Chat, file: string): Promise<SentActivity[]>;
  /** Stops the runtime and starts a new one on the same storage, as a host restart would. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the harness (a thin view of `startAppHost`); `start` is the virtual clock's first instant.
 * The connector knows the Playground's people, with the app installed for each unless `directory`
 * says otherwise; `env` adds app settings, as `startAppHost` applies them.
 */
export async function startAppHarness(
  start: Date,
  options: {
    readonly directory?: ConnectorDirectory;
    readonly env?: Readonly<Record<string, string>>;
  } = {},
): Promise<AppHarness> {
  const host: AppHost = await startAppHost({
    root,
    start,
    ...(options.directory === undefined ? {} : { directory: options.directory }),
    ...(options.env === undefined ? {} : { env: options.env }),
  });
  const files = await startFileServer(() => host.clock.now());
  let seen = 0;
  let posted = 0;
  const nextId = (): string => `test-activity-${String(++posted)}`;
  // Teams stamps each message to the millisecond, so no two share a stamp; the fixtures' one does.
  const stamped = (activity: Record<string, unknown>): Record<string, unknown> => ({
    ...activity,
    timestamp: new Date(host.clock.now().getTime() + posted).toISOString(),
  });
  const newlySent = (): SentActivity[] => {
    const fresh = host.connector.requests.slice(seen);
    seen = host.connector.requests.length;
    return sentActivities(fresh);
  };
  const taken = async (activity: Record<string, unknown>): Promise<SentActivity[]> => {
    expect((await host.post(activity)).status).toBe(200);
    return newlySent();
  };
  return {
    clock: host.clock,
    connector: host.connector,
    serviceUrl: host.serviceUrl,
    files,
    get runtime() {
      return host.runtime;
    },
    post: (activity) => host.post(activity),
    newlySent,
    say: (chat, text) => taken(stamped(messageActivity(chat, host.serviceUrl, nextId(), text))),
    submit: (chat, value) => taken(stamped(submitActivity(chat, host.serviceUrl, nextId(), value))),
    async click(chat, action, options = {}) {
      const id = options.id ?? nextId();
      const response = await host.post(executeActivity(chat, host.serviceUrl, id, action));
      expect(response.status).toBe(200);
      return { answer: parseInvokeAnswer(await response.json()), id };
    },
    upload(chat, file) {
      const name = path.basename(file);
      const downloadUrl = files.offer(name, readFileSync(path.resolve(root, file)));
      return taken(
        stamped(
          fileActivity(chat, host.serviceUrl, nextId(), { name, downloadUrl, uniqueId: nextId() }),
        ),
      );
    },
    restart: () => host.restart(),
    async close() {
      await files.close();
      await host.close();
    },
  };
}
