import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { afterEach, describe, expect, it } from 'vitest';
import { ProactiveSendError, ProactiveSender } from '../../bot/proactive-sender';
import { CollectingLogger } from './support/collecting-logger';
import { startLoopbackServer, type LoopbackServer } from '../support/loopback-server';
import { alex } from '../support/playground-people';

let connector: LoopbackServer | undefined;

afterEach(async () => {
  await connector?.close();
  connector = undefined;
});

/** A connector that answers with the given statuses in turn, then 200. */
async function connectorAnswering(statuses: number[]): Promise<LoopbackServer> {
  const queue = [...statuses];
  connector = await startLoopbackServer(() => {
    const status = queue.shift() ?? 200;
    return status === 200
      ? { status, json: { id: 'activity-7' } }
      : { status, json: { error: { code: 'x' } } };
  });
  return connector;
}

function sender(): ProactiveSender {
  // No app id: the connector is called without a token, as with the local Playground.
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  return new ProactiveSender(adapter, '', new CollectingLogger(), {
    attempts: 4,
    firstDelayMs: 5,
    maxDelayMs: 20,
  });
}

function reference(origin: string): Record<string, unknown> {
  return {
    serviceUrl: `${origin}/_connector`,
    channelId: 'msteams',
    conversation: { id: 'conversation-1', conversationType: 'personal' },
    bot: { id: 'bot', name: 'Test Bot' },
    user: { id: alex.id },
  };
}

describe('proactive sends', () => {
  it('retries throttling and server errors, then delivers once', async () => {
    // The connector client retries some 5xx itself; throttling (429) is retried here, with backoff.
    const server = await connectorAnswering([429, 429, 503]);
    const id = await sender().send({
      reference: reference(server.origin),
      activity: { type: 'message', text: 'hello' },
    });
    expect(id).toBe('activity-7');
    expect(server.requests).toHaveLength(4);
    for (const request of server.requests) {
      expect(
        request.pathname.startsWith('/_connector/v3/conversations/conversation-1/activities'),
      ).toBe(true);
    }
  });

  it('gives up at once on a client error, naming the status only', async () => {
    const server = await connectorAnswering([400]);
    const failure = sender().send({
      reference: reference(server.origin),
      activity: { type: 'message', text: 'hi' },
    });
    await expect(failure).rejects.toBeInstanceOf(ProactiveSendError);
    await expect(failure).rejects.toMatchObject({ statusCode: 400 });
    expect(server.requests).toHaveLength(1);
  });

  it('stops after the last attempt when the connector keeps throttling', async () => {
    const server = await connectorAnswering([429, 429, 429, 429, 429, 429]);
    await expect(
      sender().send({
        reference: reference(server.origin),
        activity: { type: 'message', text: 'hi' },
      }),
    ).rejects.toMatchObject({ statusCode: 429 });
    expect(server.requests).toHaveLength(4);
  });

  it('refuses an incomplete stored reference without calling anyone', async () => {
    const server = await connectorAnswering([]);
    await expect(
      sender().send({ reference: { conversation: {} }, activity: { type: 'message' } }),
    ).rejects.toBeInstanceOf(ProactiveSendError);
    expect(server.requests).toHaveLength(0);
  });

  it('replaces an earlier message in place', async () => {
    const server = await connectorAnswering([]);
    await sender().update(
      { reference: reference(server.origin), activity: { type: 'message', text: 'decided' } },
      'activity-7',
    );
    expect(server.requests.map((r) => `${r.method} ${r.pathname}`)).toEqual([
      'PUT /_connector/v3/conversations/conversation-1/activities/activity-7',
    ]);
  });
});
