import { appNow } from '../platform/clock';
import { randomUUID } from 'node:crypto';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type ConversationAccount,
  type TurnContext,
} from 'botbuilder';
import type { AdaptiveCardJson } from '../cards/card-template';
import { renderErrorCard } from '../cards/error-card';
import type { BotAuthConfig } from '../platform/config';
import { createBotCredentialsFactory } from './bot-credentials-factory';
import { adaptiveCardMessage } from './card-message';
import { FailClosedBotFrameworkAuthentication } from './fail-closed-authentication';
import type { Logger } from './logger';

/** Creates the botbuilder adapter: auth off for the local Playground, Bot Framework auth otherwise. */
export function createAdapter(auth: BotAuthConfig, logger: Logger): CloudAdapter {
  const adapter = new CloudAdapter(createAuthentication(auth, logger));
  adapter.onTurnError = (context, error) => reportTurnError(context, error, logger);
  return adapter;
}

function createAuthentication(
  auth: BotAuthConfig,
  logger: Logger,
): ConfigurationBotFrameworkAuthentication {
  if (auth.mode === 'off') {
    // With no app id botbuilder accepts unsigned requests, which is what the Playground sends.
    return new ConfigurationBotFrameworkAuthentication({});
  }
  const settings: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: auth.appId,
    MicrosoftAppType: auth.appType,
    ...(auth.appPassword === undefined ? {} : { MicrosoftAppPassword: auth.appPassword }),
    ...(auth.appTenantId === undefined ? {} : { MicrosoftAppTenantId: auth.appTenantId }),
    ...auth.endpoints,
  };
  return new FailClosedBotFrameworkAuthentication(
    logger,
    settings,
    // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- botframework-connector's MSAL factory implements its abstract factory class instead of extending it; botbuilder only calls its methods
    createBotCredentialsFactory(auth),
  );
}

async function reportTurnError(context: TurnContext, error: Error, logger: Logger): Promise<void> {
  const correlationId = randomUUID();
  // The activity is whatever was posted; a malformed one must not make the error path throw too.
  const conversation = context.activity.conversation as Partial<ConversationAccount> | undefined;
  // Only name, message and stack: connector errors carry the outbound request, bearer token included.
  logger.error('Turn failed', {
    correlationId,
    activityType: context.activity.type,
    conversationType: conversation?.conversationType,
    errorName: error.name,
    errorMessage: error.message,
    stack: error.stack,
  });
  try {
    // Inside the try: a card that cannot be built is one more reason the user was not told.
    await context.sendActivity(adaptiveCardMessage(renderTurnErrorCard(correlationId)));
  } catch (sendError: unknown) {
    // The failure may be the outbound channel itself; the log line above is then all there is.
    logger.warn('Could not tell the user about a failed turn', {
      correlationId,
      errorName: sendError instanceof Error ? sendError.name : typeof sendError,
    });
  }
}

/** What a user whose turn failed is shown: fixed words and the reference, never the error itself. */
function renderTurnErrorCard(correlationId: string): AdaptiveCardJson {
  return renderErrorCard({
    message: 'Something failed on my side while I was answering, so I did not finish it.',
    correlationId,
    occurredAt: appNow().toISOString(),
    tips: [
      'Try again in a few minutes.',
      'Type status to see where your migration stands before you send anything again.',
    ],
  });
}
