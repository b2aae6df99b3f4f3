/** The loopback stand-ins a single-tenant bot authenticates against, and who it is. */
export interface LoopbackBotAuth {
  /** The test CA the loopback HTTPS servers' certificates chain to. */
  readonly caPath: string;
  readonly app: { readonly id: string; readonly password: string; readonly tenant: string };
  /** Tenants the bot serves (ALLOWED_TENANT_IDS). */
  readonly allowedTenants: string;
  /** The loopback Bot Framework channel: its OpenID metadata, origin and token issuer. */
  readonly channel: { readonly openIdMetadataUrl: string; readonly origin: string };
  readonly issuer: string;
  /** The loopback Entra authority the bot gets its outbound token from. */
  readonly loginAuthority: string;
}

/**
 * The app settings of a single-tenant bot whose every authentication endpoint is a loopback
 * stand-in, as Azure would set them: inbound tokens from the loopback channel only (emulator and
 * skill metadata answer 404, so they are never trusted), outbound tokens from the loopback tenant.
 */
export function loopbackBotAuthEnvironment(auth: LoopbackBotAuth): Record<string, string> {
  return {
    NODE_EXTRA_CA_CERTS: auth.caPath,
    MicrosoftAppId: auth.app.id,
    MicrosoftAppPassword: auth.app.password,
    MicrosoftAppTenantId: auth.app.tenant,
    MicrosoftAppType: 'SingleTenant',
    ALLOWED_TENANT_IDS: auth.allowedTenants,
    ToBotFromChannelOpenIdMetadataUrl: auth.channel.openIdMetadataUrl,
    ToBotFromChannelTokenIssuer: auth.issuer,
    ToBotFromEmulatorOpenIdMetadataUrl: `${auth.channel.origin}/emulator/.well-known/openidconfiguration`,
    ToChannelFromBotLoginUrl: auth.loginAuthority,
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    OAuthUrl: `${auth.channel.origin}/oauth`,
    CallerId: 'urn:botframework:azure',
    ValidateAuthority: 'true',
  };
}
