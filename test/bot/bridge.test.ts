import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBotRuntime } from '../../bot/create-bot-runtime';
import { localOnlySettings } from '../../local/local-only-settings';
import { loadConfig } from '../../platform/config';
import { startBotHost, type BotHost } from './support/bot-host';
import { CollectingLogger } from './support/collecting-logger';
import { startLoopbackServer, type LoopbackServer } from '../support/loopback-server';
import { loadPlaygroundActivity, postActivity as postTo } from '../support/playground-activity';
import { playgroundTenant } from '../support/playground-people';
import { cardOf, sentActivities, type SentActivity } from '../support/sent-activity';

let connector: LoopbackServer;
let serviceUrl: string;
const hosts: BotHost[] = [];

beforeAll(async () => {
  connector = await startLoopbackServer(() => ({ status: 200, json: { id: 'reply-1' } }));
  serviceUrl = `${connector.origin}/_connector`;
});

afterEach(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.close()));
  connector.requests.length = 0;
});

afterAll(async () => {
  await connector.close();
});

/** The bot as the local runtime configures it (no bot id, authentication off), plus `env`. */
async function startBot(env: Record<string, string> = {}): Promise<BotHost> {
  const config = loadConfig({ ...localOnlySettings, ...env });
  const host = await startBotHost(createBotRuntime(config, new CollectingLogger()));
  hosts.push(host);
  return host;
}

function post(host: BotHost, body: string): Promise<Response> {
  return fetch(host.messagesUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
}

function postActivity(host: BotHost, activity: Record<string, unknown>): Promise<Response> {
  return postTo(host.messagesUrl, activity);
}

function replies(): SentActivity[] {
  return sentActivities(connector.requests);
}

describe('the messaging endpoint without Bot Framework auth (Playground mode)', () => {
  it.each(['HEAD', 'GET'])('answers %s with 200 and no body', async (method) => {
    const host = await startBot();

    const response = await fetch(host.messagesUrl, { method });

    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('refuses PUT with 405', async () => {
    const host = await startBot();

    const response = await fetch(host.messagesUrl, { method: 'PUT', body: '{}' });

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST, GET, HEAD');
  });

  it.each([
    ['invalid JSON', '{"type": "message",'],
    ['a JSON array', '[]'],
    ['a JSON string', '"help"'],
    ['an empty body', ''],
    ['an object without a type', '{"text":"help"}'],
  ])('answers %s with 400 and runs no bot logic', async (_, body) => {
    const host = await startBot();

    const response = await post(host, body);

    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/Bot Framework activity/);
    expect(connector.requests).toEqual([]);
  });

  it('answers "help" typed in personal chat with the help card', async () => {
    const host = await startBot();
    const activity = loadPlaygroundActivity('message.personal.json', serviceUrl, { text: 'help' });

    const response = await postActivity(host, activity);

    expect(response.status).toBe(200);
    const [reply, ...others] = replies();
    expect(others).toEqual([]);
    expect(reply?.path).toBe(
      '/_connector/v3/conversations/42d0ef45-2db6-4914-a99e-1e16041fb475/activities/d9308324-be99-4d86-9cbd-cd638f16588b',
    );
    expect(reply?.type).toBe('message');
    const card = cardOf(reply);
    expect(JSON.stringify(card)).toContain('Entra Connect migration assistant');
    expect(JSON.stringify(card)).toContain('start migration');
  });

  it.each(['HELP', '  Help  ', '/help', '?'])('treats %j as help', async (text) => {
    const host = await startBot();

    await postActivity(host, loadPlaygroundActivity('message.personal.json', serviceUrl, { text }));

    expect(cardOf(replies()[0])).toBeDefined();
  });

  it('answers help after an @mention of the bot in a channel', async () => {
    const host = await startBot();
    const activity = loadPlaygroundActivity('message.channel.mention.json', serviceUrl, {
      text: '<at>Test Bot</at> help',
    });

    await postActivity(host, activity);

    expect(cardOf(replies()[0])).toBeDefined();
  });

  it('points unknown text to help', async () => {
    const host = await startBot();

    await postActivity(host, loadPlaygroundActivity('message.personal.json', serviceUrl));

    const [reply] = replies();
    expect(reply?.text).toMatch(/Type help/);
    expect(cardOf(reply)).toBeUndefined();
  });

  it('says that migrations need storage when the host gives the bot none', async () => {
    const host = await startBot();
    const activity = loadPlaygroundActivity('message.personal.json', serviceUrl, {
      text: 'start migration',
    });

    await postActivity(host, activity);

    expect(replies()[0]?.text).toMatch(/no migration storage configured/);
  });

  it('welcomes a first install with the help card', async () => {
    const host = await startBot();

    const response = await postActivity(
      host,
      loadPlaygroundActivity('installationUpdate.personal.json', serviceUrl),
    );

    expect(response.status).toBe(200);
    const [reply, ...others] = replies();
    expect(others).toEqual([]);
    expect(cardOf(reply)).toBeDefined();
  });

  it('does not welcome twice: in Teams the conversationUpdate that follows an install stays quiet', async () => {
    const host = await startBot();

    const response = await postActivity(
      host,
      loadPlaygroundActivity('conversationUpdate.personal.json', serviceUrl),
    );

    expect(response.status).toBe(200);
    expect(connector.requests).toEqual([]);
  });

  it('welcomes through conversationUpdate on channels that send no installationUpdate', async () => {
    const host = await startBot();
    const activity = loadPlaygroundActivity('conversationUpdate.personal.json', serviceUrl, {
      channelId: 'emulator',
    });

    await postActivity(host, activity);

    expect(cardOf(replies()[0])).toBeDefined();
  });

  describe('with ALLOWED_TENANT_IDS set', () => {
    it('serves an allowed tenant', async () => {
      const host = await startBot({ ALLOWED_TENANT_IDS: `other-tenant, ${playgroundTenant}` });

      await postActivity(
        host,
        loadPlaygroundActivity('message.personal.json', serviceUrl, { text: 'help' }),
      );

      expect(cardOf(replies()[0])).toBeDefined();
    });

    it('refuses another tenant with a short message and nothing else', async () => {
      const host = await startBot({ ALLOWED_TENANT_IDS: 'other-tenant' });

      const response = await postActivity(
        host,
        loadPlaygroundActivity('message.personal.json', serviceUrl, { text: 'help' }),
      );

      expect(response.status).toBe(200);
      const [reply, ...others] = replies();
      expect(others).toEqual([]);
      expect(reply?.text).toMatch(/not available for your organisation/);
      expect(cardOf(reply)).toBeUndefined();
    });

    it('refuses an install from another tenant without the welcome card', async () => {
      const host = await startBot({ ALLOWED_TENANT_IDS: 'other-tenant' });

      await postActivity(
        host,
        loadPlaygroundActivity('installationUpdate.personal.json', serviceUrl),
      );

      expect(replies().map(cardOf)).toEqual([undefined]);
    });

    it('refuses an activity whose two tenant fields disagree', async () => {
      const host = await startBot({ ALLOWED_TENANT_IDS: playgroundTenant });
      const activity = loadPlaygroundActivity('message.personal.json', serviceUrl, {
        text: 'help',
        channelData: { tenant: { id: 'other-tenant' } },
      });

      await postActivity(host, activity);

      expect(replies()[0]?.text).toMatch(/not available for your organisation/);
    });

    it('compares tenant ids exactly', async () => {
      const host = await startBot({ ALLOWED_TENANT_IDS: playgroundTenant.toUpperCase() + 'X' });

      await postActivity(
        host,
        loadPlaygroundActivity('message.personal.json', serviceUrl, { text: 'help' }),
      );

      expect(cardOf(replies()[0])).toBeUndefined();
    });

    it('answers a card action from another tenant with an error invoke response', async () => {
      const host = await startBot({ ALLOWED_TENANT_IDS: 'other-tenant' });
      const activity = loadPlaygroundActivity('message.personal.json', serviceUrl, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        text: undefined,
        value: { action: { type: 'Action.Execute', verb: 'approve', data: {} } },
      });

      const response = await postActivity(host, activity);

      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        statusCode: 403,
        type: 'application/vnd.microsoft.error',
        value: { code: 'Forbidden', message: expect.stringMatching(/not available/) as unknown },
      });
      expect(connector.requests).toEqual([]);
    });
  });
});
