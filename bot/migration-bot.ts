import { TeamsActivityHandler, type TurnContext } from 'botbuilder';
import { parseBotCommand, type BotCommand } from './bot-command';
import { createHelpReply } from './help-reply';
import type { Logger } from './logger';
import { removeBotMention } from './remove-bot-mention';
import { findActivityTenantId, isTenantAllowed, type TenantPolicy } from './tenant-gate';

/** What the bot needs from its host. */
export interface MigrationBotDependencies {
  readonly logger: Logger;
  readonly tenantPolicy: TenantPolicy;
}

const REFUSAL = 'This assistant is not available for your organisation.';
const UNKNOWN_COMMAND = 'I did not recognise that. Type help to see what I can do.';

const NOT_AVAILABLE_YET: Readonly<Record<Exclude<BotCommand['kind'], 'help' | 'unknown'>, string>> =
  {
    'start-migration': 'Starting a migration is not available yet. Type help to see what I can do.',
    status: 'Migration status is not available yet. Type help to see what I can do.',
    list: 'Listing migrations is not available yet. Type help to see what I can do.',
  };

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
        await context.sendActivity(createHelpReply());
      }
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      // Teams follows a bot's install with installationUpdate, which already sent the welcome;
      // other channels (Emulator, Web Chat) only tell the bot through conversationUpdate.
      if (isBotAdded(context) && context.activity.channelId !== 'msteams') {
        await context.sendActivity(createHelpReply());
      }
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    if (!isTenantAllowed(this.#tenantPolicy, context.activity)) {
      await this.#refuse(context);
      return;
    }
    await super.run(context);
  }

  async #answerMessage(context: TurnContext): Promise<void> {
    const command = parseBotCommand(removeBotMention(context.activity));
    switch (command.kind) {
      case 'help':
        await context.sendActivity(createHelpReply());
        return;
      case 'start-migration':
      case 'status':
      case 'list':
        await context.sendActivity(NOT_AVAILABLE_YET[command.kind]);
        return;
      case 'unknown':
        await context.sendActivity(UNKNOWN_COMMAND);
        return;
    }
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
