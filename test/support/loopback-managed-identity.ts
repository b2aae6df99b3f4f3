import { generateKeyPairSync, randomBytes, randomUUID, sign, type KeyObject } from 'node:crypto';
import {
  startLoopbackServer,
  type LoopbackAnswer,
  type LoopbackServer,
  type RecordedRequest,
} from './loopback-server';

// A stand-in for the managed identity endpoint App Service and Azure Functions give an app: GET
// IDENTITY_ENDPOINT?api-version=2019-08-01&resource=...&client_id=... with the secret
// IDENTITY_HEADER in X-IDENTITY-HEADER, answered with { access_token, expires_on, resource,
// token_type, client_id } (expires_on in epoch seconds, as a string). msal-node (directly and inside
// @azure/identity) finds it through those two variables.
// https://learn.microsoft.com/azure/app-service/overview-managed-identity#rest-endpoint-reference

/** The JWT claims Azurite's basic OAuth checks: Entra's v1 issuer, the resource as audience, lifetime. */
export interface IssuedTokenClaims {
  readonly iss: string;
  readonly aud: string;
  readonly appid: string;
  readonly oid: string;
  readonly tid: string;
  readonly iat: number;
  readonly nbf: number;
  readonly exp: number;
}

/** One token request the endpoint received, read the way App Service reads it. */
export interface IdentityTokenRequest {
  readonly method: string;
  readonly pathname: string;
  readonly apiVersion: string | null;
  readonly resource: string | null;
  readonly clientId: string | null;
  /** The X-IDENTITY-HEADER value sent. */
  readonly identityHeader: string | undefined;
}

/** How the endpoint is set up. */
export interface LoopbackManagedIdentityOptions {
  /** The user-assigned identities the app has, by client id; others are refused with a 400. */
  readonly clientIds: readonly string[];
  /** The tenant the tokens name in `iss` and `tid`. */
  readonly tenantId?: string;
  /** Seconds a token lives; 3600 by default. */
  readonly lifetimeSeconds?: number;
  /** Claims that replace the issued ones (a token Azurite must refuse, for instance). */
  readonly claims?: Partial<IssuedTokenClaims>;
}

/** A running loopback managed identity endpoint. */
export interface LoopbackManagedIdentity extends LoopbackServer {
  /** IDENTITY_ENDPOINT and IDENTITY_HEADER, to put in the app's environment. */
  readonly env: { readonly IDENTITY_ENDPOINT: string; readonly IDENTITY_HEADER: string };
  /** Every request to the token path, in order. */
  tokenRequests(): IdentityTokenRequest[];
  /** The access tokens issued, in order. */
  readonly issued: string[];
  /** While on, every token request is answered 500, as an endpoint in trouble does. */
  setUnavailable(unavailable: boolean): void;
}

const TOKEN_PATH = '/msi/token';
const API_VERSION = '2019-08-01';

/** Starts the endpoint on a free port of 127.0.0.1 (plain http, as on App Service). */
export async function startLoopbackManagedIdentity(
  options: LoopbackManagedIdentityOptions,
): Promise<LoopbackManagedIdentity> {
  // The secret is fresh per endpoint, so that a test can look for it in everything the app printed.
  const identityHeader = randomBytes(24).toString('base64url');
  const tenantId = options.tenantId ?? randomUUID();
  const lifetime = options.lifetimeSeconds ?? 3600;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const issued: string[] = [];
  let unavailable = false;
  const route = (request: RecordedRequest): LoopbackAnswer => {
    const read = readTokenRequest(request);
    if (request.method !== 'GET' || read.pathname !== TOKEN_PATH) {
      return { status: 404 };
    }
    if (read.identityHeader !== identityHeader) {
      return appServiceError(401, 'The X-IDENTITY-HEADER is missing or wrong.');
    }
    if (read.apiVersion !== API_VERSION || read.resource === null) {
      return appServiceError(400, 'api-version and resource are required.');
    }
    if (unavailable) {
      return appServiceError(500, 'The managed identity service is unavailable.');
    }
    if (read.clientId === null || !options.clientIds.includes(read.clientId)) {
      return appServiceError(400, 'Unable to load the proper Managed Identity.');
    }
    const now = Math.floor(Date.now() / 1000);
    const claims: IssuedTokenClaims = {
      iss: `https://sts.windows.net/${tenantId}/`,
      aud: read.resource,
      appid: read.clientId,
      oid: randomUUID(),
      tid: tenantId,
      // Entra backdates nbf and iat against clock skew; Azurite refuses a token before its nbf.
      iat: now - 300,
      nbf: now - 300,
      exp: now + lifetime,
      ...options.claims,
    };
    const token = signJwt(privateKey, claims);
    issued.push(token);
    return {
      status: 200,
      json: {
        access_token: token,
        expires_on: String(claims.exp),
        resource: read.resource,
        token_type: 'Bearer',
        client_id: read.clientId,
      },
    };
  };
  const server = await startLoopbackServer(route);
  return {
    ...server,
    env: { IDENTITY_ENDPOINT: `${server.origin}${TOKEN_PATH}`, IDENTITY_HEADER: identityHeader },
    tokenRequests: () =>
      server.requests.map(readTokenRequest).filter((request) => request.pathname === TOKEN_PATH),
    issued,
    setUnavailable(value) {
      unavailable = value;
    },
  };
}

function readTokenRequest(request: RecordedRequest): IdentityTokenRequest {
  const url = new URL(request.path, 'http://127.0.0.1');
  const header = request.headers['x-identity-header'];
  return {
    method: request.method,
    pathname: url.pathname,
    apiVersion: url.searchParams.get('api-version'),
    resource: url.searchParams.get('resource'),
    clientId: url.searchParams.get('client_id'),
    identityHeader: Array.isArray(header) ? header.join(',') : header,
  };
}

/** App Service's error shape: a status code and a message, no OAuth error code. */
function appServiceError(status: number, message: string): LoopbackAnswer {
  return { status, json: { statusCode: status, message, correlationId: randomUUID() } };
}

/** An RS256 JWT, signed synchronously because the loopback server's routes answer synchronously. */
function signJwt(key: KeyObject, claims: IssuedTokenClaims): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signingInput = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ ...claims, uti: randomUUID() })}`;
  const signature = sign('sha256', Buffer.from(signingInput), key).toString('base64url');
  return `${signingInput}.${signature}`;
}
