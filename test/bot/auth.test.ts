import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  exportJWK,
  exportSPKI,
  generateKeyPair,
  SignJWT,
  type CryptoKey,
  type JWTPayload,
} from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startLoopbackEntra, type LoopbackEntra } from '../support/loopback-entra';
import { startLoopbackServer, type LoopbackServer } from '../support/loopback-server';
import { loadPlaygroundActivity, postActivity as postTo } from '../support/playground-activity';
import { playgroundTenant } from '../support/playground-people';
import { createTestCertificates } from '../support/test-certificates';
import { loopbackBotAuthEnvironment } from '../support/bot-auth-environment';

// The whole Bot Framework JWT path runs for real: botbuilder fetches OpenID metadata and keys from
// a loopback server, and the bot's reply gets its bearer token from a loopback https login server
// through MSAL. The bot runs in a child process because MSAL trusts the test CA only through
// NODE_EXTRA_CA_CERTS, which Node reads at start-up.

const APP_ID = 'c0ffee00-0000-4000-8000-000000000001';
const APP_PASSWORD = 'loopback-client-secret';
const APP_TENANT = 'test-tenant';
const ISSUER = 'https://api.botframework.com';
const KEY_ID = 'loopback-key-1';
const OUTBOUND_ACCESS_TOKEN = 'loopback-outbound-access-token';
const READY_PREFIX = 'bot host listening at ';

let workDir: string;
let signingKey: CryptoKey;
let publicKey: CryptoKey;
let strangerKey: CryptoKey;
let channel: LoopbackEntra;
let login: LoopbackEntra;
let connector: LoopbackServer;
let serviceUrl: string;
let bot: ChildProcessWithoutNullStreams;
let botOutput = '';
let messagesUrl: string;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'bot-auth-test-'));
  const certificates = createTestCertificates(workDir);

  ({ privateKey: signingKey, publicKey } = await generateKeyPair('RS256', { extractable: true }));
  ({ privateKey: strangerKey } = await generateKeyPair('RS256'));
  const jwk = await exportJWK(publicKey);

  // The Bot Framework channel's OpenID issuer, whose keys sign the tokens on incoming activities.
  channel = await startLoopbackEntra({
    tenant: 'channel',
    issuer: ISSUER,
    signingKeys: [{ ...jwk, kid: KEY_ID, use: 'sig', alg: 'RS256', endorsements: ['msteams'] }],
  });
  // The app's tenant, where the bot gets the token for its replies.
  login = await startLoopbackEntra({
    tenant: APP_TENANT,
    app: { clientId: APP_ID, clientSecret: APP_PASSWORD, accessToken: OUTBOUND_ACCESS_TOKEN },
    tls: certificates.tls,
  });

  connector = await startLoopbackServer(() => ({ status: 200, json: { id: 'reply-1' } }));
  serviceUrl = `${connector.origin}/_connector`;

  bot = spawn(
    process.execPath,
    ['--import', 'tsx', join(__dirname, 'support', 'bot-host-main.ts')],
    {
      cwd: join(__dirname, '..', '..'),
      env: {
        PATH: process.env.PATH,
        ...loopbackBotAuthEnvironment({
          caPath: certificates.caPath,
          app: { id: APP_ID, password: APP_PASSWORD, tenant: APP_TENANT },
          allowedTenants: playgroundTenant,
          channel,
          issuer: ISSUER,
          loginAuthority: login.authority,
        }),
      },
    },
  );
  bot.stderr.on('data', (chunk: Buffer) => (botOutput += chunk.toString('utf8')));
  messagesUrl = await new Promise<string>((resolve, reject) => {
    bot.once('exit', (code) => {
      reject(new Error(`bot host exited with ${String(code)}: ${botOutput}`));
    });
    createInterface({ input: bot.stdout }).on('line', (line) => {
      botOutput += `${line}\n`;
      if (line.startsWith(READY_PREFIX)) {
        resolve(line.slice(READY_PREFIX.length));
      }
    });
  });
});

afterEach(() => {
  connector.requests.length = 0;
  login.requests.length = 0;
});

afterAll(async () => {
  if (bot.exitCode === null) {
    const exited = new Promise((resolve) => bot.once('exit', resolve));
    bot.kill('SIGTERM');
    await exited;
  }
  await Promise.all([channel.close(), login.close(), connector.close()]);
  rmSync(workDir, { recursive: true, force: true });
});

function now(): number {
  return Math.floor(Date.now() / 1000);
}

function validClaims(): JWTPayload & { serviceurl: string } {
  return { iss: ISSUER, aud: APP_ID, serviceurl: serviceUrl, nbf: now() - 60, exp: now() + 3600 };
}

function signToken(
  claims: JWTPayload,
  key: CryptoKey | Uint8Array = signingKey,
  alg = 'RS256',
): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg, kid: KEY_ID, typ: 'JWT' }).sign(key);
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function helpActivity(changes: Record<string, unknown> = {}): Record<string, unknown> {
  return loadPlaygroundActivity('message.personal.json', serviceUrl, { text: 'help', ...changes });
}

function postActivity(
  authorization: string | undefined,
  activity = helpActivity(),
): Promise<Response> {
  return postTo(messagesUrl, activity, { authorization });
}

describe('Bot Framework authentication on loopback', () => {
  it('accepts a valid channel token, runs the bot and replies with a bearer token from MSAL', async () => {
    const response = await postActivity(`Bearer ${await signToken(validClaims())}`);

    expect(response.status, botOutput).toBe(200);
    expect(connector.requests, botOutput).toHaveLength(1);
    const [reply] = connector.requests;
    expect(reply?.path).toBe(
      '/_connector/v3/conversations/42d0ef45-2db6-4914-a99e-1e16041fb475/activities/d9308324-be99-4d86-9cbd-cd638f16588b',
    );
    expect(reply?.headers.authorization).toBe(`Bearer ${OUTBOUND_ACCESS_TOKEN}`);
    expect(reply?.body).toContain('Entra Connect migration assistant');

    const form = new URLSearchParams(login.tokenRequests()[0]?.body);
    expect(form.get('grant_type')).toBe('client_credentials');
    expect(form.get('scope')).toBe('https://api.botframework.com/.default');
  });

  const refused: [string, () => Promise<string | undefined>, Record<string, unknown>?][] = [
    ['no Authorization header', () => Promise.resolve(undefined)],
    [
      'the Basic scheme',
      () => Promise.resolve(`Basic ${Buffer.from(`${APP_ID}:${APP_PASSWORD}`).toString('base64')}`),
    ],
    [
      'a wrong issuer',
      async () => `Bearer ${await signToken({ ...validClaims(), iss: 'https://issuer.invalid' })}`,
    ],
    [
      'a wrong audience',
      async () => `Bearer ${await signToken({ ...validClaims(), aud: 'another-bot' })}`,
    ],
    [
      'a token expired beyond the 300 s clock skew',
      async () =>
        `Bearer ${await signToken({ ...validClaims(), nbf: now() - 4000, exp: now() - 400 })}`,
    ],
    [
      'a token not valid before a time beyond the clock skew',
      async () => `Bearer ${await signToken({ ...validClaims(), nbf: now() + 600 })}`,
    ],
    ['a bad signature', async () => `Bearer ${await signToken(validClaims(), strangerKey)}`],
    [
      'alg none with a known kid',
      () =>
        Promise.resolve(
          `Bearer ${base64url({ alg: 'none', kid: KEY_ID, typ: 'JWT' })}.${base64url(validClaims())}.`,
        ),
    ],
    [
      'HS256 signed with the public key',
      async () =>
        `Bearer ${await signToken(validClaims(), new TextEncoder().encode(await exportSPKI(publicKey)), 'HS256')}`,
    ],
    [
      'a serviceurl claim for another connector',
      async () => `Bearer ${await signToken({ ...validClaims(), serviceurl: `${serviceUrl}/` })}`,
    ],
    [
      'an activity without serviceUrl',
      async () => `Bearer ${await signToken(validClaims())}`,
      { serviceUrl: undefined },
    ],
  ];

  it.each(refused)(
    'answers 401 to %s and never reaches the connector',
    async (_, authorization, changes) => {
      const response = await postActivity(await authorization(), helpActivity(changes));

      expect(response.status, botOutput).toBe(401);
      expect(await response.text()).toBe('Unauthorized.');
      expect(connector.requests).toEqual([]);
      expect(login.requests).toEqual([]);
    },
  );
});
