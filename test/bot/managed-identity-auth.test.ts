import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startLoopbackEntra, type LoopbackEntra } from '../support/loopback-entra';
import {
  startLoopbackManagedIdentity,
  type LoopbackManagedIdentity,
} from '../support/loopback-managed-identity';
import { startLoopbackServer, type LoopbackServer } from '../support/loopback-server';
import { loadPlaygroundActivity, postActivity } from '../support/playground-activity';
import { playgroundTenant } from '../support/playground-people';

// The bot as the function app runs it on Azure: MicrosoftAppType=UserAssignedMSI, the app id being
// the user-assigned identity's client id. botbuilder's own managed identity path
// (ManagedIdentityServiceClientCredentialsFactory, @azure/identity, msal-node) gets the token for
// its replies from a loopback App Service identity endpoint, found through IDENTITY_ENDPOINT and
// IDENTITY_HEADER; inbound tokens are checked against a loopback channel issuer as in auth.test.ts.
// Everything is plain http on loopback, so the bot needs no test CA; it runs in a child process to
// have these settings in its process.env, as in production.

const IDENTITY_CLIENT_ID = '7d3c2b1a-0000-4000-8000-0000000000aa';
const APP_TENANT = '0e5c1b4a-0000-4000-8000-0000000000cc';
const ISSUER = 'https://api.botframework.com';
const KEY_ID = 'loopback-key-1';
const READY_PREFIX = 'bot host listening at ';

let signingKey: CryptoKey;
let channel: LoopbackEntra;
let identity: LoopbackManagedIdentity;
let connector: LoopbackServer;
let serviceUrl: string;
let bot: BotProcess;

/** The bot host in its child process. */
interface BotProcess {
  readonly messagesUrl: string;
  /** Everything it printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/** Starts the bot host with the managed identity settings and the given identity endpoint. */
async function startBot(endpoint: LoopbackManagedIdentity): Promise<BotProcess> {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ['--import', 'tsx', join(__dirname, 'support', 'bot-host-main.ts')],
    {
      cwd: join(__dirname, '..', '..'),
      env: {
        PATH: process.env.PATH,
        ...endpoint.env,
        MicrosoftAppId: IDENTITY_CLIENT_ID,
        MicrosoftAppType: 'UserAssignedMSI',
        MicrosoftAppTenantId: APP_TENANT,
        ALLOWED_TENANT_IDS: playgroundTenant,
        ToBotFromChannelOpenIdMetadataUrl: channel.openIdMetadataUrl,
        ToBotFromChannelTokenIssuer: ISSUER,
        // Answers 404, so emulator and skill tokens are never trusted.
        ToBotFromEmulatorOpenIdMetadataUrl: `${channel.origin}/emulator/.well-known/openidconfiguration`,
        // Not used with a managed identity (its endpoint issues the token); loopback all the same.
        ToChannelFromBotLoginUrl: `${channel.origin}/unused-login`,
        ToChannelFromBotOAuthScope: 'https://api.botframework.com',
        OAuthUrl: `${channel.origin}/oauth`,
        CallerId: 'urn:botframework:azure',
        ValidateAuthority: 'true',
      },
    },
  );
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const messagesUrl = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => {
      reject(new Error(`bot host exited with ${String(code)}: ${output}`));
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      output += `${line}\n`;
      if (line.startsWith(READY_PREFIX)) {
        resolve(line.slice(READY_PREFIX.length));
      }
    });
  });
  return {
    messagesUrl,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

beforeAll(async () => {
  let publicKey: CryptoKey;
  ({ privateKey: signingKey, publicKey } = await generateKeyPair('RS256', { extractable: true }));
  channel = await startLoopbackEntra({
    tenant: 'channel',
    issuer: ISSUER,
    signingKeys: [
      {
        ...(await exportJWK(publicKey)),
        kid: KEY_ID,
        use: 'sig',
        alg: 'RS256',
        endorsements: ['msteams'],
      },
    ],
  });
  identity = await startLoopbackManagedIdentity({
    clientIds: [IDENTITY_CLIENT_ID],
    tenantId: APP_TENANT,
  });
  connector = await startLoopbackServer(() => ({ status: 200, json: { id: 'reply-1' } }));
  serviceUrl = `${connector.origin}/_connector`;
  bot = await startBot(identity);
});

afterEach(() => {
  connector.requests.length = 0;
  channel.requests.length = 0;
});

afterAll(async () => {
  await bot.stop();
  await Promise.all([channel.close(), identity.close(), connector.close()]);
});

function postHelp(messagesUrl: string, authorization: string): Promise<Response> {
  const activity = loadPlaygroundActivity('message.personal.json', serviceUrl, { text: 'help' });
  return postActivity(messagesUrl, activity, { authorization });
}

async function channelToken(): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    iss: ISSUER,
    aud: IDENTITY_CLIENT_ID,
    serviceurl: serviceUrl,
    nbf: now - 60,
    exp: now + 3600,
  })
    .setProtectedHeader({ alg: 'RS256', kid: KEY_ID, typ: 'JWT' })
    .sign(signingKey);
}

describe('the bot with a user-assigned managed identity on loopback', () => {
  it('replies with a bearer token from the identity endpoint for the Bot Framework', async () => {
    const response = await postHelp(bot.messagesUrl, `Bearer ${await channelToken()}`);

    expect(response.status, bot.output()).toBe(200);
    expect(connector.requests, bot.output()).toHaveLength(1);
    const [reply] = connector.requests;
    expect(reply?.path).toBe(
      '/_connector/v3/conversations/42d0ef45-2db6-4914-a99e-1e16041fb475/activities/d9308324-be99-4d86-9cbd-cd638f16588b',
    );
    expect(reply?.body).toContain('Entra Connect migration assistant');
    expect(identity.tokenRequests()).toEqual([
      {
        method: 'GET',
        pathname: '/msi/token',
        apiVersion: '2019-08-01',
        resource: 'https://api.botframework.com',
        clientId: IDENTITY_CLIENT_ID,
        identityHeader: identity.env.IDENTITY_HEADER,
      },
    ]);
    expect(identity.requests).toHaveLength(1);
    expect(reply?.headers.authorization).toBe(`Bearer ${String(identity.issued[0])}`);
    // The login URL is never asked: only the identity endpoint issues the bot's tokens.
    expect(channel.requests.map((request) => request.pathname)).not.toContain('/unused-login');
    expect(bot.output()).not.toContain(identity.env.IDENTITY_HEADER);
  });

  it('keeps the token for the next reply', async () => {
    const response = await postHelp(bot.messagesUrl, `Bearer ${await channelToken()}`);

    expect(response.status, bot.output()).toBe(200);
    expect(connector.requests, bot.output()).toHaveLength(1);
    expect(identity.tokenRequests()).toHaveLength(1);
    expect(connector.requests[0]?.headers.authorization).toBe(
      `Bearer ${String(identity.issued[0])}`,
    );
  });
});

describe('the bot when its identity is not assigned to the app', () => {
  it('sends nothing without a token and logs the failed turn without the secret header', async () => {
    // The endpoint refuses the client id with a 400, as App Service does for an identity it lacks.
    const failing = await startLoopbackManagedIdentity({ clientIds: [] });
    const failingBot = await startBot(failing);
    try {
      const response = await postHelp(failingBot.messagesUrl, `Bearer ${await channelToken()}`);

      // botbuilder answers the channel once the turn is over, the failed reply included.
      expect(response.status).toBe(200);
      expect(connector.requests).toEqual([]);
      expect(failing.tokenRequests().length).toBeGreaterThan(0);
      expect(failing.issued).toEqual([]);
      expect(failingBot.output()).toContain('Turn failed');
      expect(failingBot.output()).not.toContain(failing.env.IDENTITY_HEADER);
    } finally {
      await failingBot.stop();
      await failing.close();
    }
  });
});
