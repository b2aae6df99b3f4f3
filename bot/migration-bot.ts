import { createHash } from 'node:crypto';
import {
  TeamsActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type TurnContext,
} from 'botbuilder';
import { findActiveMigration, memberOf, tenantOf } from './active-migration';
import { answerCardAction, messageResponse } from './card-actions';
import { hasEvidenceFiles, takeEvidence, takeSignInAnswers } from './evidence-intake';
import { offerPendingApproval, runMigrationCommand } from './migration-signals-out';
import { cardVerbs, parseCardAction } from '../cards/verbs';
import { parseBotCommand } from './bot-command';
import { answerCloudSyncCheck, offerCloudSyncCheck } from './cloud-sync-check';
import { referenceOf, referenceUserName } from './conversation-reference';
import { createHelpReply } from './help-reply';
import type { Logger } from './logger';
import {
  listMigrations,
  reportHistory,
  offerStartForm,
  reportStatus,
  submitStartForm,
} from './migration-commands';
import { migrationServicesOf, type MigrationServices } from './migration-services';
import { UnreadableReferenceError } from '../platform/conversation-references';
import { removeBotMention } from './remove-bot-mention';
import { findActivityTenantId, isTenantAllowed, type TenantPolicy } from './tenant-gate';

/** What the bot needs from its host. */
export interface MigrationBotDependencies {
  readonly logger: Logger;
  readonly tenantPolicy: TenantPolicy;
}

const REFUSAL = 'This assistant is not available for your organisation.';
const UNKNOWN_COMMAND = 'I did not recognise that. Type help to see what I can do.';

const NO_STORAGE =
  'Migrations cannot be run from here: this bot has no migration storage configured.';
const conversationKeyOfTurn = Symbol('conversationKey');

/** The Teams conversation of the Entra Connect migration assistant. */
export class MigrationBot extends TeamsActivityHandler {
  readonly #logger: Logger;
  readonly #tenantPolicy: TenantPolicy;

  constructor(dependencies: MigrationBotDependencies) {
    super();
    this.#logger = dependencies.logger;
    this.#tenantPolicy = dependencies.tenantPolicy;

    this.onMessage(async (context, next) => {
      await this.#answerMessage(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      // 'add-upgrade' also lands here: an app update is not a first install.
      if (context.activity.action === 'add') {
        await context.sendActivity(createHelpReply(migrationServicesOf(context)?.settingsProblems));
      }
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      // Teams follows a bot's install with installationUpdate, which already sent the welcome;
      // other channels (Emulator, Web Chat) only tell the bot through conversationUpdate.
      if (isBotAdded(context) && context.activity.channelId !== 'msteams') {
        await context.sendActivity(createHelpReply(migrationServicesOf(context)?.settingsProblems));
      }
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    if (!isTenantAllowed(this.#tenantPolicy, context.activity)) {
      await this.#refuse(context);
      return;
    }
    const services = migrationServicesOf(context);
    if (services !== undefined && !(await this.#takenFirstTime(context, services))) {
      this.#logger.info('A message Teams delivered again was taken already; not answered twice', {
        activityType: context.activity.type,
      });
      return;
    }
    const firstContact =
      services !== undefined && (await this.#rememberConversation(context, services));
    await super.run(context);
    if (services !== undefined && firstContact) await offerPendingApproval(context, services);
  }

  async #answerMessage(context: TurnContext): Promise<void> {
    const services = migrationServicesOf(context);
    if (context.activity.value !== undefined && context.activity.value !== null) {
      await this.#answerCardSubmit(context, services);
      return;
    }
    if (services !== undefined && hasEvidenceFiles(context)) {
      await this.#takeEvidence(context, services);
      return;
    }
    const command = parseBotCommand(removeBotMention(context.activity));
    switch (command.kind) {
      case 'help':
        await context.sendActivity(createHelpReply(migrationServicesOf(context)?.settingsProblems));
        return;
      case 'cloud-sync':
        await offerCloudSyncCheck(context, services);
        return;
      case 'start-migration':
        await (services === undefined
          ? context.sendActivity(NO_STORAGE)
          : offerStartForm(context, services));
        return;
      case 'status':
        await (services === undefined
          ? context.sendActivity(NO_STORAGE)
          : reportStatus(context, services));
        return;
      case 'list':
        await (services === undefined
          ? context.sendActivity(NO_STORAGE)
          : listMigrations(context, services));
        return;
      case 'history':
        await (services === undefined
          ? context.sendActivity(NO_STORAGE)
          : reportHistory(context, services));
        return;
      case 'unknown':
        if (services === undefined) {
          await context.sendActivity(UNKNOWN_COMMAND);
          return;
        }
        await this.#takeEvidence(context, services);
        return;
      default:
        await (services === undefined
          ? context.sendActivity(NO_STORAGE)
          : runMigrationCommand(context, services, command));
        return;
    }
  }

  /** Anything else sent while a migration runs is taken as evidence for it. */
  async #takeEvidence(context: TurnContext, services: MigrationServices): Promise<void> {
    const active = await findActiveMigration(services, tenantOf(context));
    if (active === undefined) {
      await context.sendActivity(UNKNOWN_COMMAND);
      return;
    }
    await takeEvidence(context, services, active, this.#logger);
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    _invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const services = migrationServicesOf(context);
    if (services === undefined) return messageResponse(NO_STORAGE);
    return answerCardAction(context, services, this.#logger);
  }

  /** An Action.Submit arrives as a message whose value is the card data plus its inputs. */
  async #answerCardSubmit(
    context: TurnContext,
    services: MigrationServices | undefined,
  ): Promise<void> {
    const parsed = parseCardAction(context.activity.value);
    if (!parsed.ok) {
      this.#logger.warn('Card submit with invalid data', { reason: parsed.error });
      await context.sendActivity(
        'That card action could not be read. Type help to see what I can do.',
      );
      return;
    }
    const { action } = parsed;
    // The Cloud Sync check is a conversation of its own: it needs no migration storage.
    if (action.verb === cardVerbs.checkCloudSync) {
      await answerCloudSyncCheck(context, action);
      return;
    }
    if (services === undefined) {
      await context.sendActivity(NO_STORAGE);
      return;
    }
    switch (action.verb) {
      case cardVerbs.startMigration: {
        const key = context.turnState.get<string | undefined>(conversationKeyOfTurn);
        if (key === undefined)
          throw new Error('The conversation reference was not stored for this turn.');
        await submitStartForm(context, services, action, key);
        return;
      }
      case cardVerbs.continueToMigration:
        await offerStartForm(context, services);
        return;
      case cardVerbs.submitSignIn: {
        const active = await findActiveMigration(services, tenantOf(context));
        if (active?.migrationId !== action.migrationId) {
          await context.sendActivity(
            'That form belongs to a migration that is not running any more.',
          );
          return;
        }
        await takeSignInAnswers(context, services, active, action);
        return;
      }
      default:
        await context.sendActivity(
          'Use the buttons of that card: this kind of action is not sent as a form.',
        );
        return;
    }
  }

  /**
   * Keeps where this conversation (and, in a personal chat, this user) can be reached later;
   * true when the bot could not reach this user in a personal chat before.
   */
  async #rememberConversation(context: TurnContext, services: MigrationServices): Promise<boolean> {
    const { activity } = context;
    const tenantId = findActivityTenantId(activity) ?? 'local';
    const reference = referenceOf(activity);
    const now = services.now();
    const userId = activity.from.aadObjectId;
    const personal =
      activity.conversation.conversationType === 'personal' &&
      userId !== undefined &&
      userId !== '';
    // The conversation and the personal chat are separate rows: stored and read side by side.
    const [key, known] = await Promise.all([
      services.references.saveConversation(tenantId, activity.conversation.id, reference, now),
      personal
        ? services.references
            .get(tenantId, services.references.personalChatKey(userId))
            .catch((error: unknown) => {
              // A stored chat that no longer reads is replaced by this one, as if it had never been.
              if (error instanceof UnreadableReferenceError) return undefined;
              throw error;
            })
        : undefined,
    ]);
    context.turnState.set(conversationKeyOfTurn, key);
    if (!personal) return false;
    const named = await withUserName(context, reference, known);
    await Promise.all([
      services.references.savePersonalChat(tenantId, userId, named, now),
      // Approvers may be named by Teams user id (the local people picker): reachable by that too.
      activity.from.id === userId
        ? undefined
        : services.references.savePersonalChat(tenantId, activity.from.id, named, now),
    ]);
    return known === undefined;
  }

  /** False for a message taken before: Teams delivered it again (same id, or same content). */
  async #takenFirstTime(context: TurnContext, services: MigrationServices): Promise<boolean> {
    const { activity } = context;
    if (activity.type !== 'message') return true;
    const conversation = activity.conversation.id;
    const sentAt = new Date(activity.timestamp ?? Number.NaN);
    const content = createHash('sha256')
      .update(JSON.stringify([activity.text, activity.value ?? null, activity.attachments ?? []]))
      .digest('hex');
    const keys = [
      ...(activity.id === undefined || activity.id === ''
        ? []
        : [`id\n${conversation}\n${activity.id}`]),
      // Teams stamps each message to the millisecond: the same stamp and content is the same message.
      ...(Number.isNaN(sentAt.getTime())
        ? []
        : [['content', conversation, activity.from.id, sentAt.toISOString(), content].join('\n')]),
    ];
    if (keys.length === 0) return true;
    return services.turns.claim(findActivityTenantId(activity) ?? 'local', keys, services.now());
  }

  async #refuse(context: TurnContext): Promise<void> {
    const { type, action } = context.activity;
    this.#logger.warn('Activity from a tenant that is not allowed', {
      activityType: type,
      tenantId: findActivityTenantId(context.activity),
    });
    if (type === 'invoke') {
      // Card actions expect an invoke response; the Universal Actions error shape shows the reason.
      await context.sendActivity({
        type: 'invokeResponse',
        value: {
          status: 200,
          body: {
            statusCode: 403,
            type: 'application/vnd.microsoft.error',
            value: { code: 'Forbidden', message: REFUSAL },
          },
        },
      });
      return;
    }
    if (type === 'message' || (type === 'installationUpdate' && action === 'add')) {
      await context.sendActivity(REFUSAL);
    }
  }
}

function isBotAdded(context: TurnContext): boolean {
  const botId = context.activity.recipient.id;
  return (context.activity.membersAdded ?? []).some((member) => member.id === botId);
}

/**
 * A personal chat's reference with the person's name: Teams leaves it out of installationUpdate and
 * conversationUpdate, so it comes from what was kept before, or from the chat's one member.
 */
async function withUserName(
  context: TurnContext,
  reference: Record<string, unknown>,
  known: Readonly<Record<string, unknown>> | undefined,
): Promise<Record<string, unknown>> {
  if (referenceUserName(reference) !== undefined) return reference;
  const from = context.activity.from;
  const name = referenceUserName(known) ?? (await memberOf(context, from.id))?.name;
  if (name === undefined || name === '') return reference;
  const user = typeof reference.user === 'object' && reference.user !== null ? reference.user : {};
  return { ...reference, user: { ...user, name } };
}
