import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ConfigError, resetConfigCache } from '../../platform/config';
import { defined } from '../support/defined';
import { getGraphSyncFreshness, GraphSyncFreshness } from '../../platform/graph-sync-freshness';
import { startLoopbackEntra, type LoopbackEntra } from '../support/loopback-entra';
import {
  startLoopbackManagedIdentity,
  type LoopbackManagedIdentity,
} from '../support/loopback-managed-identity';
import {
  startScriptedGraphServer,
  type ScriptedGraphServer,
} from './support/scripted-graph-server';
import { createTestCertificates, type TestCertificates } from '../support/test-certificates';

// The whole path runs for real: MSAL discovers a loopback https authority (named in
// knownAuthorities, so it never asks the public cloud), gets a client-credentials token from it,
// and the product calls a loopback Graph. With the managed identity, MSAL asks a loopback App
// Service identity endpoint instead. The checks run in a child process because MSAL trusts the
// test CA only through NODE_EXTRA_CA_CERTS, which Node reads at start-up.

const TENANT = 'contoso.onmicrosoft.com';
const CLIENT_ID = '4a1b2c3d-0000-4000-8000-00000000abcd';
const CLIENT_SECRET = 'graph-loopback-client-secret';
const ACCESS_TOKEN = 'graph-loopback-access-token';
const LAST_SYNC = '2026-10-25T01:30:00Z';
const IDENTITY_CLIENT_ID = '7d3c2b1a-0000-4000-8000-0000000000aa';

let workDir: string;
let certificates: TestCertificates;
let authority: LoopbackEntra;
let graph: ScriptedGraphServer;
let identity: LoopbackManagedIdentity;

const organization = (lastSync: string | null, syncEnabled: boolean | null) => ({
  '@odata.context':
    'https://graph.microsoft.com/v1.0/$metadata#organization(id,onPremisesSyncEnabled,onPremisesLastSyncDateTime)',
  value: [
    {
      id: '84841066-274d-4ec0-a5c1-276be684bdd3',
      onPremisesSyncEnabled: syncEnabled,
      onPremisesLastSyncDateTime: lastSync,
    },
  ],
});

const syncedTenant = { status: 200, body: organization(LAST_SYNC, true) };

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'graph-freshness-test-'));
  certificates = createTestCertificates(workDir);
  authority = await startLoopbackEntra({
    tenant: TENANT,
    app: {
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      certificate: certificates.appCertificate,
      accessToken: ACCESS_TOKEN,
    },
    tls: certificates.tls,
  });
  graph = await startScriptedGraphServer(certificates.tls);
  identity = await startLoopbackManagedIdentity({ clientIds: [IDENTITY_CLIENT_ID] });
});

afterEach(() => {
  authority.requests.length = 0;
  graph.requests.length = 0;
  identity.requests.length = 0;
  identity.issued.length = 0;
  identity.setUnavailable(false);
});

afterAll(async () => {
  await Promise.all([authority.close(), graph.close(), identity.close()]);
  rmSync(workDir, { recursive: true, force: true });
});

const childOutputSchema = z.object({
  results: z.array(z.unknown()),
  logs: z.array(z.record(z.string(), z.unknown())),
});

interface ChildRun extends z.infer<typeof childOutputSchema> {
  /** Everything the child printed, to search for secrets. */
  readonly output: string;
}

/** Runs `checks` checks with one GraphSyncFreshness in a child process started with the test CA. */
async function runChild(checks: number, settings: Record<string, string>): Promise<ChildRun> {
  const { stdout, stderr } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', join(__dirname, 'support', 'graph-check-main.ts'), String(checks)],
    {
      cwd: join(__dirname, '..', '..'),
      env: {
        PATH: process.env.PATH,
        NODE_EXTRA_CA_CERTS: certificates.caPath,
        GRAPH_ENDPOINT: graph.origin,
        ...settings,
      },
    },
  );
  return { ...childOutputSchema.parse(JSON.parse(stdout)), output: `${stdout}${stderr}` };
}

/** Checks through the app registration with its client secret, unless `settings` change it. */
function runChecks(checks = 1, settings: Record<string, string> = {}): Promise<ChildRun> {
  return runChild(checks, {
    GRAPH_TENANT_ID: TENANT,
    GRAPH_CLIENT_ID: CLIENT_ID,
    GRAPH_CLIENT_SECRET: CLIENT_SECRET,
    GRAPH_AUTHORITY_HOST: authority.origin,
    ...settings,
  });
}

/** Checks through the managed identity, as the function app's settings set it. */
function runManagedIdentityChecks(
  checks = 1,
  settings: Record<string, string> = {},
): Promise<ChildRun> {
  return runChild(checks, {
    ...identity.env,
    GRAPH_MANAGED_IDENTITY_CLIENT_ID: IDENTITY_CLIENT_ID,
    ...settings,
  });
}

describe('GraphSyncFreshness through MSAL on loopback', () => {
  it('reports the last sync of a synced tenant', async () => {
    graph.script([], syncedTenant);

    const run = await runChecks();

    expect(run.results).toEqual([{ ok: true, lastSyncAt: LAST_SYNC, syncEnabled: true }]);
    expect(authority.requests.map((request) => `${request.method} ${request.pathname}`)).toEqual([
      `GET /${TENANT}/v2.0/.well-known/openid-configuration`,
      `POST /${TENANT}/oauth2/v2.0/token`,
    ]);
    const form = new URLSearchParams(authority.tokenRequests()[0]?.body);
    expect(form.get('grant_type')).toBe('client_credentials');
    expect(form.get('scope')).toBe(`${graph.origin}/.default`);
    expect(graph.requests).toHaveLength(1);
    const [read] = graph.requests;
    expect(read?.method).toBe('GET');
    expect(read?.url.pathname).toBe('/v1.0/organization');
    expect(read?.url.searchParams.get('$select')).toBe(
      'id,onPremisesSyncEnabled,onPremisesLastSyncDateTime',
    );
    expect(read?.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(run.logs).toEqual([]);
  });

  it('reports no sync for a cloud-only tenant, as in the published example', async () => {
    graph.script([], { status: 200, body: organization(null, null) });

    const run = await runChecks();

    expect(run.results).toEqual([{ ok: true, lastSyncAt: null, syncEnabled: null }]);
  });

  it('keeps the token: a second check makes no second token request', async () => {
    graph.script([], syncedTenant);

    const run = await runChecks(2);

    expect(run.results).toHaveLength(2);
    expect(run.results[1]).toEqual({ ok: true, lastSyncAt: LAST_SYNC, syncEnabled: true });
    expect(authority.tokenRequests()).toHaveLength(1);
    expect(graph.requests.map((request) => request.authorization)).toEqual([
      `Bearer ${ACCESS_TOKEN}`,
      `Bearer ${ACCESS_TOKEN}`,
    ]);
  });

  it('is unauthorized when the token endpoint refuses the client, and never shows the secret', async () => {
    graph.script([], syncedTenant);
    const wrongSecret = 'wrong-secret-never-to-be-printed';

    const run = await runChecks(1, { GRAPH_CLIENT_SECRET: wrongSecret });

    expect(run.results).toEqual([{ ok: false, problem: 'unauthorized' }]);
    expect(graph.requests).toHaveLength(0);
    expect(run.logs).toEqual([
      {
        message: 'Graph token request failed',
        problem: 'unauthorized',
        errorCode: 'invalid_client',
        status: 401,
      },
    ]);
    expect(run.output).not.toContain(wrongSecret);
    expect(new URLSearchParams(authority.tokenRequests()[0]?.body).get('client_secret')).toBe(
      wrongSecret,
    );
  });

  it.each([
    { status: 403, problem: 'forbidden' },
    { status: 401, problem: 'unauthorized' },
    { status: 404, problem: 'unavailable' },
  ])('is $problem when Graph answers $status, without retrying', async ({ status, problem }) => {
    graph.script([], { status, body: { error: { code: 'Authorization_RequestDenied' } } });

    const run = await runChecks();

    expect(run.results).toEqual([{ ok: false, problem }]);
    expect(graph.requests).toHaveLength(1);
    expect(run.logs).toEqual([
      expect.objectContaining({ problem, status, attempt: 1, graphRequestId: 'graph-request-1' }),
    ]);
    expect(run.output).not.toContain(ACCESS_TOKEN);
    expect(run.output).not.toContain(CLIENT_SECRET);
  });

  it('retries after a 429, waiting as long as Retry-After asks', async () => {
    graph.script([{ status: 429, headers: { 'retry-after': '1' } }], syncedTenant);

    const run = await runChecks();

    expect(run.results).toEqual([{ ok: true, lastSyncAt: LAST_SYNC, syncEnabled: true }]);
    const [first, second] = graph.requests;
    expect(graph.requests).toHaveLength(2);
    expect(
      defined(second, 'the retry').receivedAt - defined(first, 'the first request').receivedAt,
    ).toBeGreaterThanOrEqual(950);
    expect(authority.tokenRequests()).toHaveLength(1);
  });

  it('is throttled after three 429 answers', async () => {
    graph.script([], { status: 429, headers: { 'retry-after': '0' } });

    const run = await runChecks();

    expect(run.results).toEqual([{ ok: false, problem: 'throttled' }]);
    expect(graph.requests).toHaveLength(3);
  });

  it('gives up at once when Retry-After asks for longer than it may wait', async () => {
    graph.script([{ status: 429, headers: { 'retry-after': '120' } }], syncedTenant);

    const run = await runChecks();

    expect(run.results).toEqual([{ ok: false, problem: 'throttled' }]);
    expect(graph.requests).toHaveLength(1);
  });

  it('is unavailable when Graph keeps failing with 5xx, and recovers when it comes back', async () => {
    const unavailable = { status: 503, headers: { 'retry-after': '0' } };
    graph.script([unavailable, unavailable, unavailable, unavailable], syncedTenant);

    const run = await runChecks(2);

    expect(run.results).toEqual([
      { ok: false, problem: 'unavailable' },
      { ok: true, lastSyncAt: LAST_SYNC, syncEnabled: true },
    ]);
    expect(graph.requests).toHaveLength(5);
  });

  it('is malformed when the body is not JSON or not an organization page', async () => {
    const wrongShape = {
      value: [{ id: 'org', onPremisesSyncEnabled: true, onPremisesLastSyncDateTime: 'yesterday' }],
    };
    graph.script(
      [
        { status: 200, body: '<html>Service gateway</html>' },
        { status: 200, body: wrongShape },
        { status: 200, body: { value: [] } },
      ],
      syncedTenant,
    );

    const run = await runChecks(3);

    expect(run.results).toEqual([
      { ok: false, problem: 'malformed' },
      { ok: false, problem: 'malformed' },
      { ok: false, problem: 'malformed' },
    ]);
    expect(graph.requests).toHaveLength(3);
  });

  it('signs in with a certificate (PS256 client assertion), thumbprint given with colons', async () => {
    graph.script([], syncedTenant);
    const thumbprint = new X509Certificate(certificates.appCertificate).fingerprint256;

    const run = await runChecks(1, {
      GRAPH_CLIENT_SECRET: '',
      GRAPH_CERTIFICATE_THUMBPRINT_SHA256: thumbprint,
      GRAPH_CERTIFICATE_PRIVATE_KEY_PATH: certificates.appKeyPath,
    });

    expect(run.results).toEqual([{ ok: true, lastSyncAt: LAST_SYNC, syncEnabled: true }]);
    const form = new URLSearchParams(authority.tokenRequests()[0]?.body);
    expect(form.get('client_secret')).toBeNull();
    expect(form.get('client_assertion')).not.toBeNull();
  });

  it('is unauthorized when the certificate is not the registered one', async () => {
    graph.script([], syncedTenant);

    const run = await runChecks(1, {
      GRAPH_CLIENT_SECRET: '',
      GRAPH_CERTIFICATE_THUMBPRINT_SHA256: 'AB'.repeat(32),
      GRAPH_CERTIFICATE_PRIVATE_KEY_PATH: certificates.appKeyPath,
    });

    expect(run.results).toEqual([{ ok: false, problem: 'unauthorized' }]);
    expect(run.logs).toEqual([expect.objectContaining({ errorCode: 'invalid_client' })]);
  });

  it('is unavailable when the authority is not trusted (no test CA), and sends nothing to Graph', async () => {
    graph.script([], syncedTenant);

    const run = await runChecks(1, { NODE_EXTRA_CA_CERTS: '' });

    expect(run.results).toEqual([{ ok: false, problem: 'unavailable' }]);
    expect(run.logs).toEqual([
      expect.objectContaining({ problem: 'unavailable', errorCode: 'endpoints_resolution_error' }),
    ]);
    expect(authority.tokenRequests()).toHaveLength(0);
    expect(graph.requests).toHaveLength(0);
  });
});

describe('GraphSyncFreshness through the managed identity on loopback', () => {
  it('reads the last sync with a token the identity endpoint issued for Graph', async () => {
    graph.script([], syncedTenant);

    const run = await runManagedIdentityChecks();

    expect(run.results).toEqual([{ ok: true, lastSyncAt: LAST_SYNC, syncEnabled: true }]);
    expect(identity.tokenRequests()).toEqual([
      {
        method: 'GET',
        pathname: '/msi/token',
        apiVersion: '2019-08-01',
        resource: graph.origin,
        clientId: IDENTITY_CLIENT_ID,
        identityHeader: identity.env.IDENTITY_HEADER,
      },
    ]);
    expect(identity.requests).toHaveLength(1);
    expect(authority.requests).toEqual([]);
    expect(graph.requests.map((request) => request.authorization)).toEqual([
      `Bearer ${String(identity.issued[0])}`,
    ]);
    expect(run.logs).toEqual([]);
    expect(run.output).not.toContain(identity.env.IDENTITY_HEADER);
    expect(run.output).not.toContain(String(identity.issued[0]));
  });

  it('keeps the token: a second check makes no second token request', async () => {
    graph.script([], syncedTenant);

    const run = await runManagedIdentityChecks(2);

    expect(run.results).toEqual([
      { ok: true, lastSyncAt: LAST_SYNC, syncEnabled: true },
      { ok: true, lastSyncAt: LAST_SYNC, syncEnabled: true },
    ]);
    expect(identity.tokenRequests()).toHaveLength(1);
    const bearer = `Bearer ${String(identity.issued[0])}`;
    expect(graph.requests.map((request) => request.authorization)).toEqual([bearer, bearer]);
  });

  it('is unauthorized when the identity endpoint does not know the client id, and shows no secret', async () => {
    graph.script([], syncedTenant);
    const strangerId = '00000000-0000-4000-8000-000000000bad';

    const run = await runManagedIdentityChecks(1, { GRAPH_MANAGED_IDENTITY_CLIENT_ID: strangerId });

    expect(run.results).toEqual([{ ok: false, problem: 'unauthorized' }]);
    expect(identity.tokenRequests().map((request) => request.clientId)).toEqual([strangerId]);
    expect(graph.requests).toHaveLength(0);
    expect(run.logs).toEqual([
      {
        message: 'Graph token request failed',
        problem: 'unauthorized',
        errorCode: 'unknown',
        status: 400,
      },
    ]);
    expect(run.output).not.toContain(identity.env.IDENTITY_HEADER);
  });

  it('is unavailable when the identity endpoint keeps failing, after MSAL retried, and shows no secret', async () => {
    graph.script([], syncedTenant);
    identity.setUnavailable(true);

    const run = await runManagedIdentityChecks();

    expect(run.results).toEqual([{ ok: false, problem: 'unavailable' }]);
    // msal-node retries a 500 from the managed identity endpoint three times, a second apart.
    expect(identity.tokenRequests()).toHaveLength(4);
    expect(graph.requests).toHaveLength(0);
    expect(run.logs).toEqual([
      {
        message: 'Graph token request failed',
        problem: 'unavailable',
        errorCode: 'unknown',
        status: 500,
      },
    ]);
    expect(run.output).not.toContain(identity.env.IDENTITY_HEADER);
  });

  it('is unauthorized when IDENTITY_HEADER is wrong, and shows neither value', async () => {
    graph.script([], syncedTenant);
    const wrongHeader = 'wrong-identity-header-never-to-be-printed';

    const run = await runManagedIdentityChecks(1, { IDENTITY_HEADER: wrongHeader });

    expect(run.results).toEqual([{ ok: false, problem: 'unauthorized' }]);
    expect(identity.tokenRequests().map((request) => request.identityHeader)).toEqual([
      wrongHeader,
    ]);
    expect(run.logs).toEqual([expect.objectContaining({ problem: 'unauthorized', status: 401 })]);
    expect(run.output).not.toContain(wrongHeader);
    expect(run.output).not.toContain(identity.env.IDENTITY_HEADER);
  });
});

describe('getGraphSyncFreshness', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    resetConfigCache();
  });

  it('is undefined when Graph is not configured', () => {
    for (const name of ['GRAPH_TENANT_ID', 'GRAPH_CLIENT_ID', 'GRAPH_CLIENT_SECRET']) {
      vi.stubEnv(name, '');
    }

    expect(getGraphSyncFreshness()).toBeUndefined();
  });

  it('keeps one reader (one MSAL client) per process until the settings are read again', () => {
    vi.stubEnv('GRAPH_TENANT_ID', TENANT);
    vi.stubEnv('GRAPH_CLIENT_ID', CLIENT_ID);
    vi.stubEnv('GRAPH_CLIENT_SECRET', CLIENT_SECRET);

    const first = getGraphSyncFreshness();

    expect(first).toBeDefined();
    expect(getGraphSyncFreshness()).toBe(first);
    resetConfigCache();
    expect(getGraphSyncFreshness()).not.toBe(first);
  });
});

describe('GraphSyncFreshness with a certificate it cannot read', () => {
  it('throws a ConfigError naming the key setting, not the path', () => {
    const keyPath = join(workDir, 'missing-key.pem');
    const settings = {
      tenantId: TENANT,
      clientId: CLIENT_ID,
      credential: {
        kind: 'certificate',
        thumbprintSha256: 'AB'.repeat(32),
        privateKeyPath: keyPath,
      },
      authorityHost: authority.origin,
      graphEndpoint: graph.origin,
    } as const;

    expect(() => new GraphSyncFreshness(settings)).toThrow(
      new ConfigError([
        'GRAPH_CERTIFICATE_PRIVATE_KEY_PATH must name a readable, unencrypted PEM private key',
      ]),
    );
  });
});
