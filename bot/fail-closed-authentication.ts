import { ConfigurationBotFrameworkAuthentication, StatusCodes, type Activity } from 'botbuilder';
import {
  AuthenticationError,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
} from 'botframework-connector';
import type { Logger } from './logger';

/**
 * Bot Framework authentication that answers every failed token check with 401.
 *
 * botframework-connector passes jsonwebtoken's own errors through (bad signature, `alg: none` with
 * a known kid, `nbf` in the future, HS256 signed with the public key) and CloudAdapter maps only
 * AuthenticationError to 401, so those would surface as 500. The bot logic never runs either way;
 * this keeps the answer honest and the behaviour fail-closed.
 */
export class FailClosedBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  readonly #logger: Logger;

  constructor(
    logger: Logger,
    ...settings: ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>
  ) {
    super(...settings);
    this.#logger = logger;
  }

  override async authenticateRequest(
    activity: Activity,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    // botbuilder checks the token's serviceurl claim only when the activity has a serviceUrl.
    if (typeof activity.serviceUrl !== 'string' || activity.serviceUrl === '') {
      throw new AuthenticationError(
        'Unauthorized. The activity has no serviceUrl.',
        StatusCodes.UNAUTHORIZED,
      );
    }
    return this.#failClosed(() => super.authenticateRequest(activity, authHeader));
  }

  override authenticateStreamingRequest(
    authHeader: string,
    channelIdHeader: string,
  ): Promise<AuthenticateRequestResult> {
    return this.#failClosed(() => super.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.#failClosed(() => super.authenticateChannelRequest(authHeader));
  }

  async #failClosed<T>(authenticate: () => Promise<T>): Promise<T> {
    try {
      return await authenticate();
    } catch (error: unknown) {
      if (error instanceof AuthenticationError) {
        throw error;
      }
      const name = error instanceof Error ? error.name : typeof error;
      const message = error instanceof Error ? error.message : 'non-error thrown';
      this.#logger.warn('Bot Framework authentication failed', {
        errorName: name,
        errorMessage: message,
      });
      throw new AuthenticationError(`Unauthorized. ${name}`, StatusCodes.UNAUTHORIZED);
    }
  }
}
