import { z } from 'zod';
import { ConfigError } from './config-error';
import { memoFromEnv } from './env-memo';
import { setting, type SettingsEnv } from './setting';

/** How an app registration proves its identity to Microsoft Entra ID. */
export type GraphAppCredential =
  | { readonly kind: 'secret'; readonly clientSecret: string }
  | {
      readonly kind: 'certificate';
      /** Hex SHA-256 thumbprint of the certificate registered on the app. */
      readonly thumbprintSha256: string;
      /** A PEM file holding the certificate's private key. */
      readonly privateKeyPath: string;
    };

/** The function app's user-assigned managed identity; its endpoint issues the Graph token. */
export interface GraphManagedIdentityCredential {
  readonly kind: 'managed-identity';
  readonly clientId: string;
}

/** How the bot gets its token for Microsoft Graph. */
export type GraphCredential = GraphAppCredential | GraphManagedIdentityCredential;

/** Graph through an app registration of the tenant (application permission Organization.Read.All). */
export interface GraphAppRegistrationSettings {
  readonly tenantId: string;
  readonly clientId: string;
  readonly credential: GraphAppCredential;
  /** Origin of the Microsoft Entra authority, e.g. `https://login.microsoftonline.com`. */
  readonly authorityHost: string;
  /** Origin of Microsoft Graph, e.g. `https://graph.microsoft.com`. */
  readonly graphEndpoint: string;
}

/** Graph through the managed identity, whose service principal holds Organization.Read.All. */
export interface GraphManagedIdentitySettings {
  readonly credential: GraphManagedIdentityCredential;
  readonly graphEndpoint: string;
}

/** How the bot reads Microsoft Graph. */
export type GraphSettings = GraphAppRegistrationSettings | GraphManagedIdentitySettings;

/** True when the token comes from the managed identity rather than an app registration. */
export function usesManagedIdentity(
  settings: GraphSettings,
): settings is GraphManagedIdentitySettings {
  return settings.credential.kind === 'managed-identity';
}

const graphSettingsSchema = z.object({
  GRAPH_TENANT_ID: setting,
  GRAPH_CLIENT_ID: setting,
  GRAPH_CLIENT_SECRET: setting,
  GRAPH_CERTIFICATE_THUMBPRINT_SHA256: setting,
  GRAPH_CERTIFICATE_PRIVATE_KEY_PATH: setting,
  GRAPH_AUTHORITY_HOST: setting,
  GRAPH_ENDPOINT: setting,
  GRAPH_MANAGED_IDENTITY_CLIENT_ID: setting,
});

type RawGraphSettings = z.infer<typeof graphSettingsSchema>;

// The managed identity endpoint issues the token itself: none of these would be used with it.
const APP_REGISTRATION_SETTINGS = [
  'GRAPH_TENANT_ID',
  'GRAPH_CLIENT_ID',
  'GRAPH_CLIENT_SECRET',
  'GRAPH_CERTIFICATE_THUMBPRINT_SHA256',
  'GRAPH_CERTIFICATE_PRIVATE_KEY_PATH',
  'GRAPH_AUTHORITY_HOST',
] as const;

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
export function loadGraphSettings(env: SettingsEnv): GraphSettings | undefined {
  const raw = graphSettingsSchema.parse(env);
  if (Object.values(raw).every((value) => value === undefined)) {
    return undefined;
  }
  if (raw.GRAPH_MANAGED_IDENTITY_CLIENT_ID !== undefined) {
    return loadManagedIdentitySettings(raw, raw.GRAPH_MANAGED_IDENTITY_CLIENT_ID);
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
  const graphEndpoint = readGraphEndpoint(raw, problems);
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

function loadManagedIdentitySettings(
  raw: RawGraphSettings,
  clientId: string,
): GraphManagedIdentitySettings {
  const problems: string[] = [];
  const mixed = APP_REGISTRATION_SETTINGS.filter((name) => raw[name] !== undefined);
  if (mixed.length > 0) {
    problems.push(
      `GRAPH_MANAGED_IDENTITY_CLIENT_ID and ${mixed.join(', ')} are exclusive: the managed identity needs no tenant, app registration, secret, certificate or authority`,
    );
  }
  if (!z.guid().safeParse(clientId).success) {
    problems.push(
      "GRAPH_MANAGED_IDENTITY_CLIENT_ID must be the managed identity's client id, a GUID",
    );
  }
  const graphEndpoint = readGraphEndpoint(raw, problems);
  if (problems.length > 0 || graphEndpoint === undefined) {
    throw new ConfigError(problems);
  }
  return { credential: { kind: 'managed-identity', clientId }, graphEndpoint };
}

function readGraphEndpoint(raw: RawGraphSettings, problems: string[]): string | undefined {
  const graphEndpoint = httpsOrigin(raw.GRAPH_ENDPOINT ?? DEFAULT_GRAPH_ENDPOINT);
  if (graphEndpoint === undefined) {
    problems.push('GRAPH_ENDPOINT must be an https URL without a path');
  }
  return graphEndpoint;
}

function parseGraphCredential(
  raw: RawGraphSettings,
  missing: string[],
  problems: string[],
): GraphAppCredential | undefined {
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

/** The Microsoft Graph settings of this process (undefined: Graph off), read once from process.env. */
export const getGraphSettings = memoFromEnv(loadGraphSettings);
