import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chooseVersion } from '../../scripts/app-package.mjs';
import { GRAPH_COMMAND_LINE_TOOLS_CLIENT_ID } from '../../cli/publish-app-command';
import { startLoopbackAppCatalog, type LoopbackAppCatalog } from '../support/loopback-app-catalog';
import { startLoopbackEntra, type LoopbackEntra } from '../support/loopback-entra';
import { createTestCertificates, type TestCertificates } from '../support/test-certificates';

// npm run publish:app as an admin runs it, in a child process: MSAL signs the admin in with the
// device code flow against a loopback https Entra (trusted through NODE_EXTRA_CA_CERTS, read at
// process start), and the package goes to a loopback Graph app catalog that answers as Graph's
// reference pages say.

const root = fileURLToPath(new URL('../..', import.meta.url));
const TENANT = '84841066-274d-4ec0-a5c1-276be684bdd3';
const ACCESS_TOKEN = 'admin-graph-token-never-printed';
const ADMIN = 'teams.admin@contoso.onmicrosoft.com';

const values = {
  BOT_ID: '3f2a9c1e-7b4d-4e8a-9c6f-1d2e3f4a5b6c',
  APP_WEBSITE_URL: 'https://it.contoso.com/entra-connect-migration',
  APP_PRIVACY_URL: 'https://www.contoso.com/privacy',
  APP_TERMS_OF_USE_URL: 'https://it.contoso.com/terms',
};

let work: string;
let certificates: TestCertificates;
let entra: LoopbackEntra;
let catalog: LoopbackAppCatalog;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'publish-app-'));
  certificates = createTestCertificates(work);
  entra = await startLoopbackEntra({
    tenant: TENANT,
    deviceCodeApp: {
      clientId: GRAPH_COMMAND_LINE_TOOLS_CLIENT_ID,
      pendingPolls: 1,
      user: { username: ADMIN, objectId: 'a1b2c3d4-0000-4000-8000-0000000000a1', tenantId: TENANT },
      accessToken: ACCESS_TOKEN,
    },
    tls: certificates.tls,
  });
  catalog = await startLoopbackAppCatalog({ accessToken: ACCESS_TOKEN, tls: certificates.tls });
});

afterEach(() => {
  catalog.apps.length = 0;
  catalog.requests.length = 0;
  catalog.permit('AppCatalog.ReadWrite.All');
  catalog.failNext([]);
  entra.requests.length = 0;
});

afterAll(async () => {
  await entra.close();
  await catalog.close();
  rmSync(work, { recursive: true, force: true });
});

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs npm run publish:app's script with the package going to `dir`. */
function publish(
  dir: string,
  args: readonly string[] = [],
  extra: Readonly<Record<string, string>> = {},
): Promise<Run> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '',
    HOME: work,
    NODE_EXTRA_CA_CERTS: certificates.caPath,
    TEAMS_PUBLISH_TENANT: TENANT,
    TEAMS_PUBLISH_AUTHORITY_HOST: entra.origin,
    TEAMS_PUBLISH_GRAPH_ENDPOINT: catalog.origin,
    ...values,
    ...extra,
  };
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(root, 'cli/publish-app.ts'), ...args, join(dir, 'appPackage.zip')],
      { cwd: root, env, timeout: 60_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

function folder(name: string): string {
  return join(work, name);
}

function uploadedManifest(index: number): Record<string, unknown> {
  const write = catalog.writes()[index];
  expect(write).toBeDefined();
  const entry = unzipSync(new Uint8Array(write?.bytes ?? Buffer.alloc(0)))['manifest.json'];
  return JSON.parse(Buffer.from(entry ?? new Uint8Array()).toString('utf8')) as Record<
    string,
    unknown
  >;
}

describe('npm run publish:app', () => {
  it('signs the admin in with a device code and adds a new app to the catalog', async () => {
    const dir = folder('create');
    const run = await publish(dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);

    // The device code flow, with the delegated permission to publish, for Graph.
    const [deviceCode] = entra.deviceCodeRequests();
    const form = new URLSearchParams(deviceCode?.body);
    expect(form.get('client_id')).toBe(GRAPH_COMMAND_LINE_TOOLS_CLIENT_ID);
    expect(form.get('scope')?.split(' ')).toContain(`${catalog.origin}/AppCatalog.ReadWrite.All`);
    expect(run.stdout).toMatch(
      /open the page https:\/\/microsoft\.com\/devicelogin and enter the code LOOP\d{4}/,
    );
    expect(run.stdout).toContain(`Signed in as ${ADMIN}.`);
    expect(entra.tokenRequests().length).toBeGreaterThan(1);

    // One app, published at the base version, with the package's manifest id.
    expect(catalog.writes().map((write) => write.path)).toEqual(['/v1.0/appCatalogs/teamsApps']);
    expect(catalog.writes()[0]?.headers['content-type']).toBe('application/zip');
    const manifest = uploadedManifest(0);
    expect(manifest.version).toBe('1.0.0');
    expect(catalog.apps).toHaveLength(1);
    expect(catalog.apps[0]?.externalId).toBe(manifest.id);
    expect(catalog.apps[0]?.definitions.map((d) => [d.version, d.publishingState])).toEqual([
      ['1.0.0', 'published'],
    ]);
    expect(run.stdout).toContain(
      `Published Entra Connect Migration 1.0.0 in your organisation's app catalog (catalog id ${catalog.apps[0]?.id ?? ''}).`,
    );
    expect(run.stdout + run.stderr).not.toContain(ACCESS_TOKEN);
    // What the catalog received is the zip npm run package:app writes.
    const written = await readFile(join(dir, 'appPackage.zip'));
    expect(catalog.writes()[0]?.bytes.equals(written)).toBe(true);
  });

  it('adds a new, higher version to an app already in the catalog, and sends an unchanged one no more', async () => {
    const dir = folder('update');
    expect((await publish(dir)).code).toBe(0);
    const app = catalog.apps[0];
    // Meanwhile someone uploaded 1.0.3 by hand in the Teams admin center.
    app?.definitions.push({
      ...app.definitions[0]!,
      version: '1.0.3',
      publishingState: 'published',
    });

    const changed = await publish(dir, [], { APP_NAME_SUFFIX: ' (IT)' });
    expect(changed.stderr).toBe('');
    expect(changed.code).toBe(0);
    expect(catalog.writes().map((write) => write.path)).toEqual([
      '/v1.0/appCatalogs/teamsApps',
      `/v1.0/appCatalogs/teamsApps/${app?.id ?? ''}/appDefinitions`,
    ]);
    expect(uploadedManifest(1)).toMatchObject({ id: app?.externalId, version: '1.0.4' });
    expect(changed.stdout).toContain(
      'The catalog holds version 1.0.3: this package is version 1.0.4.',
    );
    expect(changed.stdout).toContain('Updated Entra Connect Migration (IT) 1.0.4');

    const again = await publish(dir, [], { APP_NAME_SUFFIX: ' (IT)' });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('nothing changed, nothing was sent');
    expect(catalog.writes()).toHaveLength(2);
    expect(catalog.apps).toHaveLength(1);
  });

  it("goes above the catalog's version from a machine with no record of earlier packages", async () => {
    const fresh = folder('fresh-machine');
    // The same app, published from another machine at the base version.
    expect((await publish(folder('other-machine'))).code).toBe(0);
    const run = await publish(fresh);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(uploadedManifest(1).version).toBe('1.0.1');
    expect(run.stdout).toContain('The catalog holds version 1.0.0: this package is version 1.0.1.');

    // The 1.0.1 an administrator rejected is not sent again as it is.
    const app = catalog.apps[0];
    const rejected = app?.definitions.find((definition) => definition.version === '1.0.1');
    expect(rejected).toBeDefined();
    if (rejected !== undefined) rejected.publishingState = 'rejected';
    const again = await publish(fresh);
    expect(again.code).toBe(0);
    expect(uploadedManifest(2).version).toBe('1.0.2');
    expect(app?.definitions.map((definition) => definition.publishingState)).toEqual([
      'published',
      'rejected',
      'published',
    ]);
  });

  it('submits for review with AppCatalog.Submit and says that admin approval is pending', async () => {
    catalog.permit('AppCatalog.Submit');
    const run = await publish(folder('review'), ['--submit-for-review']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const form = new URLSearchParams(entra.deviceCodeRequests()[0]?.body);
    expect(form.get('scope')?.split(' ')).toContain(`${catalog.origin}/AppCatalog.Submit`);
    expect(catalog.writes()[0]?.path).toBe('/v1.0/appCatalogs/teamsApps?requiresReview=true');
    expect(catalog.apps[0]?.definitions[0]?.publishingState).toBe('submitted');
    expect(run.stdout).toContain('for review');
    expect(run.stdout).toContain('admin approval is pending');
    expect(run.stdout).toContain('Teams admin center');

    // A new version while that one waits is refused before anything is sent.
    const next = await publish(folder('review'), ['--submit-for-review'], {
      APP_NAME_SUFFIX: ' (IT)',
    });
    expect(next.code).toBe(1);
    expect(next.stderr).toContain(
      'Version 1.0.0 of Entra Connect Migration still waits for review',
    );
    expect(catalog.writes()).toHaveLength(1);
  });

  it('says what rights are missing when Graph refuses, and waits out a throttled request', async () => {
    catalog.permit('AppCatalog.Submit');
    const refused = await publish(folder('forbidden'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Graph answered 403');
    expect(refused.stderr).toContain('Teams Administrator');
    expect(refused.stderr).toContain('--submit-for-review');
    expect(catalog.apps).toEqual([]);

    catalog.permit('AppCatalog.ReadWrite.All');
    catalog.failNext([
      {
        status: 429,
        headers: { 'retry-after': '1' },
        json: { error: { code: 'TooManyRequests', message: 'Too many requests' } },
      },
    ]);
    const throttled = await publish(folder('throttled'));
    expect(throttled.stderr).toBe('');
    expect(throttled.code).toBe(0);
    expect(catalog.apps).toHaveLength(1);
  });

  it('says who can consent when nobody has consented to the permission for the sign-in client', async () => {
    const unconsented = await startLoopbackEntra({
      tenant: TENANT,
      deviceCodeApp: {
        clientId: GRAPH_COMMAND_LINE_TOOLS_CLIENT_ID,
        pendingPolls: 0,
        user: {
          username: ADMIN,
          objectId: 'a1b2c3d4-0000-4000-8000-0000000000a1',
          tenantId: TENANT,
        },
        accessToken: ACCESS_TOKEN,
        unconsentedScopes: ['AppCatalog.ReadWrite.All'],
      },
      tls: certificates.tls,
    });
    try {
      const run = await publish(folder('unconsented'), [], {
        TEAMS_PUBLISH_AUTHORITY_HOST: unconsented.origin,
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('publish-app: the sign-in failed');
      expect(run.stderr).toContain('AADSTS65001');
      expect(run.stderr).toContain(
        'a Global Administrator or Privileged Role Administrator grants it',
      );
      expect(catalog.requests).toEqual([]);
    } finally {
      await unconsented.close();
    }
  });

  it('stops before the sign-in when the package cannot be built', async () => {
    const run = await publish(folder('unbuilt'), [], { APP_PRIVACY_URL: '' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('publish-app: no value for APP_PRIVACY_URL');
    expect(entra.requests).toEqual([]);
    expect(catalog.requests).toEqual([]);
  });
});

describe('chooseVersion', () => {
  const base = '1.0.0';
  it.each<[string, Parameters<typeof chooseVersion>[0], string]>([
    ['first package', { base, fingerprint: 'a' }, '1.0.0'],
    [
      'unchanged',
      { base, fingerprint: 'a', previous: { version: '1.0.2', fingerprint: 'a' } },
      '1.0.2',
    ],
    [
      'changed',
      { base, fingerprint: 'b', previous: { version: '1.0.2', fingerprint: 'a' } },
      '1.0.3',
    ],
    [
      'base raised',
      { base: '2.0.0', fingerprint: 'b', previous: { version: '1.0.2', fingerprint: 'a' } },
      '2.0.0',
    ],
    [
      'catalog ahead',
      {
        base,
        fingerprint: 'b',
        previous: { version: '1.0.2', fingerprint: 'a' },
        published: '1.0.7',
      },
      '1.0.8',
    ],
    ['first package, catalog has it', { base, fingerprint: 'a', published: '1.0.0' }, '1.0.1'],
    [
      // Sent again only when the catalog's copy is not this package's (rejected, or recorded on
      // another machine): above it.
      'unchanged, the catalog has that version',
      {
        base,
        fingerprint: 'a',
        previous: { version: '1.0.2', fingerprint: 'a' },
        published: '1.0.2',
      },
      '1.0.3',
    ],
    [
      'numbers, not text',
      { base, fingerprint: 'b', previous: { version: '1.0.9', fingerprint: 'a' } },
      '1.0.10',
    ],
  ])('%s', (_name, input, expected) => {
    expect(chooseVersion(input)).toBe(expected);
  });

  it('refuses a requested version the catalog already passed', () => {
    expect(() =>
      chooseVersion({ base, fingerprint: 'a', requested: '1.0.1', published: '1.0.1' }),
    ).toThrow(/not above 1\.0\.1/);
  });
});
