import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../local/clock';
import {
  connectorPrefix,
  messageSizeLimit,
  startTeamsConnector,
  type LoopbackConnector,
} from '../../local/teams-connector';

// The loopback Bot Connector answers as Teams' connector does where the bot's behaviour depends
// on it. Each case is a real HTTP request, as botbuilder's connector client makes them.

const tenant = 'tenant-1';
const people = [
  { name: 'Alex Wilber', teamsId: '29:alex', aadObjectId: 'aad-alex', tenant, appInstalled: true },
  {
    name: 'Megan Bowen',
    teamsId: '29:megan',
    aadObjectId: 'aad-megan',
    upn: 'Megan.Bowen@contoso.example',
    tenant,
    appInstalled: false,
  },
  {
    name: 'Olga Other',
    teamsId: '29:olga',
    aadObjectId: 'aad-olga',
    tenant: 'other',
    appInstalled: true,
  },
];

let connector: LoopbackConnector | undefined;

afterEach(async () => {
  await connector?.close();
  connector = undefined;
});

async function start(): Promise<LoopbackConnector> {
  connector = await startTeamsConnector(new VirtualClock(new Date('2026-11-23T08:00:00Z')), {
    people,
    conversations: [{ id: '19:team@thread.tacv2', tenant }],
  });
  return connector;
}

async function call(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown; retryAfter: string | null }> {
  if (connector === undefined) throw new Error('no connector');
  const response = await fetch(`${connector.origin}${connectorPrefix}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    json: text === '' ? undefined : (JSON.parse(text) as unknown),
    retryAfter: response.headers.get('retry-after'),
  };
}

const newChat = (member: string, tenantId = tenant) => ({
  isGroup: false,
  members: [{ id: member }],
  tenantId,
});

describe('the loopback Teams connector', () => {
  it('opens a personal chat only with someone the app is installed for, by Teams id or object id', async () => {
    await start();
    expect(await call('POST', '/v3/conversations', newChat('29:alex'))).toMatchObject({
      status: 201,
      json: { id: 'personal-29:alex' },
    });
    expect(await call('POST', '/v3/conversations', newChat('aad-alex'))).toMatchObject({
      status: 201,
    });
    expect(await call('POST', '/v3/conversations', newChat('aad-megan'))).toMatchObject({
      status: 403,
      json: { error: { code: 'BotNotInConversationRoster' } },
    });
  });

  it('opens no chat by sign-in name, nor across tenants', async () => {
    await start();
    for (const [member, tenantId] of [
      ['megan.bowen@contoso.example', tenant],
      ['29:olga', tenant],
    ] as const) {
      expect(await call('POST', '/v3/conversations', newChat(member, tenantId))).toMatchObject({
        status: 400,
        json: { error: { code: 'BadArgument' } },
      });
    }
  });

  it('refuses messages into the chat of someone without the app, until it is installed', async () => {
    const teams = await start();
    const message = { type: 'message', text: 'hi' };
    expect(
      (await call('POST', '/v3/conversations/personal-29:megan/activities', message)).status,
    ).toBe(403);
    teams.install('aad-megan');
    expect(
      await call('POST', '/v3/conversations/personal-29:megan/activities', message),
    ).toMatchObject({
      status: 200,
      json: { id: expect.any(String) as unknown },
    });
  });

  it('finds a member of a team by sign-in name, whatever its case, and nobody outside the tenant', async () => {
    await start();
    expect(
      await call(
        'GET',
        '/v3/conversations/19:team@thread.tacv2/members/MEGAN.BOWEN@contoso.example',
      ),
    ).toMatchObject({
      status: 200,
      json: { id: '29:megan', aadObjectId: 'aad-megan', name: 'Megan Bowen' },
    });
    expect((await call('GET', '/v3/teams/19:team@thread.tacv2/members/aad-olga')).status).toBe(404);
    // A personal chat's roster is its person alone.
    expect((await call('GET', '/v3/conversations/personal-29:alex/members/29:megan')).status).toBe(
      404,
    );
  });

  it('answers 404 for a conversation it never heard of, until an activity comes from it', async () => {
    const teams = await start();
    const message = { type: 'message', text: 'hi' };
    expect(
      await call('POST', '/v3/conversations/19:gone@thread.v2/activities', message),
    ).toMatchObject({
      status: 404,
      json: { error: { code: 'ConversationNotFound' } },
    });
    teams.know('19:gone@thread.v2;messageid=3');
    expect(
      (await call('POST', '/v3/conversations/19:gone@thread.v2/activities', message)).status,
    ).toBe(200);
  });

  it('refuses a message over Teams size limit with 413 MessageSizeTooBig', async () => {
    await start();
    const text = 'x'.repeat(messageSizeLimit / 2 + 1);
    expect(
      await call('POST', '/v3/conversations/19:team@thread.tacv2/activities', {
        type: 'message',
        text,
      }),
    ).toMatchObject({ status: 413, json: { error: { code: 'MessageSizeTooBig' } } });
  });

  it('answers the refusals it is told to, with Retry-After, in every thread of a channel', async () => {
    const teams = await start();
    teams.refuseNext(
      '19:team@thread.tacv2',
      { status: 429, code: 'TooManyRequests', message: 'Too many requests.', retryAfterSeconds: 3 },
      2,
    );
    const thread = '/v3/conversations/19:team@thread.tacv2;messageid=7/activities';
    const message = { type: 'message', text: 'hi' };
    expect(await call('POST', thread, message)).toMatchObject({ status: 429, retryAfter: '3' });
    expect(await call('POST', thread, message)).toMatchObject({ status: 429 });
    expect(await call('POST', thread, message)).toMatchObject({ status: 200 });
    expect(teams.requests.map((request) => request.refusedWith)).toEqual([
      '429 TooManyRequests',
      '429 TooManyRequests',
      undefined,
    ]);
  });
});
