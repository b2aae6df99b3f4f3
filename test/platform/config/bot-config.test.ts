import { afterEach, describe, expect, it, vi } from 'vitest';
import { localOnlySettings } from '../../../local/local-only-settings';
import {
  getConfig,
  LOCAL_AUTH_OFF,
  LOCAL_AUTH_SETTING,
  loadConfig,
  resetConfigCache,
} from '../../../platform/config';
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

const localOnly = { [LOCAL_AUTH_SETTING]: LOCAL_AUTH_OFF };
const noBotId =
  "MicrosoftAppId is required (the bot's app id, with MicrosoftAppType); to run without Bot Framework authentication on a developer machine, set BOT_AUTHENTICATION=off-local-only instead (never in Azure)";

describe('loadConfig without a bot id', () => {
  it.each([
    ['nothing set', {}],
    [
      'a blank bot id and the other bot settings',
      { MicrosoftAppId: ' ', MicrosoftAppType: 'SingleTenant' },
    ],
    ['tenants but no bot id', { ALLOWED_TENANT_IDS: 'tenant-a' }],
  ])('refuses to turn authentication off with %s, naming the setting to set', (_, env) => {
    expect(problemsOf(env)).toEqual([noBotId]);
  });

  it('turns auth off and serves any tenant with the local-only setting (local Playground)', () => {
    expect(loadConfig(localOnly)).toEqual({ auth: { mode: 'off' }, allowedTenantIds: [] });
  });

  it('takes the local-only setting in any case', () => {
    expect(loadConfig({ BOT_AUTHENTICATION: ' Off-Local-Only ' }).auth).toEqual({ mode: 'off' });
  });

  it('is what the local runtime sets: every local host serves with authentication off', () => {
    expect(loadConfig(localOnlySettings).auth).toEqual({ mode: 'off' });
  });

  it('treats blank settings as unset, as local.settings.example.json has them', () => {
    const config = loadConfig({
      ...localOnly,
      MicrosoftAppId: '',
      MicrosoftAppType: 'SingleTenant',
      ALLOWED_TENANT_IDS: ' ',
    });

    expect(config).toEqual({ auth: { mode: 'off' }, allowedTenantIds: [] });
    expect(problemsOf({ BOT_AUTHENTICATION: ' ' })).toEqual([noBotId]);
  });

  it('refuses any other value of the local-only setting, without echoing it', () => {
    expect(problemsOf({ BOT_AUTHENTICATION: SECRET })).toEqual([
      'BOT_AUTHENTICATION must be off-local-only, or unset',
    ]);
  });

  it.each(['WEBSITE_SITE_NAME', 'WEBSITE_INSTANCE_ID', 'LEGION_SERVICE_HOST'])(
    'refuses the local-only setting where Azure set %s, and does not suggest it there',
    (marker) => {
      expect(problemsOf({ ...localOnly, [marker]: SECRET })).toEqual([
        `BOT_AUTHENTICATION is for a developer machine and is refused in Azure (${marker} set by the platform): remove it and set MicrosoftAppId`,
      ]);
    },
  );

  it('keeps serving a deployment with a bot id where Azure set its own settings', () => {
    const azure = {
      WEBSITE_SITE_NAME: 'func-bot',
      WEBSITE_INSTANCE_ID: 'abc',
      LEGION_SERVICE_HOST: 'x',
    };
    expect(loadConfig({ ...singleTenant, ...azure }).auth.mode).toBe('bot-framework');
  });
});

describe('loadConfig with a bot id', () => {
  it('refuses the local-only setting beside it, rather than guess which one was meant', () => {
    expect(problemsOf({ ...singleTenant, ...localOnly })).toEqual([
      'BOT_AUTHENTICATION=off-local-only turns authentication off and cannot go with MicrosoftAppId: remove one of them',
    ]);
  });

  it('refuses the local-only setting in Azure too, even with a working bot id', () => {
    expect(problemsOf({ ...singleTenant, ...localOnly, WEBSITE_SITE_NAME: 'func-bot' })).toEqual([
      'BOT_AUTHENTICATION is for a developer machine and is refused in Azure (WEBSITE_SITE_NAME set by the platform): remove it and set MicrosoftAppId',
    ]);
  });
});

describe('loadConfig', () => {
  it('splits ALLOWED_TENANT_IDS and keeps ids as opaque strings', () => {
    const config = loadConfig({
      ...localOnly,
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
    [
      { ...localOnly, MicrosoftAppPassword: SECRET },
      'MicrosoftAppPassword is set but MicrosoftAppId is empty',
    ],
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
    vi.unstubAllEnvs();
    resetConfigCache();
  });

  it('reads process.env once and keeps the result until the cache is reset', () => {
    vi.stubEnv(LOCAL_AUTH_SETTING, LOCAL_AUTH_OFF);
    process.env.ALLOWED_TENANT_IDS = 'first';
    resetConfigCache();
    expect(getConfig().allowedTenantIds).toEqual(['first']);

    process.env.ALLOWED_TENANT_IDS = 'second';
    expect(getConfig().allowedTenantIds).toEqual(['first']);

    resetConfigCache();
    expect(getConfig().allowedTenantIds).toEqual(['second']);
  });
});
