// Runs the bot host in its own process so a test can start it with NODE_EXTRA_CA_CERTS, which Node
// reads only at start-up, and with the bot's settings in process.env as in production.
import { createBotRuntime } from '../../../bot/create-bot-runtime';
import { getConfig } from '../../../platform/config';
import { createConsoleLogger } from '../../../platform/console-logger';
import { startBotHost } from './bot-host';

// auth.test.ts waits for this line before it posts activities.
const READY_PREFIX = 'bot host listening at ';

async function main(): Promise<void> {
  const host = await startBotHost(createBotRuntime(getConfig(), createConsoleLogger('bot')));
  process.stdout.write(`${READY_PREFIX}${host.messagesUrl}\n`);
  process.on('SIGTERM', () => {
    void host.close().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
