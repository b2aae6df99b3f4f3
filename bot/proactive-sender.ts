import { setTimeout as sleep } from 'node:timers/promises';
import {
  TeamsInfo,
  TurnContext,
  type Activity,
  type CloudAdapter,
  type ConversationParameters,
  type ConversationReference,
} from 'botbuilder';
import { z } from 'zod';
import { channelOf } from '../platform/conversation-references';
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
  /** The most time one send may spend waiting between attempts, Retry-After included. */
  readonly waitBudgetMs: number;
}

const defaultRetry: RetryPolicy = {
  attempts: 5,
  firstDelayMs: 1000,
  maxDelayMs: 30_000,
  waitBudgetMs: 60_000,
};

/**
 * Why a message did not arrive. Unreachable ones say something about the person or conversation
 * (Teams answers 403 when the app is not installed for the user or the bot left the conversation,
 * 403 MessageWritesBlocked when the user blocked the bot, 404 when the conversation is gone); the
 * others about the send.
 */
export const deliveryProblems = [
  'blocked',
  'not-in-conversation',
  'conversation-not-found',
  'throttled',
  'too-large',
  'refused',
  'service-error',
  'bad-reference',
] as const;
export type DeliveryProblem = (typeof deliveryProblems)[number];

/** What became of a proactive send. */
export type Delivery =
  | { readonly kind: 'delivered'; readonly activityId: string | undefined }
  | {
      readonly kind: 'unreachable' | 'failed';
      readonly problem: DeliveryProblem;
      /** The connector's HTTP status and error code, when it answered. */
      readonly statusCode: number | undefined;
      readonly code: string | undefined;
    };

/** A delivery that did not arrive. */
export type Failure = Exclude<Delivery, { kind: 'delivered' }>;

/** A member of a conversation, as Teams' connector describes them. */
export interface ConversationMember {
  /** Their Teams user id (`29:...`). */
  readonly id: string;
  readonly aadObjectId: string | undefined;
  readonly name: string | undefined;
  readonly userPrincipalName: string | undefined;
}

/** What a member lookup found. */
export type MemberLookup =
  | { readonly kind: 'found'; readonly member: ConversationMember }
  | { readonly kind: 'not-found' }
  | Failure;

/** A personal chat opened with someone, or why it could not be. */
export type PersonalChatOpening =
  { readonly kind: 'opened'; readonly reference: Record<string, unknown> } | Failure;

// A stored reference must at least say which service and conversation to post to.
const referenceSchema = z.looseObject({
  serviceUrl: z.string().min(1),
  conversation: z.looseObject({ id: z.string().min(1) }),
});

/** What botframework-connector's RestError carries: status, Teams' error code, the response. */
const connectorErrorSchema = z.looseObject({
  statusCode: z.number().optional(),
  status: z.number().optional(),
  code: z.string().optional(),
  response: z
    .looseObject({ headers: z.custom<{ get(name: string): string | undefined }>() })
    .optional(),
});

interface ConnectorFailure {
  readonly statusCode: number | undefined;
  readonly code: string | undefined;
  readonly retryAfterMs: number | undefined;
}

/**
 * Posts messages into conversations the bot was part of, and says what became of each: delivered,
 * unreachable (with why) or failed. Throttling (429, after its Retry-After) and 5xx are retried
 * within a bounded wait. A failed send never reaches the adapter's turn error handler, which would
 * post an error card into the very chat that could not be reached.
 */
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

  /** Sends one activity. */
  async send(message: ProactiveMessage): Promise<Delivery> {
    let id: string | undefined;
    const failure = await this.#inConversation(message.reference, async (context) => {
      id = (await context.sendActivity(message.activity))?.id;
    });
    return failure ?? { kind: 'delivered', activityId: id };
  }

  /** Replaces a message the bot sent earlier (a card whose buttons must go, say). */
  async update(message: ProactiveMessage, activityId: string): Promise<Delivery> {
    const failure = await this.#inConversation(message.reference, async (context) => {
      await context.updateActivity({ ...message.activity, id: activityId, type: 'message' });
    });
    return failure ?? { kind: 'delivered', activityId };
  }

  /**
   * Looks a person up among the members of a conversation the bot is in (Teams takes their Teams
   * user id, Microsoft Entra object id or sign-in name): found, not a member (404), or why the
   * connector could not say.
   */
  async findMember(
    reference: Readonly<Record<string, unknown>>,
    userId: string,
  ): Promise<MemberLookup> {
    let member: ConversationMember | undefined;
    // The roster is the conversation's, not a channel thread's: its `;messageid=` goes.
    const conversation = z.looseObject({ id: z.string() }).safeParse(reference.conversation);
    const roster = conversation.success
      ? {
          ...reference,
          conversation: { ...conversation.data, id: channelOf(conversation.data.id) },
        }
      : reference;
    const failure = await this.#inConversation(roster, async (context) => {
      const account = await TeamsInfo.getMember(context, userId);
      member = {
        id: account.id,
        aadObjectId: account.aadObjectId === '' ? undefined : account.aadObjectId,
        name: account.name === '' ? undefined : account.name,
        userPrincipalName: account.userPrincipalName === '' ? undefined : account.userPrincipalName,
      };
    });
    if (failure === undefined) {
      return member === undefined ? { kind: 'not-found' } : { kind: 'found', member };
    }
    if (failure.statusCode === 404) return { kind: 'not-found' };
    return failure;
  }

  /**
   * Opens (or finds) the personal chat of a member with the bot, on the service the reference
   * names, and returns that chat's reference. Teams answers 403 when the app is not installed
   * for the person.
   */
  async openPersonalChat(
    via: Readonly<Record<string, unknown>>,
    memberId: string,
    tenantId: string,
  ): Promise<PersonalChatOpening> {
    const parsed = referenceSchema.safeParse(via);
    if (!parsed.success) {
      return { kind: 'failed', problem: 'bad-reference', statusCode: undefined, code: undefined };
    }
    const origin = parsed.data as unknown as Partial<ConversationReference>;
    const parameters = {
      isGroup: false,
      bot: origin.bot,
      members: [{ id: memberId }],
      tenantId,
      channelData: { tenant: { id: tenantId } },
    } as ConversationParameters;
    let opened: Record<string, unknown> | undefined;
    const failure = await this.#withRetry(async () => {
      let attemptFailure: ConnectorFailure | undefined;
      try {
        await this.#adapter.createConversationAsync(
          this.#appId,
          origin.channelId ?? 'msteams',
          parsed.data.serviceUrl,
          // The connector factory's default audience: the Bot Framework's.
          undefined as unknown as string,
          parameters,
          (context) => {
            const reference = TurnContext.getConversationReference(context.activity);
            opened = JSON.parse(
              JSON.stringify({
                ...reference,
                conversation: { ...reference.conversation, conversationType: 'personal', tenantId },
                user: { id: memberId },
                bot: origin.bot,
              }),
            ) as Record<string, unknown>;
            return Promise.resolve();
          },
        );
      } catch (error) {
        // The create call itself throws before any turn runs, so no turn error handler sees it.
        attemptFailure = failureOf(error);
      }
      return attemptFailure;
    });
    if (failure !== undefined) return failure;
    if (opened === undefined) {
      return { kind: 'failed', problem: 'service-error', statusCode: undefined, code: undefined };
    }
    return { kind: 'opened', reference: opened };
  }

  /** Runs logic in a stored conversation, retrying throttled and failed tries. */
  #inConversation(
    stored: Readonly<Record<string, unknown>>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<Failure | undefined> {
    const parsed = referenceSchema.safeParse(stored);
    if (!parsed.success) {
      return Promise.resolve({
        kind: 'failed',
        problem: 'bad-reference',
        statusCode: undefined,
        code: undefined,
      });
    }
    // Stored from TurnContext.getConversationReference, so the checked fields are all it may lack.
    const reference = parsed.data as unknown as Partial<ConversationReference>;
    return this.#withRetry(() => this.#attempt(reference, logic));
  }

  async #withRetry(
    attempt: () => Promise<ConnectorFailure | undefined>,
  ): Promise<Failure | undefined> {
    let waited = 0;
    for (let tried = 1; ; tried++) {
      const failure = await attempt();
      if (failure === undefined) return undefined;
      const { statusCode } = failure;
      const retryable =
        statusCode === 429 || statusCode === undefined || (statusCode >= 500 && statusCode !== 501);
      const delay = Math.max(
        failure.retryAfterMs ?? 0,
        Math.min(this.#retry.maxDelayMs, this.#retry.firstDelayMs * 2 ** (tried - 1)),
      );
      if (
        !retryable ||
        tried >= this.#retry.attempts ||
        waited + delay > this.#retry.waitBudgetMs
      ) {
        return outcomeOf(failure);
      }
      this.#logger.warn('Proactive send throttled or failed; retrying', {
        status: statusCode,
        code: failure.code,
        attempt: tried,
        delayMs: delay,
      });
      waited += delay;
      await sleep(delay);
    }
  }

  /**
   * Takes the retry policy out of this turn's connector client: core-rest-pipeline's waits out any
   * Retry-After, however long, and retries 5xx three times under each of this sender's attempts.
   * This sender is then the only one that retries, within its budget.
   */
  #withoutClientRetries(context: TurnContext): void {
    const connector = pipelineHolderSchema.safeParse(
      context.turnState.get<unknown>(this.#adapter.ConnectorClientKey),
    );
    if (!connector.success) {
      throw new Error("The turn's connector client has no request pipeline to take retries from.");
    }
    connector.data.client.pipeline.removePolicy({ phase: 'Retry' });
  }

  /** One try. Errors are caught inside the turn: botbuilder would hand them to onTurnError. */
  async #attempt(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<ConnectorFailure | undefined> {
    let failure: ConnectorFailure | undefined;
    try {
      await this.#adapter.continueConversationAsync(this.#appId, reference, async (context) => {
        try {
          this.#withoutClientRetries(context);
          await logic(context);
        } catch (error) {
          failure = failureOf(error);
        }
      });
    } catch (error) {
      // Before the turn ran (the outbound token, say).
      failure = failureOf(error);
    }
    return failure;
  }
}

const pipelineHolderSchema = z.object({
  client: z.object({
    pipeline: z.custom<{ removePolicy(options: { phase: 'Retry' }): unknown }>(
      (value) =>
        typeof value === 'object' &&
        value !== null &&
        typeof (value as { removePolicy?: unknown }).removePolicy === 'function',
    ),
  }),
});

function failureOf(error: unknown): ConnectorFailure {
  const parsed = connectorErrorSchema.safeParse(error);
  if (!parsed.success) return { statusCode: undefined, code: undefined, retryAfterMs: undefined };
  const { statusCode, status, code, response } = parsed.data;
  let retryAfter: string | undefined;
  try {
    retryAfter = response?.headers.get('retry-after') ?? undefined;
  } catch {
    // Headers that cannot be read mean no Retry-After: the backoff applies.
    retryAfter = undefined;
  }
  const seconds = retryAfter === undefined ? Number.NaN : Number(retryAfter);
  return {
    statusCode: statusCode ?? status,
    // A network error's code (ECONNREFUSED) is no connector answer.
    code: (statusCode ?? status) ? code : undefined,
    retryAfterMs: Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined,
  };
}

function outcomeOf(failure: ConnectorFailure): Failure {
  const { statusCode, code } = failure;
  const result = (kind: 'unreachable' | 'failed', problem: DeliveryProblem): Failure => ({
    kind,
    problem,
    statusCode,
    code,
  });
  if (statusCode === 403) {
    return result(
      'unreachable',
      code === 'MessageWritesBlocked' ? 'blocked' : 'not-in-conversation',
    );
  }
  if (statusCode === 404) return result('unreachable', 'conversation-not-found');
  if (statusCode === 429) return result('failed', 'throttled');
  if (statusCode === 413) return result('failed', 'too-large');
  if (statusCode !== undefined && statusCode < 500) return result('failed', 'refused');
  return result('failed', 'service-error');
}
