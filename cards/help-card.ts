import { Template } from 'adaptivecards-templating';
import { z } from 'zod';
import helpTemplate from './templates/help.json';

/** One command as the help card lists it. */
export interface HelpCardCommand {
  readonly name: string;
  readonly description: string;
}

/** What the help card shows. */
export interface HelpCardView {
  readonly commands: readonly HelpCardCommand[];
  /** The lowest Entra Connect Sync version that still syncs, e.g. "2.5.79.0". */
  readonly minimumSyncVersion: string;
  /** The date that minimum took effect, as the card shows it. */
  readonly enforcedSince: string;
}

/** An Adaptive Card as JSON, ready to be sent as an attachment. */
export type AdaptiveCardJson = Readonly<Record<string, unknown>>;

const expandedCard = z.record(z.string(), z.unknown());

/** Renders the help card from its template. */
export function renderHelpCard(view: HelpCardView): AdaptiveCardJson {
  const card = expandedCard.parse(new Template(helpTemplate).expand({ $root: view }));
  // The templating library leaves an unknown `${field}` in place instead of reporting it.
  if (JSON.stringify(card).includes('${')) {
    throw new Error('The help card template refers to data its view does not provide.');
  }
  return card;
}
