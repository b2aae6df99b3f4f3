import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ConfigError,
  getGraphSettings,
  loadGraphSettings,
  resetConfigCache,
} from '../../../platform/config';
import { configProblems } from './support/config-problems';
import { defined } from '../../support/defined';

const SECRET = 'do-not-print-this-graph-secret';
const TENANT_ID = '9f8e7d6c-0000-4000-8000-000000000001';
const CLIENT_ID = '4a1b2c3d-0000-4000-8000-00000000abcd';
const KEY_PATH = '/secrets/graph-app-key.pem';
const THUMBPRINT = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';

const withSecret = {
  GRAPH_TENANT_ID: TENANT_ID,
  GRAPH_CLIENT_ID: CLIENT_ID,
  GRAPH_CLIENT_SECRET: SECRET,
};

function problemsOf(env: Record<string, string>): readonly string[] {
  return configProblems(
    loadGraphSettings,
    env,
    Object.values(env).filter((value) => value.length > 3),
  );
}

describe('loadGraphSettings', () => {
  it('turns Graph off when no GRAPH_* setting is given, or all are blank', () => {
    expect(loadGraphSettings({})).toBeUndefined();
    expect(
      loadGraphSettings({ MicrosoftAppId: 'app', GRAPH_TENANT_ID: ' ', GRAPH_CLIENT_SECRET: '' }),
    ).toBeUndefined();
  });

  it('reads a client secret with the public cloud defaults', () => {
    expect(loadGraphSettings(withSecret)).toEqual({
      tenantId: TENANT_ID,
      clientId: CLIENT_ID,
      credential: { kind: 'secret', clientSecret: SECRET },
      authorityHost: 'https://login.microsoftonline.com',
      graphEndpoint: 'https://graph.microsoft.com',
    });
  });

  it('reads a certificate and a national cloud, normalising the thumbprint and trailing slashes', () => {
    const settings = loadGraphSettings({
      GRAPH_TENANT_ID: 'contoso.onmicrosoft.us',
      GRAPH_CLIENT_ID: CLIENT_ID,
      GRAPH_CERTIFICATE_THUMBPRINT_SHA256: defined(
        THUMBPRINT.match(/../g),
        'the thumbprint in pairs',
      ).join(':'),
      GRAPH_CERTIFICATE_PRIVATE_KEY_PATH: KEY_PATH,
      GRAPH_AUTHORITY_HOST: 'https://login.microsoftonline.us/',
      GRAPH_ENDPOINT: 'https://graph.microsoft.us/',
    });

    expect(settings).toEqual({
      tenantId: 'contoso.onmicrosoft.us',
      clientId: CLIENT_ID,
      credential: {
        kind: 'certificate',
        thumbprintSha256: THUMBPRINT.toUpperCase(),
        privateKeyPath: KEY_PATH,
      },
      authorityHost: 'https://login.microsoftonline.us',
      graphEndpoint: 'https://graph.microsoft.us',
    });
  });

  it('names every missing setting of a partial configuration, never a value', () => {
    expect(problemsOf({ GRAPH_CLIENT_SECRET: SECRET })).toEqual([
      'GRAPH_TENANT_ID, GRAPH_CLIENT_ID must be set too when Microsoft Graph is configured',
    ]);
    expect(problemsOf({ GRAPH_TENANT_ID: TENANT_ID, GRAPH_CLIENT_ID: CLIENT_ID })).toEqual([
      'GRAPH_CLIENT_SECRET (or GRAPH_CERTIFICATE_THUMBPRINT_SHA256 with GRAPH_CERTIFICATE_PRIVATE_KEY_PATH) must be set too when Microsoft Graph is configured',
    ]);
    expect(problemsOf({ GRAPH_ENDPOINT: 'https://graph.microsoft.com' })).toEqual([
      expect.stringMatching(/^GRAPH_TENANT_ID, GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET \(or /),
    ]);
  });

  it('names the other half of a certificate credential', () => {
    const base = { GRAPH_TENANT_ID: TENANT_ID, GRAPH_CLIENT_ID: CLIENT_ID };

    expect(problemsOf({ ...base, GRAPH_CERTIFICATE_THUMBPRINT_SHA256: THUMBPRINT })).toEqual([
      'GRAPH_CERTIFICATE_PRIVATE_KEY_PATH must be set too when Microsoft Graph is configured',
    ]);
    expect(problemsOf({ ...base, GRAPH_CERTIFICATE_PRIVATE_KEY_PATH: KEY_PATH })).toEqual([
      'GRAPH_CERTIFICATE_THUMBPRINT_SHA256 must be set too when Microsoft Graph is configured',
    ]);
  });

  it('refuses two credentials at once', () => {
    expect(
      problemsOf({
        ...withSecret,
        GRAPH_CERTIFICATE_THUMBPRINT_SHA256: THUMBPRINT,
        GRAPH_CERTIFICATE_PRIVATE_KEY_PATH: KEY_PATH,
      }),
    ).toEqual([
      'GRAPH_CLIENT_SECRET and the GRAPH_CERTIFICATE_* settings are exclusive: set one credential',
    ]);
  });

  it('names invalid values without showing them', () => {
    expect(
      problemsOf({
        GRAPH_TENANT_ID: 'common',
        GRAPH_CLIENT_ID: 'my-graph-app',
        GRAPH_CERTIFICATE_THUMBPRINT_SHA256: 'sha1-looking-0123456789abcdef',
        GRAPH_CERTIFICATE_PRIVATE_KEY_PATH: KEY_PATH,
        GRAPH_AUTHORITY_HOST: 'http://login.example.test',
        GRAPH_ENDPOINT: 'https://graph.example.test/v1.0',
      }),
    ).toEqual([
      'GRAPH_TENANT_ID must be the tenant id or one of its domain names',
      'GRAPH_CLIENT_ID must be the application (client) id, a GUID',
      'GRAPH_CERTIFICATE_THUMBPRINT_SHA256 must be a SHA-256 thumbprint (64 hex digits)',
      'GRAPH_AUTHORITY_HOST must be an https URL without a path',
      'GRAPH_ENDPOINT must be an https URL without a path',
    ]);
  });
});

describe('loadGraphSettings with the managed identity', () => {
  const IDENTITY_CLIENT_ID = '7d3c2b1a-0000-4000-8000-0000000000aa';

  it('reads the identity client id with the public Graph endpoint, or a national one', () => {
    expect(loadGraphSettings({ GRAPH_MANAGED_IDENTITY_CLIENT_ID: IDENTITY_CLIENT_ID })).toEqual({
      credential: { kind: 'managed-identity', clientId: IDENTITY_CLIENT_ID },
      graphEndpoint: 'https://graph.microsoft.com',
    });
    expect(
      loadGraphSettings({
        GRAPH_MANAGED_IDENTITY_CLIENT_ID: IDENTITY_CLIENT_ID,
        GRAPH_ENDPOINT: 'https://graph.microsoft.us/',
      }),
    ).toEqual({
      credential: { kind: 'managed-identity', clientId: IDENTITY_CLIENT_ID },
      graphEndpoint: 'https://graph.microsoft.us',
    });
  });

  it('refuses it mixed with the app registration settings, naming them and no value', () => {
    expect(
      problemsOf({
        ...withSecret,
        GRAPH_MANAGED_IDENTITY_CLIENT_ID: IDENTITY_CLIENT_ID,
        GRAPH_AUTHORITY_HOST: 'https://login.microsoftonline.us',
      }),
    ).toEqual([
      'GRAPH_MANAGED_IDENTITY_CLIENT_ID and GRAPH_TENANT_ID, GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET, GRAPH_AUTHORITY_HOST are exclusive: the managed identity needs no tenant, app registration, secret, certificate or authority',
    ]);
    expect(
      problemsOf({
        GRAPH_MANAGED_IDENTITY_CLIENT_ID: IDENTITY_CLIENT_ID,
        GRAPH_CERTIFICATE_PRIVATE_KEY_PATH: KEY_PATH,
      }),
    ).toEqual([
      'GRAPH_MANAGED_IDENTITY_CLIENT_ID and GRAPH_CERTIFICATE_PRIVATE_KEY_PATH are exclusive: the managed identity needs no tenant, app registration, secret, certificate or authority',
    ]);
  });

  it('names a client id that is not a GUID and a Graph endpoint with a path, without showing them', () => {
    expect(
      problemsOf({
        GRAPH_MANAGED_IDENTITY_CLIENT_ID: 'id-contoso-migration',
        GRAPH_ENDPOINT: 'https://graph.example.test/v1.0',
      }),
    ).toEqual([
      "GRAPH_MANAGED_IDENTITY_CLIENT_ID must be the managed identity's client id, a GUID",
      'GRAPH_ENDPOINT must be an https URL without a path',
    ]);
  });
});

describe('getGraphSettings', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    resetConfigCache();
  });

  it('reads process.env once, remembers that Graph is off, and reads again after a reset', () => {
    vi.stubEnv('GRAPH_TENANT_ID', '');
    vi.stubEnv('GRAPH_CLIENT_ID', '');
    vi.stubEnv('GRAPH_CLIENT_SECRET', '');

    expect(getGraphSettings()).toBeUndefined();
    vi.stubEnv('GRAPH_TENANT_ID', TENANT_ID);
    vi.stubEnv('GRAPH_CLIENT_ID', CLIENT_ID);
    vi.stubEnv('GRAPH_CLIENT_SECRET', SECRET);
    expect(getGraphSettings()).toBeUndefined();

    resetConfigCache();
    const settings = getGraphSettings();
    expect(settings?.credential).toEqual({ kind: 'secret', clientSecret: SECRET });
    expect(getGraphSettings()).toBe(settings);
  });

  it('throws a ConfigError for a partial configuration when first asked, not at import', () => {
    vi.stubEnv('GRAPH_CLIENT_SECRET', SECRET);

    expect(() => getGraphSettings()).toThrow(ConfigError);
  });
});
