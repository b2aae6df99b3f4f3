import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  AuthError,
  ClientConfigurationError,
  ConfidentialClientApplication,
  ManagedIdentityApplication,
  ServerError,
  type AuthenticationResult,
  type Configuration,
} from '@azure/msal-node';
import { z } from 'zod';
import {
  ConfigError,
  getGraphSettings,
  usesManagedIdentity,
  type GraphAppCredential,
  type GraphAppRegistrationSettings,
  type GraphManagedIdentitySettings,
  type GraphSettings,
} from './config';
import { createConsoleLogger, type ConsoleLogger } from './console-logger';

/** Why the sync freshness could not be read. */
export type GraphProblem = 'unauthorized' | 'forbidden' | 'throttled' | 'unavailable' | 'malformed';

/** What Microsoft Entra ID reports about directory sync from on-premises, or why it is unknown. */
export type SyncFreshnessResult =
  | {
      readonly ok: true;
      /** `organization.onPremisesLastSyncDateTime` (ISO-8601 UTC), null when the tenant reports none. */
      readonly lastSyncAt: string | null;
      /** `organization.onPremisesSyncEnabled`: null when the tenant was never synced. */
      readonly syncEnabled: boolean | null;
    }
  | { readonly ok: false; readonly problem: GraphProblem };

/** Tuning of the Graph call; the defaults suit an activity function. */
export interface GraphSyncFreshnessOptions {
  readonly logger?: Pick<ConsoleLogger, 'warn'>;
  /** Graph attempts, the first included; 429 and 5xx answers are retried. */
  readonly maxAttempts?: number;
  /** The longest wait between attempts; a longer Retry-After ends the check as throttled. */
  readonly maxRetryDelayMs?: number;
  readonly requestTimeoutMs?: number;
}

const ORGANIZATION_SELECT = 'id,onPremisesSyncEnabled,onPremisesLastSyncDateTime';

// The tenant has exactly one organization object; anything else is not the documented answer.
const organizationPageSchema = z.object({
  value: z
    .array(
      z.object({
        id: z.string(),
        onPremisesSyncEnabled: z.boolean().nullable(),
        onPremisesLastSyncDateTime: z.iso.datetime({ offset: true }).nullable(),
      }),
    )
    .length(1),
});

// OAuth refusals carry a snake_case error code (invalid_client, unauthorized_client, ...); MSAL's
// own throttle, which replays an earlier 429 or 5xx without a status, carries numeric codes only.
const OAUTH_ERROR_CODE = /^[a-z]+(_[a-z]+)*$/;

type TokenOutcome =
  | { readonly ok: true; readonly accessToken: string }
  | {
      readonly ok: false;
      readonly problem: GraphProblem;
      readonly errorCode: string;
      /** The HTTP status the token endpoint answered, when it answered. */
      readonly status?: number;
    };

/** One token request to MSAL, which answers from its cache until the token is close to expiry. */
type TokenRequest = () => Promise<AuthenticationResult | null>;

type GraphAttempt =
  | { readonly kind: 'done'; readonly result: SyncFreshnessResult }
  | { readonly kind: 'retry'; readonly problem: GraphProblem; readonly delayMs: number };

/**
 * Reads the tenant's directory sync freshness from Microsoft Graph with application permission
 * Organization.Read.All, through an app registration or the function app's managed identity. Keep
 * one instance per process: it holds the MSAL client and its token cache. The constructor throws a
 * ConfigError when the certificate's private key cannot be read.
 */
export class GraphSyncFreshness {
  private readonly requestToken: TokenRequest;
  private readonly organizationUrl: string;
  private readonly logger: Pick<ConsoleLogger, 'warn'>;
  private readonly maxAttempts: number;
  private readonly maxRetryDelayMs: number;
  private readonly requestTimeoutMs: number;

  constructor(settings: GraphSettings, options: GraphSyncFreshnessOptions = {}) {
    this.requestToken = usesManagedIdentity(settings)
      ? managedIdentityTokenRequest(settings)
      : appRegistrationTokenRequest(settings);
    const url = new URL('/v1.0/organization', settings.graphEndpoint);
    url.searchParams.set('$select', ORGANIZATION_SELECT);
    this.organizationUrl = url.href;
    this.logger = options.logger ?? createConsoleLogger('graph');
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 3);
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 10_000;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  }

  /**
   * Reads `organization.onPremisesLastSyncDateTime`. Expected failures come back as a problem; it
   * throws only for defects, such as MSAL refusing its own configuration.
   */
  async check(): Promise<SyncFreshnessResult> {
    const token = await this.acquireToken();
    if (!token.ok) {
      this.logger.warn('Graph token request failed', {
        problem: token.problem,
        errorCode: token.errorCode,
        ...(token.status === undefined ? {} : { status: token.status }),
      });
      return { ok: false, problem: token.problem };
    }
    for (let attempt = 1; ; attempt += 1) {
      const outcome = await this.readOrganization(token.accessToken, attempt);
      if (outcome.kind === 'done') {
        return outcome.result;
      }
      if (attempt >= this.maxAttempts || outcome.delayMs > this.maxRetryDelayMs) {
        return { ok: false, problem: outcome.problem };
      }
      await sleep(outcome.delayMs);
    }
  }

  private async acquireToken(): Promise<TokenOutcome> {
    try {
      const result = await this.requestToken();
      if (result === null || result.accessToken === '') {
        return { ok: false, problem: 'unavailable', errorCode: 'no_token' };
      }
      return { ok: true, accessToken: result.accessToken };
    } catch (error: unknown) {
      const problem = tokenProblem(error);
      const status = error instanceof ServerError ? error.status : undefined;
      return {
        ok: false,
        problem,
        errorCode: errorCodeOf(error),
        ...(status === undefined ? {} : { status }),
      };
    }
  }

  private async readOrganization(accessToken: string, attempt: number): Promise<GraphAttempt> {
    let response: Response;
    let body: string;
    try {
      response = await fetch(this.organizationUrl, {
        headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
        signal: AbortSignal.timeout(this.requestTimeoutMs),
      });
      body = await response.text();
    } catch (error: unknown) {
      // A refused connection, TLS failure or timeout: transient as far as the check can tell.
      this.logger.warn('Graph organization request failed', {
        problem: 'unavailable',
        attempt,
        errorName: error instanceof Error ? error.name : 'unknown',
      });
      return { kind: 'retry', problem: 'unavailable', delayMs: backoffMs(attempt) };
    }
    const fields = {
      status: response.status,
      attempt,
      graphRequestId: response.headers.get('request-id') ?? undefined,
    };
    if (response.status === 429 || response.status >= 500) {
      const problem = response.status === 429 ? 'throttled' : 'unavailable';
      this.logger.warn('Graph organization request not served', { problem, ...fields });
      const delayMs = retryAfterMs(response.headers.get('retry-after')) ?? backoffMs(attempt);
      return { kind: 'retry', problem, delayMs };
    }
    const result = response.ok ? parseOrganization(body) : refusal(response.status);
    if (!result.ok) {
      this.logger.warn('Graph organization request failed', { problem: result.problem, ...fields });
    }
    return { kind: 'done', result };
  }
}

let cachedFreshness:
  | {
      readonly settings: GraphSettings | undefined;
      readonly freshness: GraphSyncFreshness | undefined;
    }
  | undefined;

/**
 * The sync freshness reader of this process, or undefined when Graph is not configured; one per
 * settings, so the token cache lives as long as the process (or until resetConfigCache()).
 */
export function getGraphSyncFreshness(): GraphSyncFreshness | undefined {
  const settings = getGraphSettings();
  if (cachedFreshness === undefined || cachedFreshness.settings !== settings) {
    cachedFreshness = {
      settings,
      freshness: settings === undefined ? undefined : new GraphSyncFreshness(settings),
    };
  }
  return cachedFreshness.freshness;
}

function appRegistrationTokenRequest(settings: GraphAppRegistrationSettings): TokenRequest {
  const client = new ConfidentialClientApplication({
    auth: {
      clientId: settings.clientId,
      authority: `${settings.authorityHost}/${settings.tenantId}`,
      // Without a known authority MSAL first asks the public cloud for instance discovery, which a
      // sovereign or private cloud (or a loopback test authority) cannot answer.
      knownAuthorities: [new URL(settings.authorityHost).host],
      ...clientCredential(settings.credential),
    },
  });
  const scopes = [`${settings.graphEndpoint}/.default`];
  return () => client.acquireTokenByClientCredential({ scopes });
}

function managedIdentityTokenRequest(settings: GraphManagedIdentitySettings): TokenRequest {
  // MSAL finds the identity endpoint in the environment (IDENTITY_ENDPOINT and IDENTITY_HEADER on
  // App Service and Azure Functions) and asks it for a resource, not a scope.
  const client = new ManagedIdentityApplication({
    managedIdentityIdParams: { userAssignedClientId: settings.credential.clientId },
  });
  return () => client.acquireToken({ resource: settings.graphEndpoint });
}

function clientCredential(credential: GraphAppCredential): Partial<Configuration['auth']> {
  if (credential.kind === 'secret') {
    return { clientSecret: credential.clientSecret };
  }
  return {
    clientCertificate: {
      thumbprintSha256: credential.thumbprintSha256,
      privateKey: readPrivateKey(credential.privateKeyPath),
    },
  };
}

/** The key as PKCS#8 PEM, which MSAL expects, whatever PEM flavour the file holds. */
function readPrivateKey(path: string): string {
  try {
    return createPrivateKey(readFileSync(path, 'utf8'))
      .export({ format: 'pem', type: 'pkcs8' })
      .toString();
  } catch {
    // The file's path and content stay out of the message (settings are named, never shown).
    throw new ConfigError([
      'GRAPH_CERTIFICATE_PRIVATE_KEY_PATH must name a readable, unencrypted PEM private key',
    ]);
  }
}

function tokenProblem(error: unknown): GraphProblem {
  if (error instanceof ClientConfigurationError) {
    // MSAL refused its own configuration: a defect of the settings, not a failure of the check.
    throw error;
  }
  if (error instanceof ServerError) {
    const status = error.status ?? 0;
    if (status === 429) {
      return 'throttled';
    }
    if (status >= 500 || error.errorCode === 'temporarily_unavailable') {
      return 'unavailable';
    }
    // A managed identity endpoint refuses with a status and a message but no OAuth error code (an
    // unknown client id is a 400).
    return OAUTH_ERROR_CODE.test(error.errorCode) || status >= 400 ? 'unauthorized' : 'unavailable';
  }
  if (error instanceof AuthError) {
    // Discovery, network and TLS failures (an untrusted CA shows as endpoints_resolution_error).
    return 'unavailable';
  }
  throw error;
}

function errorCodeOf(error: unknown): string {
  return error instanceof AuthError && error.errorCode !== '' ? error.errorCode : 'unknown';
}

function refusal(status: number): SyncFreshnessResult {
  switch (status) {
    case 401:
      return { ok: false, problem: 'unauthorized' };
    case 403:
      // Typically Organization.Read.All not granted (admin consent missing).
      return { ok: false, problem: 'forbidden' };
    default:
      return { ok: false, problem: 'unavailable' };
  }
}

function parseOrganization(body: string): SyncFreshnessResult {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, problem: 'malformed' };
  }
  const page = organizationPageSchema.safeParse(json);
  if (!page.success) {
    return { ok: false, problem: 'malformed' };
  }
  const [organization] = page.data.value;
  return organization === undefined
    ? { ok: false, problem: 'malformed' }
    : {
        ok: true,
        lastSyncAt: organization.onPremisesLastSyncDateTime,
        syncEnabled: organization.onPremisesSyncEnabled,
      };
}

/** Retry-After as a delay: seconds or an HTTP date; undefined when absent or unreadable. */
function retryAfterMs(value: string | null): number | undefined {
  if (value === null || value.trim() === '') {
    return undefined;
  }
  const seconds = Number(value);
  if (Number.isFinite(seconds)) {
    return Math.max(0, seconds * 1000);
  }
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function backoffMs(attempt: number): number {
  return 1000 * 2 ** (attempt - 1);
}
