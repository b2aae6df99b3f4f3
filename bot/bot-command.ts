/** A command typed to the bot, after mentions and surrounding space are removed. */
export type BotCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'start-migration' }
  | { readonly kind: 'cloud-sync' }
  | { readonly kind: 'status' }
  | { readonly kind: 'list' }
  | { readonly kind: 'history' }
  | { readonly kind: 'pause' }
  | { readonly kind: 'resume' }
  | { readonly kind: 'cancel' }
  | { readonly kind: 'snooze'; readonly minutes: number }
  | { readonly kind: 'snooze-invalid' }
  | { readonly kind: 'continue-anyway' }
  | { readonly kind: 'request-approval' }
  | { readonly kind: 'report-problem'; readonly problem: string }
  | { readonly kind: 'resume-monitoring' }
  | { readonly kind: 'rollback-done' }
  | { readonly kind: 'retry' }
  | { readonly kind: 'unknown' };

/** The commands as the help card describes them, in the order it lists them. */
export const COMMAND_GUIDE = [
  { name: 'help', description: 'Show this card.' },
  {
    name: 'cloud sync',
    description:
      'Check first whether Microsoft Entra Cloud Sync fits: if it does, you move to Cloud Sync and need no new Connect server.',
  },
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
  {
    name: 'history',
    description:
      'Show everything recorded about the current (or last) migration: evidence and results with their findings, decisions, reminders, who acted and when.',
  },
  {
    name: 'pause / resume',
    description: 'Stop and restart the reminders; evidence is still accepted while paused.',
  },
  {
    name: 'snooze 4h',
    description: 'Remind me again in 4 hours (minutes m, hours h or days d), inside working hours.',
  },
  {
    name: 'continue anyway',
    description: 'Accept a checkpoint that passed with warnings and move on.',
  },
  {
    name: 'request approval',
    description:
      'Send the cutover approval request again to the approvers it has not reached, or ask again after a rejection or expiry.',
  },
  {
    name: 'report problem …',
    description:
      'During monitoring: report a problem with the new server and get the rollback guide.',
  },
  {
    name: 'retry',
    description:
      'Try again what the migration could not do after its own retries (a card not sent, an entry not audited), once Teams or storage is back. The status card lists it.',
  },
  { name: 'cancel', description: 'Cancel the running migration (you confirm on a card).' },
] as const;

const COMMANDS: Readonly<Record<string, BotCommand>> = {
  help: { kind: 'help' },
  '?': { kind: 'help' },
  'start migration': { kind: 'start-migration' },
  'cloud sync': { kind: 'cloud-sync' },
  'cloud sync check': { kind: 'cloud-sync' },
  status: { kind: 'status' },
  list: { kind: 'list' },
  history: { kind: 'history' },
  'audit log': { kind: 'history' },
  pause: { kind: 'pause' },
  resume: { kind: 'resume' },
  cancel: { kind: 'cancel' },
  'cancel migration': { kind: 'cancel' },
  'continue anyway': { kind: 'continue-anyway' },
  'request approval': { kind: 'request-approval' },
  'resume monitoring': { kind: 'resume-monitoring' },
  'rollback done': { kind: 'rollback-done' },
  retry: { kind: 'retry' },
};

const units: Readonly<Record<string, number>> = {
  m: 1,
  min: 1,
  minutes: 1,
  h: 60,
  hours: 60,
  hour: 60,
  d: 1440,
  day: 1440,
  days: 1440,
};

/** Recognises a command in message text that has already had the bot's mention removed. */
export function parseBotCommand(text: string): BotCommand {
  const normalised = text.trim().replace(/\s+/g, ' ').replace(/^\//, '').toLowerCase();
  const exact = COMMANDS[normalised];
  if (exact !== undefined) return exact;
  if (normalised.startsWith('snooze')) {
    const match = /^snooze (\d{1,4}) ?([a-z]+)$/.exec(normalised);
    const unit = match?.[2] === undefined ? undefined : units[match[2]];
    const minutes = unit === undefined ? NaN : Number(match?.[1]) * unit;
    // Up to a week: a longer silence is a pause, not a snooze.
    return minutes > 0 && minutes <= 7 * 1440
      ? { kind: 'snooze', minutes }
      : { kind: 'snooze-invalid' };
  }
  const problem = /^report problem[:\s]\s*(.+)$/s.exec(text.trim());
  if (problem?.[1] !== undefined) return { kind: 'report-problem', problem: problem[1].trim() };
  return { kind: 'unknown' };
}
