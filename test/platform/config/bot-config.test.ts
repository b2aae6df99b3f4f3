import { afterEach, describe, expect, it } from 'vitest';
import { getConfig, loadConfig, resetConfigCache } from '../../../platform/config';
import { configProblems } from './support/config-problems';

const SECRET = 'do-not-print-this-secret';

const singleTenant = {
  MicrosoftAppId: 'app-id',
  MicrosoftAppPassword: SECRET,
  MicrosoftAppTenantId: 'bot-tenant',
  MicrosoftAppType: 'SingleTenant',
  ALLOWED_TENANT_IDS: 'tenant-a',
};

const loopbackEndpoints = {
  ToBotFromChannelOpenIdMetadataUrl: 'http://127.0.0.1:1/openid',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  ToBotFromEmulatorOpenIdMetadataUrl: 'http://127.0.0.1:1/emulator',
  ToChannelFromBotLoginUrl: 'https://127.0.0.1:2/tenant',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  OAuthUrl: 'http://127.0.0.1:1/oauth',
};

function problemsOf(env: Record<string, string>): readonly string[] {
  return configProblems(loadConfig, env, [SECRET]);
}

describe('loadConfig', () => {
  it('turns auth off and serves any tenant when nothing is set (local Playground)', () => {
    expect(loadConfig({})).toEqual({ auth: { mode: 'off' }, allowedTenantIds: [] });
  });

  it('treats blank settings as unset, as local.settings.example.json has them', () => {
    const config = loadConfig({
      MicrosoftAppId: '',
      MicrosoftAppType: 'SingleTenant',
      ALLOWED_TENANT_IDS: ' ',
    });

    expect(config).toEqual({ auth: { mode: 'off' }, allowedTenantIds: [] });
  });

  it('splits ALLOWED_TENANT_IDS and keeps ids as opaque strings', () => {
    const config = loadConfig({
      ALLOWED_TENANT_IDS: ' 00000000-0000-0000-0000-0000000000001 ,, tenant-b',
    });

    expect(config.allowedTenantIds).toEqual(['00000000-0000-0000-0000-0000000000001', 'tenant-b']);
  });

  it('reads a single-tenant bot with the public cloud defaults', () => {
    expect(loadConfig(singleTenant)).toEqual({
      auth: {
        mode: 'bot-framework',
        appId: 'app-id',
        appType: 'SingleTenant',
        appPassword: SECRET,
        appTenantId: 'bot-tenant',
      },
      allowedTenantIds: ['tenant-a'],
    });
  });

  it('accepts the app type in any case and normalises it', () => {
    const config = loadConfig({
      MicrosoftAppId: 'app-id',
      MicrosoftAppTenantId: 'bot-tenant',
      MicrosoftAppType: 'userassignedmsi',
      ALLOWED_TENANT_IDS: 'tenant-a',
    });

    expect(config.auth).toMatchObject({ mode: 'bot-framework', appType: 'UserAssignedMSI' });
  });

  it('reads the endpoint overrides botbuilder uses', () => {
    const config = loadConfig({
      ...singleTenant,
      ...loopbackEndpoints,
      ValidateAuthority: 'false',
    });

    expect(config.auth).toMatchObject({
      endpoints: { ...loopbackEndpoints, ValidateAuthority: false },
    });
  });

  it.each([
    [
      { ...singleTenant, MicrosoftAppType: '' },
      'MicrosoftAppType is required when MicrosoftAppId is set',
    ],
    [
      { ...singleTenant, MicrosoftAppType: 'Shared' },
      'MicrosoftAppType must be SingleTenant, MultiTenant or UserAssignedMSI',
    ],
    [
      { ...singleTenant, MicrosoftAppPassword: '' },
      'MicrosoftAppPassword is required when MicrosoftAppType is SingleTenant',
    ],
    [
      { ...singleTenant, MicrosoftAppTenantId: '' },
      'MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant',
    ],
    [
      { ...singleTenant, MicrosoftAppType: 'MultiTenant', MicrosoftAppPassword: '' },
      'MicrosoftAppPassword is required when MicrosoftAppType is MultiTenant',
    ],
    [
      { ...singleTenant, MicrosoftAppType: 'UserAssignedMSI' },
      'MicrosoftAppPassword must be empty when MicrosoftAppType is UserAssignedMSI',
    ],
    [
      { ...singleTenant, ALLOWED_TENANT_IDS: '' },
      'ALLOWED_TENANT_IDS is required when MicrosoftAppId is set',
    ],
    [{ MicrosoftAppPassword: SECRET }, 'MicrosoftAppPassword is set but MicrosoftAppId is empty'],
    [
      { ...singleTenant, ValidateAuthority: 'maybe', ...loopbackEndpoints },
      'ValidateAuthority must be true or false',
    ],
    [
      { ...singleTenant, ...loopbackEndpoints, OAuthUrl: SECRET },
      'OAuthUrl must be an http(s) URL',
    ],
  ])('refuses %j, naming the setting', (env, problem) => {
    expect(problemsOf(env)).toContain(problem);
  });

  it('names every endpoint missing from a partial override, since botbuilder would leave them undefined', () => {
    const problems = problemsOf({
      ...singleTenant,
      ToBotFromChannelOpenIdMetadataUrl: 'http://127.0.0.1:1/openid',
    });

    expect(problems).toEqual([
      'ToBotFromEmulatorOpenIdMetadataUrl, ToChannelFromBotLoginUrl, OAuthUrl, ToBotFromChannelTokenIssuer, ToChannelFromBotOAuthScope must be set too when any Bot Framework endpoint is overridden',
    ]);
  });

  it('reports all problems at once', () => {
    expect(problemsOf({ MicrosoftAppId: 'app-id', MicrosoftAppType: 'SingleTenant' })).toHaveLength(
      3,
    );
  });
});

describe('getConfig', () => {
  const saved = process.env.ALLOWED_TENANT_IDS;

  afterEach(() => {
    if (saved === undefined) {
      delete process.env.ALLOWED_TENANT_IDS;
    } else {
      process.env.ALLOWED_TENANT_IDS = saved;
    }
    resetConfigCache();
  });

  it('reads process.env once and keeps the result until the cache is reset', () => {
    process.env.ALLOWED_TENANT_IDS = 'first';
    resetConfigCache();
    expect(getConfig().allowedTenantIds).toEqual(['first']);

    process.env.ALLOWED_TENANT_IDS = 'second';
    expect(getConfig().allowedTenantIds).toEqual(['first']);

    resetConfigCache();
    expect(getConfig().allowedTenantIds).toEqual(['second']);
  });
});
