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
  };
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
    if (request.method === 'POST' && request.pathname === paths.token) {
      const form = new URLSearchParams(request.body);
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
    tokenRequests: () => server.requests.filter((request) => request.method === 'POST'),
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
