import { setTimeout as sleep } from 'node:timers/promises';
import type { Activity, CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Logger } from './logger';

/** What a proactive send needs: where to post (a stored reference) and what. */
export interface ProactiveMessage {
  readonly reference: Readonly<Record<string, unknown>>;
  readonly activity: Partial<Activity>;
}

/** Retry settings for throttled or failing sends. */
export interface RetryPolicy {
  readonly attempts: number;
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
}

const defaultRetry: RetryPolicy = { attempts: 5, firstDelayMs: 1000, maxDelayMs: 30_000 };

// A stored reference must at least say which service and conversation to post to.
const referenceSchema = z.looseObject({
  serviceUrl: z.string().min(1),
  conversation: z.looseObject({ id: z.string().min(1) }),
});

/** Raised when a proactive send gives up; carries the HTTP status, never the request (it holds a token). */
export class ProactiveSendError extends Error {
  override readonly name = 'ProactiveSendError';

  constructor(
    message: string,
    readonly statusCode: number | undefined,
  ) {
    super(message);
  }
}

/** Posts messages into conversations the bot was part of, retrying throttling (429) and 5xx with backoff. */
export class ProactiveSender {
  readonly #adapter: CloudAdapter;
  readonly #appId: string;
  readonly #logger: Logger;
  readonly #retry: RetryPolicy;

  constructor(
    adapter: CloudAdapter,
    appId: string,
    logger: Logger,
    retry: RetryPolicy = defaultRetry,
  ) {
    this.#adapter = adapter;
    this.#appId = appId;
    this.#logger = logger;
    this.#retry = retry;
  }

  /** Sends one activity; resolves with the id the channel gave it. */
  async send(message: ProactiveMessage): Promise<string | undefined> {
    let id: string | undefined;
    await this.#withRetry(message.reference, async (context) => {
      id = (await context.sendActivity(message.activity))?.id;
    });
    return id;
  }

  /** Replaces a message the bot sent earlier (a card whose buttons must go, say). */
  async update(message: ProactiveMessage, activityId: string): Promise<void> {
    await this.#withRetry(message.reference, async (context) => {
      await context.updateActivity({ ...message.activity, id: activityId, type: 'message' });
    });
  }

  async #withRetry(
    stored: Readonly<Record<string, unknown>>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const parsed = referenceSchema.safeParse(stored);
    if (!parsed.success) {
      throw new ProactiveSendError('The stored conversation reference is incomplete.', undefined);
    }
    // Stored from TurnContext.getConversationReference, so the checked fields are all it may lack.
    const reference = parsed.data as unknown as Partial<ConversationReference>;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.#adapter.continueConversationAsync(this.#appId, reference, logic);
        return;
      } catch (error) {
        const status = statusOf(error);
        const retryable = status === 429 || (status !== undefined && status >= 500);
        if (!retryable || attempt >= this.#retry.attempts) {
          throw new ProactiveSendError(
            `Sending to the conversation failed${status === undefined ? '' : ` with HTTP ${String(status)}`} after ${String(attempt)} attempt(s).`,
            status,
          );
        }
        const delay = Math.min(
          this.#retry.maxDelayMs,
          this.#retry.firstDelayMs * 2 ** (attempt - 1),
        );
        this.#logger.warn('Proactive send throttled or failed; retrying', {
          status,
          attempt,
          delayMs: delay,
        });
        await sleep(delay);
      }
    }
  }
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const candidate =
    (error as { statusCode?: unknown; status?: unknown }).statusCode ??
    (error as { status?: unknown }).status;
  return typeof candidate === 'number' ? candidate : undefined;
}
