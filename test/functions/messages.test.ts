import { afterAll, beforeEach, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../support/app-harness';
import { loadPlaygroundActivity } from '../support/playground-activity';
import { cardBodyText, cardOf } from '../support/sent-activity';
import { MAX_ACTIVITY_BYTES } from '../../bot/request-body';

const conversationId = '42d0ef45-2db6-4914-a99e-1e16041fb475';

let app: AppHarness;

beforeAll(async () => {
  // No bot id configured: local mode, Bot Framework auth off, as with the Playground.
  app = await startAppHarness(new Date('2026-11-18T09:00:00Z'));
});

afterAll(async () => {
  await app.close();
});

beforeEach(() => {
  app.newlySent();
});

describe('POST /api/messages in the local runtime', () => {
  it('registers the messages function from the entry files package.json names', () => {
    expect([...app.runtime.functions.keys()]).toContain('messages');
  });

  it('answers the Playground HEAD probe with 200', async () => {
    const response = await fetch(`${app.runtime.origin}/api/messages`, { method: 'HEAD' });
    expect(response.status).toBe(200);
  });

  it('replies to help with the help card through the connector', async () => {
    const response = await app.post(
      loadPlaygroundActivity('message.personal.json', app.serviceUrl, { text: 'help' }),
    );
    expect(response.status).toBe(200);
    const sent = app.newlySent();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.path).toBe(
      `/_connector/v3/conversations/${conversationId}/activities/d9308324-be99-4d86-9cbd-cd638f16588b`,
    );
    const text = cardBodyText(cardOf(sent[0]));
    expect(text).toMatch(/Entra Connect migration assistant/);
    // The dates come from the version policy, as Learn states them.
    expect(text).toContain(
      'Since 30 September 2026, servers running a version older than 2.5.79.0',
    );
    expect(text).toContain(
      '2.6.84.0 or later with application-based authentication by 7 April 2027',
    );
  });

  it('welcomes a first install with the help card', async () => {
    const response = await app.post(
      loadPlaygroundActivity('installationUpdate.personal.json', app.serviceUrl),
    );
    expect(response.status).toBe(200);
    const sent = app.newlySent();
    expect(sent).toHaveLength(1);
    expect(cardBodyText(cardOf(sent[0]))).toMatch(/Entra Connect migration assistant/);
  });

  it('refuses a body that is not an activity and sends nothing', async () => {
    const response = await fetch(`${app.runtime.origin}/api/messages`, {
      method: 'POST',
      body: '{not json',
    });
    expect(response.status).toBe(400);
    expect(app.newlySent()).toEqual([]);
  });
});

describe('POST /api/messages refuses a body larger than any Teams activity', () => {
  it('answers 413 to an activity over the cap, before it is parsed or processed', async () => {
    const activity = loadPlaygroundActivity('message.personal.json', app.serviceUrl, {
      text: `help ${'x'.repeat(MAX_ACTIVITY_BYTES)}`,
    });
    const response = await fetch(`${app.runtime.origin}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });

    expect(response.status).toBe(413);
    expect(await response.text()).toContain('larger than any Teams activity');
    await app.runtime.settle();
    expect(app.newlySent()).toEqual([]);
  });
});
