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

/** Why Microsoft Graph could not answer a request. */
export type GraphProblem = 'unauthorized' | 'forbidden' | 'throttled' | 'unavailable' | 'malformed';

/** Tuning of Graph calls; the defaults suit an activity function. */
export interface GraphClientOptions {
  readonly logger?: Pick<ConsoleLogger, 'warn'>;
  /** Graph attempts, the first included; 429 and 5xx answers are retried. */
  readonly maxAttempts?: number;
  /** The longest wait between attempts; a longer Retry-After ends the call as throttled. */
  readonly maxRetryDelayMs?: number;
  readonly requestTimeoutMs?: number;
}

/** Graph's answer (any status but 429 and 5xx, which are retried), or why there is none. */
export type GraphResponse =
  | { readonly ok: true; readonly status: number; readonly body: string }
  | { readonly ok: false; readonly problem: GraphProblem };

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
  | { readonly kind: 'done'; readonly response: GraphResponse }
  | { readonly kind: 'retry'; readonly problem: GraphProblem; readonly delayMs: number };

/**
 * Calls Microsoft Graph with an application token, from an app registration or the function
 * app's managed identity, retrying throttling (after its Retry-After) and server errors within a
 * bound. Keep one instance per process: it holds the MSAL client and its token cache. The
 * constructor throws a ConfigError when the certificate's private key cannot be read.
 */
export class GraphClient {
  private readonly requestToken: TokenRequest;
  readonly graphEndpoint: string;
  private readonly logger: Pick<ConsoleLogger, 'warn'>;
  private readonly maxAttempts: number;
  private readonly maxRetryDelayMs: number;
  private readonly requestTimeoutMs: number;

  constructor(settings: GraphSettings, options: GraphClientOptions = {}) {
    this.requestToken = usesManagedIdentity(settings)
      ? managedIdentityTokenRequest(settings)
      : appRegistrationTokenRequest(settings);
    this.graphEndpoint = settings.graphEndpoint;
    this.logger = options.logger ?? createConsoleLogger('graph');
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 3);
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 10_000;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  }

  /**
   * One Graph request (`path` from the version on, such as `/v1.0/organization`); `what` names it
   * in logs. Expected failures come back as a problem; it throws only for defects, such as MSAL
   * refusing its own configuration.
   */
  async request(
    what: string,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<GraphResponse> {
    const token = await this.acquireToken();
    if (!token.ok) {
      this.logger.warn('Graph token request failed', {
        problem: token.problem,
        errorCode: token.errorCode,
        ...(token.status === undefined ? {} : { status: token.status }),
      });
      return { ok: false, problem: token.problem };
    }
    const url = new URL(path, this.graphEndpoint).href;
    for (let attempt = 1; ; attempt += 1) {
      const outcome = await this.attempt(what, token.accessToken, method, url, body, attempt);
      if (outcome.kind === 'done') {
        return outcome.response;
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

  private async attempt(
    what: string,
    accessToken: string,
    method: 'GET' | 'POST',
    url: string,
    payload: unknown,
    attempt: number,
  ): Promise<GraphAttempt> {
    let response: Response;
    let body: string;
    try {
      response = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${accessToken}`,
          accept: 'application/json',
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
        signal: AbortSignal.timeout(this.requestTimeoutMs),
      });
      body = await response.text();
    } catch (error: unknown) {
      // A refused connection, TLS failure or timeout: transient as far as the call can tell.
      this.logger.warn(`Graph ${what} request failed`, {
        problem: 'unavailable',
        attempt,
        errorName: error instanceof Error ? error.name : 'unknown',
      });
      return { kind: 'retry', problem: 'unavailable', delayMs: backoffMs(attempt) };
    }
    if (response.status === 429 || response.status >= 500) {
      const problem = response.status === 429 ? 'throttled' : 'unavailable';
      this.logger.warn(`Graph ${what} request not served`, {
        problem,
        status: response.status,
        attempt,
        graphRequestId: response.headers.get('request-id') ?? undefined,
      });
      const delayMs = retryAfterMs(response.headers.get('retry-after')) ?? backoffMs(attempt);
      return { kind: 'retry', problem, delayMs };
    }
    if (!response.ok) {
      this.logger.warn(`Graph ${what} request failed`, {
        problem: graphRefusal(response.status),
        status: response.status,
        attempt,
        graphRequestId: response.headers.get('request-id') ?? undefined,
      });
    }
    return { kind: 'done', response: { ok: true, status: response.status, body } };
  }
}

/**
 * A getter of one `create(settings)` per Graph settings of this process (undefined when Graph is
 * not configured), so its token cache lives as long as the process (or until resetConfigCache()).
 */
export function perGraphSettings<T>(create: (settings: GraphSettings) => T): () => T | undefined {
  let cached:
    { readonly settings: GraphSettings | undefined; readonly value: T | undefined } | undefined;
  return () => {
    const settings = getGraphSettings();
    if (cached === undefined || cached.settings !== settings) {
      cached = { settings, value: settings === undefined ? undefined : create(settings) };
    }
    return cached.value;
  };
}

/**
 * Reads a Graph feature for a caller that can do without it: settings Graph cannot use turn the
 * feature off (undefined) instead of failing the caller. The settings report names them at start
 * and on the status and help cards.
 */
export function unlessGraphSettingsBroken<T>(get: () => T | undefined): T | undefined {
  try {
    return get();
  } catch (error) {
    if (error instanceof ConfigError) return undefined;
    throw error;
  }
}

/** What a 4xx answer says about the call: not authorised, not permitted, or unusable. */
export function graphRefusal(status: number): GraphProblem {
  switch (status) {
    case 401:
      return 'unauthorized';
    case 403:
      // Typically the application permission not granted (admin consent missing).
      return 'forbidden';
    default:
      return 'unavailable';
  }
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
