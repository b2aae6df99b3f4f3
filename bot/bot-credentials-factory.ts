import { ConfidentialClientApplication } from '@azure/msal-node';
import { MsalServiceClientCredentialsFactory } from 'botframework-connector';
import type { BotAuthConfig } from '../platform/config';

type BotFrameworkAuth = Extract<BotAuthConfig, { mode: 'bot-framework' }>;
type MsalClientOfBotbuilder = ConstructorParameters<typeof MsalServiceClientCredentialsFactory>[1];

const PUBLIC_CLOUD_LOGIN = 'https://login.microsoftonline.com';
const MULTI_TENANT_AUTHORITY = `${PUBLIC_CLOUD_LOGIN}/botframework.com`;

/**
 * Credentials for the bot's outbound calls (replies, proactive messages), or undefined to let
 * botbuilder build its own from the settings (managed identity).
 */
export function createBotCredentialsFactory(
  auth: BotFrameworkAuth,
): MsalServiceClientCredentialsFactory | undefined {
  if (auth.appType === 'UserAssignedMSI' || auth.appPassword === undefined) {
    return undefined;
  }
  const loginOverride = auth.endpoints?.ToChannelFromBotLoginUrl;
  const authority =
    loginOverride ??
    (auth.appType === 'SingleTenant' && auth.appTenantId !== undefined
      ? `${PUBLIC_CLOUD_LOGIN}/${auth.appTenantId}`
      : MULTI_TENANT_AUTHORITY);
  // botbuilder's own MSAL client always asks the public cloud for instance discovery first; naming
  // the overridden login host as a known authority is what lets a private or loopback cloud work.
  const client = new ConfidentialClientApplication({
    auth: {
      clientId: auth.appId,
      clientSecret: auth.appPassword,
      authority,
      ...(loginOverride === undefined ? {} : { knownAuthorities: [new URL(loginOverride).host] }),
    },
  });
  // botframework-connector's types name its own MSAL 2.x copy; the runtime contract it uses
  // (acquireTokenByClientCredential) is the same in MSAL 7.
  return new MsalServiceClientCredentialsFactory(
    auth.appId,
    client as unknown as MsalClientOfBotbuilder,
  );
}
