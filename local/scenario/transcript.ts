/** A card as sent, and as a person reads it. */
export interface ShownCard {
  readonly json: unknown;
  readonly lines: readonly string[];
}

/** What the bot did with one item of the conversation. */
export type BotOperation =
  | 'send'
  | 'reply'
  | 'update'
  | 'delete'
  /** The invoke response card that replaced the clicked card. */
  | 'replace'
  /** The invoke response message Teams shows for a click. */
  | 'answer'
  /** A connector call the loopback connector does not implement. */
  | 'unsupported';

/** Something the bot sent (or answered) into a conversation. */
export interface BotItem {
  readonly kind: 'bot';
  readonly at: Date;
  readonly step: number;
  readonly operation: BotOperation;
  /** The activity id (sent, updated, replaced or deleted). */
  readonly activityId: string | undefined;
  readonly conversationId: string;
  /** The conversation as the transcript names it. */
  readonly place: string;
  readonly text: string | undefined;
  readonly cards: readonly ShownCard[];
  /** Attachments that are not Adaptive Cards, by content type; or the call, when unsupported. */
  readonly other: readonly string[];
  /** Teams' connector refused it (`403 MessageWritesBlocked`): nobody saw it. */
  readonly refusedWith?: string | undefined;
}

/** One line of the story: who did what, when. */
export type TranscriptItem =
  | BotItem
  | {
      readonly kind: 'user';
      readonly at: Date;
      readonly step: number;
      readonly user: string;
      /** Set outside personal chats. */
      readonly place: string | undefined;
      readonly action: 'says' | 'pastes' | 'uploads' | 'submits' | 'clicks' | 'installs';
      /** What they said, or what they clicked or sent, as one readable summary. */
      readonly text: string;
    }
  | { readonly kind: 'download'; readonly at: Date; readonly step: number; readonly name: string }
  | {
      readonly kind: 'advance';
      readonly at: Date;
      readonly step: number;
      readonly to: Date;
      readonly label: string;
    }
  | { readonly kind: 'restart'; readonly at: Date; readonly step: number }
  | {
      /** Something Teams did (or did not do) that no message shows. */
      readonly kind: 'note';
      readonly at: Date;
      readonly step: number;
      readonly text: string;
    }
  | {
      /** Teams' connector was told to refuse the next sends somewhere. */
      readonly kind: 'connector';
      readonly at: Date;
      readonly step: number;
      readonly description: string;
    }
  | {
      readonly kind: 'expect';
      readonly at: Date;
      readonly step: number;
      readonly line: number;
      readonly passed: boolean;
      readonly description: string;
      readonly reason: string | undefined;
    }
  | {
      /** A step that could not be carried out: no such card or button, or the app failed. */
      readonly kind: 'error';
      readonly at: Date;
      readonly step: number;
      readonly line: number;
      readonly description: string;
      readonly reason: string;
    };

const pasteLinesShown = 12;

/** A virtual instant as the transcript shows it: `Wed 18 Nov 2026 15:30` (seconds when set). */
export function formatTime(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: '2-digit',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  const seconds = part('second') === '00' ? '' : `:${part('second')}`;
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')} ${part('hour')}:${part('minute')}${seconds}`;
}

/** One item as lines: a time column, then what happened, continuation lines indented under it. */
export function formatItem(item: TranscriptItem, timeZone: string): string {
  const time = formatTime(item.at, timeZone).padEnd(21);
  const indent = ' '.repeat(time.length + 2);
  const [head, ...rest] = itemLines(item, timeZone);
  return [`${time}  ${head ?? ''}`, ...rest.map((line) => `${indent}${line}`)].join('\n');
}

function itemLines(item: TranscriptItem, timeZone: string): string[] {
  switch (item.kind) {
    case 'user': {
      const who = item.place === undefined ? item.user : `${item.user} in ${item.place}`;
      if (item.action === 'says') return withBody(`${who}:`, item.text);
      if (item.action === 'pastes') {
        const lines = item.text.split('\n');
        const shown = lines.slice(0, pasteLinesShown).map((line) => `│ ${line}`);
        const more = lines.length - shown.length;
        return [
          `${who} pastes ${String(lines.length)} line${lines.length === 1 ? '' : 's'}:`,
          ...shown,
          ...(more > 0 ? [`│ … ${String(more)} more line${more === 1 ? '' : 's'}`] : []),
        ];
      }
      return [`${who} ${item.action} ${item.text}`];
    }
    case 'bot':
      return botLines(item);
    case 'download':
      return [`bot downloads ${item.name}`];
    case 'advance':
      return [`⏩ ${item.label} later: ${formatTime(item.to, timeZone)}`];
    case 'restart':
      return ['↻ the runtime restarts on the same storage'];
    case 'connector':
      return [`⚠ ${item.description}`];
    case 'note':
      return [`ℹ ${item.text}`];
    case 'expect':
      return [
        `${item.passed ? '✓' : '✗'} ${item.description}`,
        ...(item.reason === undefined ? [] : item.reason.split('\n').map((line) => `  ${line}`)),
      ];
    case 'error':
      return [`✗ ${item.description}`, ...item.reason.split('\n').map((line) => `  ${line}`)];
  }
}

function withBody(head: string, text: string): string[] {
  const [first, ...rest] = text.split('\n');
  return [`${head} ${first ?? ''}`, ...rest.map((line) => `│ ${line}`)];
}

function botLines(item: BotItem): string[] {
  const heads: Record<BotOperation, string> = {
    send: `bot → ${item.place}:`,
    reply: `bot → ${item.place}:`,
    update: `bot updates a message in ${item.place}:`,
    replace: `bot replaces the clicked card in ${item.place}:`,
    answer: `bot answers the click in ${item.place}:`,
    delete: `bot deletes a message in ${item.place}`,
    unsupported: `bot calls the connector, which does not support it:`,
  };
  const head =
    item.refusedWith === undefined
      ? heads[item.operation]
      : `${heads[item.operation].replace(/:$/, '')} ✗ refused (${item.refusedWith}):`;
  const lines: string[] = [];
  if (item.text !== undefined && item.text !== '') lines.push(...withBody(head, item.text));
  else lines.push(head);
  for (const card of item.cards) {
    lines.push('┌ card', ...card.lines.map((line) => `│ ${line}`), '└');
  }
  lines.push(...item.other.map((other) => `[${other}]`));
  return lines;
}

/** A short name for an item the bot sent, for failure reasons: `card "Migration status"`. */
export function summarizeBotItem(item: BotItem): string {
  const first = (lines: readonly string[]): string => {
    const line = lines.find((l) => l.trim() !== '') ?? '';
    return line.length > 70 ? `${line.slice(0, 69)}…` : line;
  };
  const parts = [
    ...(item.text === undefined || item.text === ''
      ? []
      : [`text "${first(item.text.split('\n'))}"`]),
    ...item.cards.map((card) => `card "${first(card.lines)}"`),
    ...item.other,
  ];
  const what = parts.length === 0 ? item.operation : parts.join(' + ');
  return `${what} to ${item.place}`;
}
