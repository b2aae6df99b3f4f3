import { migrationContextLine, type MigrationServers } from './card-parts';
import { expandCardTemplate, type AdaptiveCardJson } from './card-template';
import { cardText, countOf, markdownLine } from './card-text';
import { formatInstant } from './card-time';
import historyTemplate from './templates/history.json';

/** One recorded event of a migration, as the `history` command shows it. */
export interface HistoryEvent {
  readonly at: string;
  /** Who acted; absent when the bot did (reminders, notices). */
  readonly by?: string;
  readonly summary: string;
  /** Lines under the summary, such as a judgment's findings. */
  readonly details?: readonly string[];
}

/** What the history card shows: the migration's recorded events, oldest first. */
export interface HistoryView {
  readonly servers: MigrationServers;
  readonly timeZone: string;
  readonly events: readonly HistoryEvent[];
}

/** Teams refuses a message over about 28 KB; the card stays well under it. */
export const HISTORY_MAX_BYTES = 24_000;
/** Lines shown under one event before the rest are counted. */
export const MAX_DETAILS = 10;

/**
 * Renders the migration's history from its audit log: every event with its time and who acted, the
 * newest that fit in one Teams message, and a count of the earlier ones left out.
 */
export function renderHistoryCard(view: HistoryView): AdaptiveCardJson {
  const rows = view.events.map((event) => rowOf(event, view.timeZone));
  // The newest events matter most: take them back from the last until the budget is spent.
  let first = rows.length;
  let bytes = 0;
  for (const row of [...rows].reverse()) {
    const size = rowBytes(row);
    if (bytes + size > HISTORY_ROWS_BYTES) break;
    bytes += size;
    first -= 1;
  }
  return render(view, rows.slice(first), first);
}

/** What the rows may take of the card: the rest is its heading and the template's structure. */
const HISTORY_ROWS_BYTES = HISTORY_MAX_BYTES - 2_000;

/** A row's size in the card: its text plus the elements around each line. */
function rowBytes(row: Row): number {
  const elements = 3 + row.details.length;
  return new TextEncoder().encode(JSON.stringify(row)).length + elements * 110;
}

interface Row {
  readonly when: string;
  readonly text: string;
  readonly details: readonly { readonly line: string }[];
}

function rowOf(event: HistoryEvent, timeZone: string): Row {
  const details = event.details ?? [];
  const shown = details.slice(0, MAX_DETAILS).map((line) => ({ line: cardText(`• ${line}`, 400) }));
  const hidden = details.length - shown.length;
  return {
    when: `${formatInstant(event.at, timeZone)}${event.by === undefined ? '' : ` · ${cardText(event.by, 200)}`}`,
    text: cardText(event.summary, 600),
    details: hidden > 0 ? [...shown, { line: `…and ${countOf(hidden, 'more line')}.` }] : shown,
  };
}

function render(view: HistoryView, rows: readonly Row[], leftOut: number): AdaptiveCardJson {
  const { servers } = view;
  const total = view.events.length;
  return expandCardTemplate('history', historyTemplate, {
    fallbackText: markdownLine`History of the migration from ${servers.oldServer} to ${servers.newServer}: ${countOf(total, 'event')}.`,
    context: migrationContextLine(servers),
    title: 'History of this migration',
    intro:
      total === 0
        ? 'Nothing is recorded yet.'
        : `Everything the bot recorded, oldest first: evidence and results, decisions, reminders and notices, with who acted and when (${countOf(total, 'event')}).`,
    earlier:
      leftOut === 0
        ? ''
        : `${countOf(leftOut, 'earlier event')} ${leftOut === 1 ? 'is' : 'are'} left out to fit one message; the newest are shown.`,
    events: rows,
  });
}
