import { z } from 'zod';
import { ConfigError } from './config-error';
import { memoFromEnv } from './env-memo';
import { setting, type SettingsEnv } from './setting';

/** How the bot's Azure identity is set up (the Azure Bot resource's "type of app"). */
export type MicrosoftAppType = 'SingleTenant' | 'MultiTenant' | 'UserAssignedMSI';

/** The optional Bot Framework endpoint settings that botbuilder reads under these exact names. */
export interface BotFrameworkEndpoints {
  readonly ToBotFromChannelOpenIdMetadataUrl: string;
  readonly ToBotFromChannelTokenIssuer: string;
  readonly ToBotFromEmulatorOpenIdMetadataUrl: string;
  readonly ToChannelFromBotLoginUrl: string;
  readonly ToChannelFromBotOAuthScope: string;
  readonly OAuthUrl: string;
  readonly CallerId?: string;
  readonly ValidateAuthority?: boolean;
}

/**
 * Bot Framework authentication: off (only on a developer machine, with `BOT_AUTHENTICATION` set to
 * `off-local-only`) or on with the bot's app registration.
 */
export type BotAuthConfig =
  | { readonly mode: 'off' }
  | {
      readonly mode: 'bot-framework';
      readonly appId: string;
      readonly appType: MicrosoftAppType;
      readonly appPassword?: string;
      readonly appTenantId?: string;
      /** Absent means the public Azure cloud defaults built into botbuilder. */
      readonly endpoints?: BotFrameworkEndpoints;
    };

/** Everything the bot needs from its environment, validated. */
export interface BotConfig {
  readonly auth: BotAuthConfig;
  /** Tenants whose activities are served; empty means any tenant (allowed only with auth off). */
  readonly allowedTenantIds: readonly string[];
}

const ENDPOINT_URL_SETTINGS = [
  'ToBotFromChannelOpenIdMetadataUrl',
  'ToBotFromEmulatorOpenIdMetadataUrl',
  'ToChannelFromBotLoginUrl',
  'OAuthUrl',
] as const;

// Once any of these is given, botbuilder stops using the public-cloud defaults for all of them,
// so a partial set would leave the rest undefined rather than defaulted.
const REQUIRED_ENDPOINT_SETTINGS = [
  ...ENDPOINT_URL_SETTINGS,
  'ToBotFromChannelTokenIssuer',
  'ToChannelFromBotOAuthScope',
] as const;

const OPTIONAL_ENDPOINT_SETTINGS = ['CallerId', 'ValidateAuthority'] as const;

/** The setting that turns authentication off without a bot id, and the one value it takes. */
export const LOCAL_AUTH_SETTING = 'BOT_AUTHENTICATION';
export const LOCAL_AUTH_OFF = 'off-local-only';

// Set by Azure on every function app and never on a developer's machine, so a local-only setting
// next to one of them was deployed by mistake. WEBSITE_SITE_NAME is the app's name on every plan
// (the Functions host's OpenTelemetry resource reads it); WEBSITE_INSTANCE_ID marks App Service
// plans, LEGION_SERVICE_HOST Flex Consumption, which sets no WEBSITE_INSTANCE_ID
// (azure-functions-host EnvironmentExtensions: IsAppService, IsFlexConsumptionSku). Not
// FUNCTIONS_WORKER_RUNTIME: local.settings.json has it, and Flex Consumption takes it from the site.
const AZURE_MARKERS = ['WEBSITE_SITE_NAME', 'WEBSITE_INSTANCE_ID', 'LEGION_SERVICE_HOST'] as const;

const rawEnvSchema = z.object({
  MicrosoftAppId: setting,
  MicrosoftAppPassword: setting,
  MicrosoftAppTenantId: setting,
  MicrosoftAppType: setting,
  ALLOWED_TENANT_IDS: setting,
  ToBotFromChannelOpenIdMetadataUrl: setting,
  ToBotFromChannelTokenIssuer: setting,
  ToBotFromEmulatorOpenIdMetadataUrl: setting,
  ToChannelFromBotLoginUrl: setting,
  ToChannelFromBotOAuthScope: setting,
  OAuthUrl: setting,
  CallerId: setting,
  ValidateAuthority: setting,
  [LOCAL_AUTH_SETTING]: setting,
  WEBSITE_SITE_NAME: setting,
  WEBSITE_INSTANCE_ID: setting,
  LEGION_SERVICE_HOST: setting,
});

type RawEnv = z.infer<typeof rawEnvSchema>;

const httpUrl = z.url({ protocol: /^https?$/ });

const APP_TYPES: Readonly<Record<string, MicrosoftAppType>> = {
  singletenant: 'SingleTenant',
  multitenant: 'MultiTenant',
  // botbuilder spells it UserAssignedMsi, the Azure portal UserAssignedMSI.
  userassignedmsi: 'UserAssignedMSI',
};

/** Validates settings from an environment-like record; pure, so tests can pass their own. */
export function loadConfig(env: SettingsEnv): BotConfig {
  const raw = rawEnvSchema.parse(env);
  const problems: string[] = [];
  const allowedTenantIds = parseTenantList(raw.ALLOWED_TENANT_IDS);
  const auth = parseAuth(raw, problems);

  if (auth.mode === 'bot-framework' && allowedTenantIds.length === 0) {
    problems.push('ALLOWED_TENANT_IDS is required when MicrosoftAppId is set');
  }
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return { auth, allowedTenantIds };
}

/** The configuration of this process, read from process.env on first use and then kept. */
export const getConfig = memoFromEnv(loadConfig);

function parseTenantList(value: string | undefined): string[] {
  // Tenant ids are opaque strings: the Playground's are not valid GUIDs, so no format check.
  return (value ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
}

function parseAuth(raw: RawEnv, problems: string[]): BotAuthConfig {
  const localOnly = parseLocalOnly(raw, problems);
  const appId = raw.MicrosoftAppId;
  if (appId === undefined) {
    // Without an app id botbuilder turns authentication off; a password then means a broken deployment.
    if (raw.MicrosoftAppPassword !== undefined) {
      problems.push('MicrosoftAppPassword is set but MicrosoftAppId is empty');
    }
    // An empty app id alone is what a half-finished deployment looks like: it must not open the bot.
    if (localOnly === 'unset') {
      problems.push(
        `MicrosoftAppId is required (the bot's app id, with MicrosoftAppType); to run without Bot Framework authentication on a developer machine, set ${LOCAL_AUTH_SETTING}=${LOCAL_AUTH_OFF} instead (never in Azure)`,
      );
    }
    return { mode: 'off' };
  }
  if (localOnly === 'allowed') {
    problems.push(
      `${LOCAL_AUTH_SETTING}=${LOCAL_AUTH_OFF} turns authentication off and cannot go with MicrosoftAppId: remove one of them`,
    );
  }

  const appType = parseAppType(raw.MicrosoftAppType, problems);
  const password = raw.MicrosoftAppPassword;
  const tenantId = raw.MicrosoftAppTenantId;
  if (appType === 'SingleTenant' || appType === 'UserAssignedMSI') {
    if (tenantId === undefined) {
      problems.push(`MicrosoftAppTenantId is required when MicrosoftAppType is ${appType}`);
    }
  }
  if (appType === 'SingleTenant' || appType === 'MultiTenant') {
    if (password === undefined) {
      problems.push(`MicrosoftAppPassword is required when MicrosoftAppType is ${appType}`);
    }
  }
  if (appType === 'UserAssignedMSI' && password !== undefined) {
    problems.push('MicrosoftAppPassword must be empty when MicrosoftAppType is UserAssignedMSI');
  }

  const endpoints = parseEndpoints(raw, problems);
  return {
    mode: 'bot-framework',
    appId,
    appType: appType ?? 'SingleTenant',
    ...(password === undefined ? {} : { appPassword: password }),
    ...(tenantId === undefined ? {} : { appTenantId: tenantId }),
    ...(endpoints === undefined ? {} : { endpoints }),
  };
}

/** Whether the local-only setting asks for authentication off, and may here. */
function parseLocalOnly(raw: RawEnv, problems: string[]): 'unset' | 'allowed' | 'refused' {
  const value = raw[LOCAL_AUTH_SETTING];
  if (value === undefined) return 'unset';
  if (value.toLowerCase() !== LOCAL_AUTH_OFF) {
    problems.push(`${LOCAL_AUTH_SETTING} must be ${LOCAL_AUTH_OFF}, or unset`);
    return 'refused';
  }
  const azure = AZURE_MARKERS.filter((name) => raw[name] !== undefined);
  if (azure.length > 0) {
    problems.push(
      `${LOCAL_AUTH_SETTING} is for a developer machine and is refused in Azure (${azure.join(', ')} set by the platform): remove it and set MicrosoftAppId`,
    );
    return 'refused';
  }
  return 'allowed';
}

function parseAppType(value: string | undefined, problems: string[]): MicrosoftAppType | undefined {
  if (value === undefined) {
    problems.push('MicrosoftAppType is required when MicrosoftAppId is set');
    return undefined;
  }
  const appType = APP_TYPES[value.toLowerCase()];
  if (appType === undefined) {
    problems.push('MicrosoftAppType must be SingleTenant, MultiTenant or UserAssignedMSI');
  }
  return appType;
}

function parseEndpoints(raw: RawEnv, problems: string[]): BotFrameworkEndpoints | undefined {
  const given = [...REQUIRED_ENDPOINT_SETTINGS, ...OPTIONAL_ENDPOINT_SETTINGS].filter(
    (name) => raw[name] !== undefined,
  );
  if (given.length === 0) {
    return undefined;
  }
  const missing = REQUIRED_ENDPOINT_SETTINGS.filter((name) => raw[name] === undefined);
  if (missing.length > 0) {
    problems.push(
      `${missing.join(', ')} must be set too when any Bot Framework endpoint is overridden`,
    );
  }
  for (const name of ENDPOINT_URL_SETTINGS) {
    const value = raw[name];
    if (value !== undefined && !httpUrl.safeParse(value).success) {
      problems.push(`${name} must be an http(s) URL`);
    }
  }
  const validateAuthority = parseBoolean(raw.ValidateAuthority);
  if (validateAuthority === 'invalid') {
    problems.push('ValidateAuthority must be true or false');
  }
  return {
    ToBotFromChannelOpenIdMetadataUrl: raw.ToBotFromChannelOpenIdMetadataUrl ?? '',
    ToBotFromChannelTokenIssuer: raw.ToBotFromChannelTokenIssuer ?? '',
    ToBotFromEmulatorOpenIdMetadataUrl: raw.ToBotFromEmulatorOpenIdMetadataUrl ?? '',
    ToChannelFromBotLoginUrl: raw.ToChannelFromBotLoginUrl ?? '',
    ToChannelFromBotOAuthScope: raw.ToChannelFromBotOAuthScope ?? '',
    OAuthUrl: raw.OAuthUrl ?? '',
    ...(raw.CallerId === undefined ? {} : { CallerId: raw.CallerId }),
    ...(validateAuthority === undefined || validateAuthority === 'invalid'
      ? {}
      : { ValidateAuthority: validateAuthority }),
  };
}

function parseBoolean(value: string | undefined): boolean | undefined | 'invalid' {
  if (value === undefined) {
    return undefined;
  }
  switch (value.toLowerCase()) {
    case 'true':
      return true;
    case 'false':
      return false;
    default:
      return 'invalid';
  }
}
