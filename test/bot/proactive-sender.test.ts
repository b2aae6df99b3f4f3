import { afterEach, describe, expect, it } from 'vitest';
import { createAdapter } from '../../bot/adapter';
import { ProactiveSender } from '../../bot/proactive-sender';
import { CollectingLogger } from './support/collecting-logger';
import {
  startLoopbackServer,
  type LoopbackAnswer,
  type LoopbackServer,
} from '../support/loopback-server';
import { alex } from '../support/playground-people';

// The sender is built on the production adapter, with its turn error handler: botbuilder hands
// every error of a continueConversationAsync callback to that handler instead of throwing, and the
// handler posts an error card into the conversation. The connector answers as Teams' does.

let connector: LoopbackServer | undefined;

afterEach(async () => {
  await connector?.close();
  connector = undefined;
});

type Answer = number | LoopbackAnswer;

/** Teams' connector errors, as it words them. */
const teams = {
  blocked: {
    status: 403,
    json: {
      error: {
        code: 'MessageWritesBlocked',
        message: 'Thread is blocked from receiving messages.',
      },
    },
  },
  notInRoster: {
    status: 403,
    json: {
      error: {
        code: 'BotNotInConversationRoster',
        message: 'The bot is not part of the conversation roster.',
      },
    },
  },
  notFound: {
    status: 404,
    json: { error: { code: 'ConversationNotFound', message: 'Conversation not found.' } },
  },
} satisfies Record<string, LoopbackAnswer>;

/** A connector that answers with the given statuses (or answers) in turn, then 200. */
async function connectorAnswering(answers: Answer[]): Promise<LoopbackServer> {
  const queue = [...answers];
  connector = await startLoopbackServer(() => {
    const answer = queue.shift() ?? 200;
    if (typeof answer !== 'number') return answer;
    return answer === 200
      ? { status: answer, json: { id: 'activity-7' } }
      : { status: answer, json: { error: { code: 'ServiceError', message: 'Unknown error' } } };
  });
  return connector;
}

let logger = new CollectingLogger();

function sender(): ProactiveSender {
  logger = new CollectingLogger();
  // No app id: the connector is called without a token, as with the local Playground.
  return new ProactiveSender(createAdapter({ mode: 'off' }, logger), '', logger, {
    attempts: 4,
    firstDelayMs: 5,
    maxDelayMs: 20,
    waitBudgetMs: 1000,
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
    // The sender is the only one that retries: the connector client's own retries are off.
    const server = await connectorAnswering([429, 429, 503]);
    const delivery = await sender().send({
      reference: reference(server.origin),
      activity: { type: 'message', text: 'hello' },
    });
    expect(delivery).toEqual({ kind: 'delivered', activityId: 'activity-7' });
    expect(server.requests).toHaveLength(4);
    for (const request of server.requests) {
      expect(
        request.pathname.startsWith('/_connector/v3/conversations/conversation-1/activities'),
      ).toBe(true);
    }
  });

  it.each([
    ['blocked the bot', teams.blocked, 'blocked', 'MessageWritesBlocked'],
    [
      'does not have the app',
      teams.notInRoster,
      'not-in-conversation',
      'BotNotInConversationRoster',
    ],
    [
      'is in a conversation Teams no longer knows',
      teams.notFound,
      'conversation-not-found',
      'ConversationNotFound',
    ],
  ] as const)(
    'reports a person who %s as unreachable, and posts nothing else into that chat',
    async (_name, answer, problem, code) => {
      const server = await connectorAnswering([answer]);
      const delivery = await sender().send({
        reference: reference(server.origin),
        activity: { type: 'message', text: 'Please approve the cutover' },
      });
      expect(delivery).toEqual({ kind: 'unreachable', problem, statusCode: answer.status, code });
      // One request: no "Something failed on my side" card from the turn error handler.
      expect(server.requests).toHaveLength(1);
      expect(logger.lines.filter((entry) => entry.message === 'Turn failed')).toEqual([]);
    },
  );

  it('gives up at once on another client error, naming the status only', async () => {
    const server = await connectorAnswering([400]);
    const delivery = await sender().send({
      reference: reference(server.origin),
      activity: { type: 'message', text: 'hi' },
    });
    expect(delivery).toEqual({
      kind: 'failed',
      problem: 'refused',
      statusCode: 400,
      code: 'ServiceError',
    });
    expect(server.requests).toHaveLength(1);
  });

  it('stops when the connector keeps throttling, as failed, without an error card', async () => {
    const server = await connectorAnswering(Array.from({ length: 40 }, () => 429));
    const delivery = await sender().send({
      reference: reference(server.origin),
      activity: { type: 'message', text: 'hi' },
    });
    expect(delivery).toMatchObject({ kind: 'failed', problem: 'throttled', statusCode: 429 });
    expect(server.requests.every((request) => request.body.includes('"text":"hi"'))).toBe(true);
  });

  it('tries server errors no more often than its attempts', async () => {
    const server = await connectorAnswering(Array.from({ length: 20 }, () => 503));
    const delivery = await sender().send({
      reference: reference(server.origin),
      activity: { type: 'message', text: 'hi' },
    });
    expect(delivery).toMatchObject({ kind: 'failed', problem: 'service-error', statusCode: 503 });
    // Four attempts, each one request: the connector client does not retry under them.
    expect(server.requests).toHaveLength(4);
  });

  it('waits no longer than its budget for a Retry-After', async () => {
    // Teams asks to come back in two minutes: more than the one second this sender may wait. The
    // connector client would wait that out by itself (past this test's timeout); here nobody waits.
    const throttled = {
      status: 429,
      headers: { 'retry-after': '120' },
      json: { error: { code: 'TooManyRequests', message: 'Too many requests' } },
    };
    const server = await connectorAnswering(Array.from({ length: 10 }, () => throttled));
    const delivery = await sender().send({
      reference: reference(server.origin),
      activity: { type: 'message', text: 'hi' },
    });
    expect(delivery).toMatchObject({ kind: 'failed', problem: 'throttled' });
    expect(logger.lines.filter((line) => line.message.includes('retrying'))).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it('refuses an incomplete stored reference without calling anyone', async () => {
    const server = await connectorAnswering([]);
    const delivery = await sender().send({
      reference: { conversation: {} },
      activity: { type: 'message' },
    });
    expect(delivery).toMatchObject({ kind: 'failed', problem: 'bad-reference' });
    expect(server.requests).toHaveLength(0);
  });

  it('replaces an earlier message in place', async () => {
    const server = await connectorAnswering([]);
    const delivery = await sender().update(
      { reference: reference(server.origin), activity: { type: 'message', text: 'decided' } },
      'activity-7',
    );
    expect(delivery).toEqual({ kind: 'delivered', activityId: 'activity-7' });
    expect(server.requests.map((r) => `${r.method} ${r.pathname}`)).toEqual([
      'PUT /_connector/v3/conversations/conversation-1/activities/activity-7',
    ]);
  });
});
