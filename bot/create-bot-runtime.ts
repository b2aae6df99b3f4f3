import type { CloudAdapter } from 'botbuilder';
import type { BotConfig } from '../platform/config';
import { createAdapter } from './adapter';
import type { Logger } from './logger';
import { MigrationBot } from './migration-bot';

/** The adapter and bot that serve the messaging endpoint. */
export interface BotRuntime {
  readonly adapter: CloudAdapter;
  readonly bot: MigrationBot;
}

/** Wires the adapter and the bot from validated configuration. */
export function createBotRuntime(config: BotConfig, logger: Logger): BotRuntime {
  return {
    adapter: createAdapter(config.auth, logger),
    bot: new MigrationBot({
      logger,
      tenantPolicy: { allowedTenantIds: config.allowedTenantIds },
    }),
  };
}
