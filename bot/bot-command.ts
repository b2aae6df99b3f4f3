/** A command typed to the bot, after mentions and surrounding space are removed. */
export type BotCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'start-migration' }
  | { readonly kind: 'status' }
  | { readonly kind: 'list' }
  | { readonly kind: 'unknown' };

/** The commands as the help card describes them, in the order it lists them. */
export const COMMAND_GUIDE = [
  { name: 'help', description: 'Show this card.' },
  {
    name: 'start migration',
    description:
      'Start a swing migration: I ask for the old and new server, the approvers and the monitoring period, then walk you through each checkpoint.',
  },
  {
    name: 'status',
    description: 'Show where a migration stands: phase, current checkpoint and what is due next.',
  },
  { name: 'list', description: 'List the migrations in progress and recently closed.' },
] as const;

const COMMANDS: Readonly<Record<string, BotCommand>> = {
  help: { kind: 'help' },
  '/help': { kind: 'help' },
  '?': { kind: 'help' },
  'start migration': { kind: 'start-migration' },
  '/start migration': { kind: 'start-migration' },
  status: { kind: 'status' },
  '/status': { kind: 'status' },
  list: { kind: 'list' },
  '/list': { kind: 'list' },
};

/** Recognises a command in message text that has already had the bot's mention removed. */
export function parseBotCommand(text: string): BotCommand {
  const normalised = text.trim().replace(/\s+/g, ' ').toLowerCase();
  return COMMANDS[normalised] ?? { kind: 'unknown' };
}
