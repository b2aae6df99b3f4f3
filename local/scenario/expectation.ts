import type { Expectation } from './scenario-file';
import { placeName } from './teams-activities';
import { summarizeBotItem, type BotItem } from './transcript';

/** Whether an expectation held, and if not, why, in words a reader can act on. */
export type ExpectationOutcome =
  { readonly passed: true } | { readonly passed: false; readonly reason: string };

function quoted(strings: readonly string[]): string {
  return strings.map((s) => `"${s}"`).join(', ');
}

/** The expectation in one line: `a card containing "Refresh", sent to Alex Wilber`. */
export function describeExpectation(expectation: Expectation): string {
  const to =
    expectation.to === undefined
      ? ''
      : ` to ${placeName(expectation.to)}${expectation.thread === undefined ? '' : ` (thread "${expectation.thread}")`}`;
  const within =
    expectation.within === undefined ? '' : ` among the last ${String(expectation.within)} items`;
  if (expectation.kind === 'nothing') return `expect nothing sent${to}${within}`;
  if (expectation.kind === 'absent') {
    return `expect nothing sent${to}${within} to contain ${quoted(expectation.not)}`;
  }
  const what = { card: 'a card', text: 'a text message', any: 'a message or card' }[
    expectation.kind
  ];
  const count =
    expectation.count === undefined
      ? what
      : `exactly ${String(expectation.count)} × ${what.replace(/^an? /, '')}`;
  const not = expectation.not.length === 0 ? '' : ` and not ${quoted(expectation.not)}`;
  return `expect ${count} containing ${quoted(expectation.contains)}${not}${to ? `, sent${to}` : ''}${within}`;
}

/** The texts of an item an expectation of this kind reads: its text, its cards, or both. */
function piecesOf(item: BotItem, kind: Expectation['kind']): string[] {
  const text = item.text === undefined || item.text === '' ? [] : [item.text];
  const cards = item.cards.map((card) => card.lines.join('\n'));
  if (kind === 'card') return cards;
  if (kind === 'text') return text;
  return [...text, ...cards];
}

/**
 * Whether `piece` contains `needle`, where each time of day ("09:00") in the needle may read up
 * to `slackMinutes` later. On the real Durable engine the clock runs on while a step is carried
 * out, so a time the app computed then can lie a little after the one the scenario was written
 * for; on the virtual clock the slack is 0 and this is `includes`.
 */
export function includesWithClockSlack(
  piece: string,
  needle: string,
  slackMinutes: number,
): boolean {
  const parts = needle.split(/\b(\d{1,2}:\d{2})\b/);
  if (slackMinutes <= 0 || parts.length === 1) return piece.includes(needle);
  const source = parts
    .map((part, i) => (i % 2 === 0 ? escapeRegExp(part) : laterTimes(part, slackMinutes)))
    .join('');
  return new RegExp(source).test(piece);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** "09:58" with 3 minutes of slack: (?:09:58|09:59|10:00|10:01), written as the time was. */
function laterTimes(time: string, slackMinutes: number): string {
  const [hours = '0', minutes = '0'] = time.split(':');
  const first = Number(hours) * 60 + Number(minutes);
  const options: string[] = [];
  for (let m = first; m <= first + slackMinutes; m++) {
    const minuteOfDay = m % (24 * 60);
    const h = String(Math.floor(minuteOfDay / 60)).padStart(hours.length, '0');
    options.push(`${h}:${String(minuteOfDay % 60).padStart(2, '0')}`);
  }
  return `(?:${options.join('|')})`;
}

/**
 * Checks an expectation against the items in its scope (already narrowed to `within` or to what
 * the previous step caused, and to `to`); `scope` names that scope for the reason. Times of day in
 * the strings expected may read up to `slackMinutes` later (`includesWithClockSlack`).
 */
export function checkExpectation(
  expectation: Expectation,
  items: readonly BotItem[],
  scope: string,
  slackMinutes = 0,
): ExpectationOutcome {
  const has = (piece: string, s: string): boolean => includesWithClockSlack(piece, s, slackMinutes);
  const listed = (list: readonly BotItem[]): string =>
    list.map((item) => `- ${summarizeBotItem(item)}`).join('\n');
  switch (expectation.kind) {
    case 'nothing':
      return items.length === 0
        ? { passed: true }
        : {
            passed: false,
            reason: `${String(items.length)} item(s) were sent ${scope}:\n${listed(items)}`,
          };
    case 'absent': {
      const offending = items.filter((item) =>
        piecesOf(item, 'any').some((piece) => expectation.not.some((s) => piece.includes(s))),
      );
      return offending.length === 0
        ? { passed: true }
        : {
            passed: false,
            reason: `sent ${scope}, containing ${quoted(expectation.not)}:\n${listed(offending)}`,
          };
    }
    case 'card':
    case 'text':
    case 'any': {
      const matches = (piece: string): boolean =>
        expectation.contains.every((s) => has(piece, s)) &&
        !expectation.not.some((s) => piece.includes(s));
      const matching = items.filter((item) => piecesOf(item, expectation.kind).some(matches));
      if (expectation.count !== undefined) {
        return matching.length === expectation.count
          ? { passed: true }
          : {
              passed: false,
              reason: `${String(matching.length)} matching item(s) were sent ${scope}, not ${String(expectation.count)}${matching.length === 0 ? '' : `:\n${listed(matching)}`}`,
            };
      }
      if (matching.length > 0) return { passed: true };
      if (items.length === 0) return { passed: false, reason: `nothing was sent ${scope}` };
      return {
        passed: false,
        reason: `none of what was sent ${scope} matches:\n${items.map((item) => `- ${summarizeBotItem(item)}${misses(item, expectation, has)}`).join('\n')}`,
      };
    }
  }
}

/** Why an item did not match: the strings it lacks, or the forbidden ones it has. */
function misses(
  item: BotItem,
  expectation: Expectation,
  has: (piece: string, s: string) => boolean,
): string {
  const pieces = piecesOf(item, expectation.kind);
  if (pieces.length === 0) return ` (no ${expectation.kind === 'text' ? 'text' : 'card'})`;
  const all = pieces.join('\n');
  const lacking = expectation.contains.filter((s) => !pieces.some((piece) => has(piece, s)));
  const forbidden = expectation.not.filter((s) => all.includes(s));
  const parts = [
    ...(lacking.length > 0 ? [`lacks ${quoted(lacking)}`] : []),
    ...(forbidden.length > 0 ? [`has ${quoted(forbidden)}`] : []),
  ];
  // Every string appears somewhere, but not all in one card or text.
  return parts.length === 0
    ? ' (the strings are split across its parts)'
    : ` (${parts.join('; ')})`;
}
