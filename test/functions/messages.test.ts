import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appEntryFiles } from '../../local/app-entry';
import { VirtualClock } from '../../local/clock';
import { quietLogger } from '../../local/runtime-logger';
import { startLocalRuntime, type LocalRuntime } from '../../local/runtime';
import { startLoopbackServer, type LoopbackServer } from '../support/loopback-server';
import { loadPlaygroundActivity } from '../support/playground-activity';

const root = path.resolve(__dirname, '..', '..');
const conversationId = '42d0ef45-2db6-4914-a99e-1e16041fb475';

let runtime: LocalRuntime;
let connector: LoopbackServer;
let serviceUrl: string;

beforeAll(async () => {
  connector = await startLoopbackServer(() => ({ status: 200, json: { id: 'sent-1' } }));
  serviceUrl = `${connector.origin}/_connector`;
  // The app exactly as package.json `main` names it, with no bot id: local mode, auth off.
  runtime = await startLocalRuntime({
    entryFiles: appEntryFiles(root),
    clock: new VirtualClock(),
    logger: quietLogger,
  });
});

afterAll(async () => {
  await runtime.close();
  await connector.close();
});

beforeEach(() => {
  connector.requests.length = 0;
});

async function postActivity(activity: Record<string, unknown>): Promise<Response> {
  return fetch(`${runtime.origin}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
}

function sentCards(): { path: string; title: unknown }[] {
  return connector.requests.map((request) => {
    const activity = JSON.parse(request.body) as {
      attachments?: { contentType: string; content: { body?: { text?: string }[] } }[];
    };
    return {
      path: request.pathname,
      title: activity.attachments?.[0]?.content.body?.[0]?.text,
    };
  });
}

describe('POST /api/messages in the local runtime', () => {
  it('registers the messages function from the entry files package.json names', () => {
    expect([...runtime.functions.keys()]).toContain('messages');
  });

  it('answers the Playground HEAD probe with 200', async () => {
    const response = await fetch(`${runtime.origin}/api/messages`, { method: 'HEAD' });
    expect(response.status).toBe(200);
  });

  it('replies to help with the help card through the connector', async () => {
    const response = await postActivity(
      loadPlaygroundActivity('message.personal.json', serviceUrl, { text: 'help' }),
    );
    expect(response.status).toBe(200);
    await runtime.settle();
    const cards = sentCards();
    expect(cards).toHaveLength(1);
    expect(cards[0]?.path).toBe(
      `/_connector/v3/conversations/${conversationId}/activities/d9308324-be99-4d86-9cbd-cd638f16588b`,
    );
    expect(String(cards[0]?.title)).toMatch(/Entra Connect/);
  });

  it('welcomes a first install with the help card', async () => {
    const response = await postActivity(
      loadPlaygroundActivity('installationUpdate.personal.json', serviceUrl),
    );
    expect(response.status).toBe(200);
    expect(sentCards()).toHaveLength(1);
    expect(String(sentCards()[0]?.title)).toMatch(/Entra Connect/);
  });

  it('refuses a body that is not an activity and sends nothing', async () => {
    const response = await fetch(`${runtime.origin}/api/messages`, {
      method: 'POST',
      body: '{not json',
    });
    expect(response.status).toBe(400);
    expect(connector.requests).toEqual([]);
  });
});
