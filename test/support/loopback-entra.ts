import { constants, createHash, verify, X509Certificate } from 'node:crypto';
import { z } from 'zod';
import {
  startLoopbackServer,
  type LoopbackAnswer,
  type LoopbackServer,
  type RecordedRequest,
} from './loopback-server';

// A stand-in for Microsoft Entra on loopback: an OpenID discovery document, its signing keys and a
// client-credentials token endpoint for one tenant. MSAL needs it on https (with a test CA trusted
// through NODE_EXTRA_CA_CERTS and the host in knownAuthorities); botbuilder also reads OpenID
// metadata over plain http.

/** The app registration the token endpoint knows: the credentials it accepts and what it issues. */
export interface RegisteredApp {
  readonly clientId: string;
  readonly clientSecret?: string;
  /** The app's PEM certificate: PS256 client assertions signed with its key are accepted. */
  readonly certificate?: string;
  /** The access token issued to the app. */
  readonly accessToken: string;
}

/**
 * A public client (an admin tool) that signs its user in with the device code flow: the user
 * "enters the code" after the given number of polls, and the token carries the scopes asked for.
 */
export interface DeviceCodeApp {
  readonly clientId: string;
  /** Token polls answered `authorization_pending` before the user has signed in. */
  readonly pendingPolls: number;
  /** The signed-in user, as the ID token and client_info name them. */
  readonly user: {
    readonly username: string;
    readonly objectId: string;
    readonly tenantId: string;
  };
  /** The access token issued once the user has signed in. */
  readonly accessToken: string;
  /** Scopes nobody has consented to for this client: asking for one fails, as Entra does. */
  readonly unconsentedScopes?: readonly string[];
}

/** How the authority is set up. */
export interface LoopbackEntraOptions {
  /** The tenant every path starts with: `/<tenant>/v2.0/.well-known/openid-configuration`. */
  readonly tenant: string;
  /** The `issuer` its OpenID document names; by default Entra's own, `<origin>/<tenant>/v2.0`. */
  readonly issuer?: string;
  /** The JWKs published at its `jwks_uri`, as the keys of tokens it would have signed. */
  readonly signingKeys?: readonly Readonly<Record<string, unknown>>[];
  /** Without an app, the token endpoint refuses every client. */
  readonly app?: RegisteredApp;
  /** A public client for the device code flow. */
  readonly deviceCodeApp?: DeviceCodeApp;
  /** Serve https with this key and certificate; plain http without. */
  readonly tls?: { readonly key: string; readonly cert: string };
}

/** A running loopback authority. */
export interface LoopbackEntra extends LoopbackServer {
  /** `<origin>/<tenant>`: MSAL's authority, botbuilder's `ToChannelFromBotLoginUrl`. */
  readonly authority: string;
  /** Its OpenID document: botbuilder's `ToBotFromChannelOpenIdMetadataUrl`. */
  readonly openIdMetadataUrl: string;
  /** The token requests received, in order. */
  tokenRequests(): RecordedRequest[];
  /** The device code requests received, in order. */
  deviceCodeRequests(): RecordedRequest[];
}

const assertionType = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const assertionHeaderSchema = z.object({ alg: z.literal('PS256'), 'x5t#S256': z.string() });
const assertionClaimsSchema = z.object({
  aud: z.string(),
  iss: z.string(),
  sub: z.string(),
  exp: z.number(),
  nbf: z.number(),
  iat: z.number().optional(),
});

/** Starts the authority on a free port of 127.0.0.1. */
export async function startLoopbackEntra(options: LoopbackEntraOptions): Promise<LoopbackEntra> {
  const { tenant, app } = options;
  const paths = {
    metadata: `/${tenant}/v2.0/.well-known/openid-configuration`,
    keys: `/${tenant}/discovery/v2.0/keys`,
    // MSAL 7 adds a query string to the token URL: routes match on the path.
    token: `/${tenant}/oauth2/v2.0/token`,
    // MSAL derives it from token_endpoint, "/token" replaced by "/devicecode".
    deviceCode: `/${tenant}/oauth2/v2.0/devicecode`,
  };
  const deviceCodes = new Map<string, { polls: number; scope: string }>();
  let origin = '';
  const route = (request: RecordedRequest): LoopbackAnswer => {
    const tenantRoot = `${origin}/${tenant}`;
    if (request.method === 'GET' && request.pathname === paths.metadata) {
      return {
        status: 200,
        json: {
          issuer: options.issuer ?? `${tenantRoot}/v2.0`,
          token_endpoint: `${origin}${paths.token}`,
          authorization_endpoint: `${tenantRoot}/oauth2/v2.0/authorize`,
          end_session_endpoint: `${tenantRoot}/oauth2/v2.0/logout`,
          jwks_uri: `${origin}${paths.keys}`,
          id_token_signing_alg_values_supported: ['RS256'],
        },
      };
    }
    if (request.method === 'GET' && request.pathname === paths.keys) {
      return { status: 200, json: { keys: options.signingKeys ?? [] } };
    }
    if (request.method === 'POST' && request.pathname === paths.deviceCode) {
      return issueDeviceCode(options.deviceCodeApp, new URLSearchParams(request.body), deviceCodes);
    }
    if (request.method === 'POST' && request.pathname === paths.token) {
      const form = new URLSearchParams(request.body);
      if (DEVICE_CODE_GRANTS.has(form.get('grant_type') ?? '')) {
        return redeemDeviceCode(options.deviceCodeApp, form, deviceCodes, `${tenantRoot}/v2.0`);
      }
      if (app === undefined || !isAuthenticated(app, form, `${origin}${paths.token}`)) {
        return {
          status: 401,
          json: {
            error: 'invalid_client',
            error_description: 'AADSTS7000215: Invalid client secret provided.',
            error_codes: [7000215],
          },
        };
      }
      return {
        status: 200,
        json: {
          token_type: 'Bearer',
          expires_in: 3599,
          ext_expires_in: 3599,
          access_token: app.accessToken,
        },
      };
    }
    return { status: 404 };
  };
  const server = await startLoopbackServer(route, options.tls);
  origin = server.origin;
  return {
    ...server,
    authority: `${origin}/${tenant}`,
    openIdMetadataUrl: `${origin}${paths.metadata}`,
    tokenRequests: () =>
      server.requests.filter(
        (request) => request.method === 'POST' && request.pathname === paths.token,
      ),
    deviceCodeRequests: () =>
      server.requests.filter(
        (request) => request.method === 'POST' && request.pathname === paths.deviceCode,
      ),
  };
}

// MSAL sends `device_code`; Entra's protocol page names the RFC 8628 grant. Both are taken.
const DEVICE_CODE_GRANTS = new Set(['device_code', 'urn:ietf:params:oauth:grant-type:device_code']);

function entraError(status: number, error: string, code: number, description: string) {
  return {
    status,
    json: {
      error,
      error_description: `AADSTS${String(code)}: ${description}`,
      error_codes: [code],
    },
  };
}

/** The device authorization request: a code for the user to enter, and one for the app to poll with. */
function issueDeviceCode(
  app: DeviceCodeApp | undefined,
  form: URLSearchParams,
  deviceCodes: Map<string, { polls: number; scope: string }>,
): LoopbackAnswer {
  if (form.get('client_id') !== app?.clientId) {
    return entraError(
      400,
      'unauthorized_client',
      700016,
      'Application was not found in the directory.',
    );
  }
  const deviceCode = `device-code-${String(deviceCodes.size + 1)}`;
  const userCode = `LOOP${String(deviceCodes.size + 1).padStart(4, '0')}`;
  deviceCodes.set(deviceCode, { polls: 0, scope: form.get('scope') ?? '' });
  return {
    status: 200,
    json: {
      user_code: userCode,
      device_code: deviceCode,
      verification_uri: 'https://microsoft.com/devicelogin',
      expires_in: 900,
      interval: 1,
      message: `To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code ${userCode} to authenticate.`,
    },
  };
}

/** A token poll: pending until the user has signed in, then the user's tokens. */
function redeemDeviceCode(
  app: DeviceCodeApp | undefined,
  form: URLSearchParams,
  deviceCodes: Map<string, { polls: number; scope: string }>,
  issuer: string,
): LoopbackAnswer {
  const entry = deviceCodes.get(form.get('device_code') ?? '');
  if (app === undefined || entry === undefined || form.get('client_id') !== app.clientId) {
    return entraError(
      400,
      'invalid_grant',
      70000,
      'The provided value for the device code is not valid.',
    );
  }
  entry.polls += 1;
  if (entry.polls <= app.pendingPolls) {
    return entraError(
      400,
      'authorization_pending',
      70016,
      'OAuth 2.0 device flow error. Authorization is pending.',
    );
  }
  const unconsented = entry.scope
    .split(' ')
    .filter((scope) => app.unconsentedScopes?.some((denied) => scope.endsWith(`/${denied}`)));
  if (unconsented.length > 0) {
    return {
      status: 400,
      json: {
        error: 'invalid_grant',
        error_description: `AADSTS65001: The user or administrator has not consented to use the application with ID '${app.clientId}' named 'Microsoft Graph Command Line Tools'. Send an interactive authorization request for this user and resource.`,
        error_codes: [65001],
        suberror: 'consent_required',
      },
    };
  }
  const encode = (value: unknown): string =>
    Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const { username, objectId, tenantId } = app.user;
  const idToken = [
    encode({ alg: 'none', typ: 'JWT' }),
    encode({
      iss: issuer,
      aud: app.clientId,
      iat: now,
      nbf: now,
      exp: now + 3600,
      tid: tenantId,
      oid: objectId,
      sub: objectId,
      preferred_username: username,
      name: username,
      ver: '2.0',
    }),
    '',
  ].join('.');
  return {
    status: 200,
    json: {
      token_type: 'Bearer',
      scope: entry.scope
        .split(' ')
        .filter((scope) => !['openid', 'profile', 'offline_access'].includes(scope))
        .join(' '),
      expires_in: 3599,
      ext_expires_in: 3599,
      access_token: app.accessToken,
      refresh_token: 'loopback-refresh-token',
      id_token: idToken,
      client_info: encode({ uid: objectId, utid: tenantId }),
    },
  };
}

function isAuthenticated(
  app: RegisteredApp,
  form: URLSearchParams,
  tokenEndpoint: string,
): boolean {
  if (form.get('client_id') !== app.clientId) return false;
  const secret = form.get('client_secret');
  if (secret !== null) return secret === app.clientSecret;
  return (
    app.certificate !== undefined &&
    isValidClientAssertion(app.clientId, app.certificate, form, tokenEndpoint)
  );
}

/** Checks a certificate client assertion the way Microsoft Entra does, against the app's certificate. */
function isValidClientAssertion(
  clientId: string,
  pem: string,
  form: URLSearchParams,
  tokenEndpoint: string,
): boolean {
  const assertion = form.get('client_assertion');
  if (assertion === null || form.get('client_assertion_type') !== assertionType) return false;
  const [header = '', claims = '', signature = ''] = assertion.split('.');
  const certificate = new X509Certificate(pem);
  const signed = verify(
    'sha256',
    Buffer.from(`${header}.${claims}`),
    {
      key: certificate.publicKey,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
    },
    Buffer.from(signature, 'base64url'),
  );
  const decode = (part: string): unknown => JSON.parse(Buffer.from(part, 'base64url').toString());
  const parsedHeader = assertionHeaderSchema.safeParse(decode(header));
  const parsedClaims = assertionClaimsSchema.safeParse(decode(claims));
  if (!signed || !parsedHeader.success || !parsedClaims.success) return false;
  const thumbprint = createHash('sha256').update(certificate.raw).digest('base64url');
  // MSAL rounds its clock: nbf and iat may be up to a second ahead of ours.
  const now = Math.floor(Date.now() / 1000) + 1;
  const { aud, iss, sub, exp, nbf, iat } = parsedClaims.data;
  return (
    parsedHeader.data['x5t#S256'] === thumbprint &&
    aud === tokenEndpoint &&
    iss === clientId &&
    sub === clientId &&
    nbf <= now &&
    (iat ?? 0) <= now &&
    exp > now
  );
}
