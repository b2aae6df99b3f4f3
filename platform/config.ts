import { z } from 'zod';

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

/** Bot Framework authentication: off (local Playground) or on with the bot's app registration. */
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

/** A missing or invalid setting; the message names settings, never their values. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
  }
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

const setting = z
  .string()
  .optional()
  .transform((value) => {
    const trimmed = value?.trim();
    return trimmed === undefined || trimmed === '' ? undefined : trimmed;
  });

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
export function loadConfig(env: Readonly<Record<string, string | undefined>>): BotConfig {
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

let cached: BotConfig | undefined;

/** The configuration of this process, read from process.env on first use and then kept. */
export function getConfig(): BotConfig {
  cached ??= loadConfig(process.env);
  return cached;
}

/** Forgets the memoised configuration so the next getConfig() reads process.env again. */
export function resetConfigCache(): void {
  cached = undefined;
  cachedAppSettings = undefined;
  cachedGraphSettings = undefined;
}

function parseTenantList(value: string | undefined): string[] {
  // Tenant ids are opaque strings: the Playground's are not valid GUIDs, so no format check.
  return (value ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
}

function parseAuth(raw: RawEnv, problems: string[]): BotAuthConfig {
  const appId = raw.MicrosoftAppId;
  if (appId === undefined) {
    // Without an app id botbuilder turns authentication off; a password then means a broken deployment.
    if (raw.MicrosoftAppPassword !== undefined) {
      problems.push('MicrosoftAppPassword is set but MicrosoftAppId is empty');
    }
    return { mode: 'off' };
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

/** Settings of the migration workflow and its storage. */
export interface AppSettings {
  /** Connection string of the storage account (Tables, Blobs); Azurite locally. */
  readonly storageConnectionString: string;
  /** Hours without evidence before a checkpoint reminder is sent. */
  readonly reminderAfterHours: number;
  readonly approvalReminderHours: number;
  readonly escalateAfterHours: number;
  readonly approvalExpiresAfterHours: number;
  /** A Teams channel (conversation id) that also gets escalations; the bot must be installed there. */
  readonly escalationChannelId: string | undefined;
}

const appSettingsSchema = z.object({
  AzureWebJobsStorage: setting,
  REMINDER_AFTER_HOURS: setting,
  APPROVAL_REMINDER_HOURS: setting,
  ESCALATE_AFTER_HOURS: setting,
  APPROVAL_EXPIRES_AFTER_HOURS: setting,
  ESCALATION_CHANNEL_ID: setting,
});

/** Reads an hour count; out of range or not a number is a named problem. */
function hoursSetting(
  name: string,
  value: string | undefined,
  fallback: number,
  max: number,
  problems: string[],
): number {
  const hours = value === undefined ? fallback : Number(value);
  if (!Number.isFinite(hours) || hours <= 0 || hours > max) {
    problems.push(`${name} must be a number of hours between 0 and ${String(max)}`);
    return fallback;
  }
  return hours;
}

/** Validates the workflow settings from an environment-like record. */
export function loadAppSettings(env: Readonly<Record<string, string | undefined>>): AppSettings {
  const raw = appSettingsSchema.parse(env);
  const problems: string[] = [];
  if (raw.AzureWebJobsStorage === undefined) {
    problems.push('AzureWebJobsStorage is required (a storage connection string)');
  }
  const reminderAfterHours = hoursSetting(
    'REMINDER_AFTER_HOURS',
    raw.REMINDER_AFTER_HOURS,
    48,
    24 * 14,
    problems,
  );
  const approvalReminderHours = hoursSetting(
    'APPROVAL_REMINDER_HOURS',
    raw.APPROVAL_REMINDER_HOURS,
    8,
    24 * 6,
    problems,
  );
  const escalateAfterHours = hoursSetting(
    'ESCALATE_AFTER_HOURS',
    raw.ESCALATE_AFTER_HOURS,
    24,
    24 * 14,
    problems,
  );
  const approvalExpiresAfterHours = hoursSetting(
    'APPROVAL_EXPIRES_AFTER_HOURS',
    raw.APPROVAL_EXPIRES_AFTER_HOURS,
    72,
    24 * 30,
    problems,
  );
  if (escalateAfterHours >= approvalExpiresAfterHours) {
    problems.push('ESCALATE_AFTER_HOURS must be shorter than APPROVAL_EXPIRES_AFTER_HOURS');
  }
  if (problems.length > 0 || raw.AzureWebJobsStorage === undefined) {
    throw new ConfigError(problems);
  }
  return {
    storageConnectionString: raw.AzureWebJobsStorage,
    reminderAfterHours,
    approvalReminderHours,
    escalateAfterHours,
    approvalExpiresAfterHours,
    escalationChannelId: raw.ESCALATION_CHANNEL_ID,
  };
}

let cachedAppSettings: AppSettings | undefined;

/** The workflow settings of this process, read from process.env on first use and then kept. */
export function getAppSettings(): AppSettings {
  cachedAppSettings ??= loadAppSettings(process.env);
  return cachedAppSettings;
}

/** How the bot proves its identity to Microsoft Entra ID when it calls Microsoft Graph. */
export type GraphCredential =
  | { readonly kind: 'secret'; readonly clientSecret: string }
  | {
      readonly kind: 'certificate';
      /** Hex SHA-256 thumbprint of the certificate registered on the app. */
      readonly thumbprintSha256: string;
      /** A PEM file holding the certificate's private key. */
      readonly privateKeyPath: string;
    };

/** The app registration the bot reads Microsoft Graph with (application permission Organization.Read.All). */
export interface GraphSettings {
  readonly tenantId: string;
  readonly clientId: string;
  readonly credential: GraphCredential;
  /** Origin of the Microsoft Entra authority, e.g. `https://login.microsoftonline.com`. */
  readonly authorityHost: string;
  /** Origin of Microsoft Graph, e.g. `https://graph.microsoft.com`. */
  readonly graphEndpoint: string;
}

const graphSettingsSchema = z.object({
  GRAPH_TENANT_ID: setting,
  GRAPH_CLIENT_ID: setting,
  GRAPH_CLIENT_SECRET: setting,
  GRAPH_CERTIFICATE_THUMBPRINT_SHA256: setting,
  GRAPH_CERTIFICATE_PRIVATE_KEY_PATH: setting,
  GRAPH_AUTHORITY_HOST: setting,
  GRAPH_ENDPOINT: setting,
});

const DEFAULT_GRAPH_AUTHORITY_HOST = 'https://login.microsoftonline.com';
const DEFAULT_GRAPH_ENDPOINT = 'https://graph.microsoft.com';

// Client credentials need the tenant itself: these multi-tenant aliases are refused at token time.
const TENANT_ALIASES = new Set(['common', 'organizations', 'consumers']);
const tenantIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.-]*$/);
const sha256ThumbprintSchema = z.string().regex(/^[0-9a-fA-F]{64}$/);

/** The origin of an https URL that has no path, query or credentials; undefined otherwise. */
function httpsOrigin(value: string): string | undefined {
  if (!URL.canParse(value)) {
    return undefined;
  }
  const url = new URL(value);
  const bare =
    url.protocol === 'https:' &&
    (url.pathname === '/' || url.pathname === '') &&
    url.search === '' &&
    url.hash === '' &&
    url.username === '' &&
    url.password === '';
  return bare ? url.origin : undefined;
}

/**
 * Validates the Microsoft Graph settings; undefined (Graph off) when none is set. Any one set
 * means Graph is wanted, so the rest are then required.
 */
export function loadGraphSettings(
  env: Readonly<Record<string, string | undefined>>,
): GraphSettings | undefined {
  const raw = graphSettingsSchema.parse(env);
  if (Object.values(raw).every((value) => value === undefined)) {
    return undefined;
  }
  const problems: string[] = [];
  const missing: string[] = [];
  const tenantId = raw.GRAPH_TENANT_ID;
  const clientId = raw.GRAPH_CLIENT_ID;
  if (tenantId === undefined) {
    missing.push('GRAPH_TENANT_ID');
  } else if (
    TENANT_ALIASES.has(tenantId.toLowerCase()) ||
    !tenantIdSchema.safeParse(tenantId).success
  ) {
    problems.push('GRAPH_TENANT_ID must be the tenant id or one of its domain names');
  }
  if (clientId === undefined) {
    missing.push('GRAPH_CLIENT_ID');
  } else if (!z.guid().safeParse(clientId).success) {
    problems.push('GRAPH_CLIENT_ID must be the application (client) id, a GUID');
  }
  const credential = parseGraphCredential(raw, missing, problems);
  if (missing.length > 0) {
    problems.unshift(`${missing.join(', ')} must be set too when Microsoft Graph is configured`);
  }
  const authorityHost = httpsOrigin(raw.GRAPH_AUTHORITY_HOST ?? DEFAULT_GRAPH_AUTHORITY_HOST);
  if (authorityHost === undefined) {
    problems.push('GRAPH_AUTHORITY_HOST must be an https URL without a path');
  }
  const graphEndpoint = httpsOrigin(raw.GRAPH_ENDPOINT ?? DEFAULT_GRAPH_ENDPOINT);
  if (graphEndpoint === undefined) {
    problems.push('GRAPH_ENDPOINT must be an https URL without a path');
  }
  if (
    problems.length > 0 ||
    tenantId === undefined ||
    clientId === undefined ||
    credential === undefined ||
    authorityHost === undefined ||
    graphEndpoint === undefined
  ) {
    throw new ConfigError(problems);
  }
  return { tenantId, clientId, credential, authorityHost, graphEndpoint };
}

function parseGraphCredential(
  raw: z.infer<typeof graphSettingsSchema>,
  missing: string[],
  problems: string[],
): GraphCredential | undefined {
  const secret = raw.GRAPH_CLIENT_SECRET;
  const thumbprint = raw.GRAPH_CERTIFICATE_THUMBPRINT_SHA256;
  const keyPath = raw.GRAPH_CERTIFICATE_PRIVATE_KEY_PATH;
  if (secret !== undefined) {
    if (thumbprint !== undefined || keyPath !== undefined) {
      problems.push(
        'GRAPH_CLIENT_SECRET and the GRAPH_CERTIFICATE_* settings are exclusive: set one credential',
      );
      return undefined;
    }
    return { kind: 'secret', clientSecret: secret };
  }
  if (thumbprint === undefined && keyPath === undefined) {
    missing.push(
      'GRAPH_CLIENT_SECRET (or GRAPH_CERTIFICATE_THUMBPRINT_SHA256 with GRAPH_CERTIFICATE_PRIVATE_KEY_PATH)',
    );
    return undefined;
  }
  if (thumbprint === undefined) {
    missing.push('GRAPH_CERTIFICATE_THUMBPRINT_SHA256');
  }
  if (keyPath === undefined) {
    missing.push('GRAPH_CERTIFICATE_PRIVATE_KEY_PATH');
  }
  // The portal and PowerShell show thumbprints with or without colons, in either case.
  const hex = thumbprint?.replace(/[:\s]/g, '');
  if (hex !== undefined && !sha256ThumbprintSchema.safeParse(hex).success) {
    problems.push(
      'GRAPH_CERTIFICATE_THUMBPRINT_SHA256 must be a SHA-256 thumbprint (64 hex digits)',
    );
    return undefined;
  }
  return hex === undefined || keyPath === undefined
    ? undefined
    : { kind: 'certificate', thumbprintSha256: hex.toUpperCase(), privateKeyPath: keyPath };
}

let cachedGraphSettings: { readonly settings: GraphSettings | undefined } | undefined;

/** The Microsoft Graph settings of this process (undefined: Graph off), read once from process.env. */
export function getGraphSettings(): GraphSettings | undefined {
  cachedGraphSettings ??= { settings: loadGraphSettings(process.env) };
  return cachedGraphSettings.settings;
}
