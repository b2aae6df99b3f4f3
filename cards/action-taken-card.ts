import { migrationContextLine, type MigrationServers, type Presentation } from './card-parts';
import type { AdaptiveCardJson } from './card-template';
import { cardText, markdownLine } from './card-text';
import { formatInstant } from './card-time';
import { renderNotice } from './notice-card';

/** What a clicked card turns into once its action is taken. */
export interface ActionTakenView {
  readonly servers: MigrationServers;
  /** The clicked card's subject, such as the step it was about. */
  readonly title: string;
  /** What was done, as the bot tells it. */
  readonly done: string;
  readonly by: string;
  readonly at: string;
  readonly timeZone: string;
  /** Where what the card showed can still be read, when it is gone from the chat. */
  readonly footnote?: string;
}

const TAKEN: Presentation = { icon: '✔️', label: 'Done', style: 'good', color: 'Good' };

/**
 * The card a clicked card is replaced with: what was done, by whom and when, and no buttons, so an
 * action cannot be taken twice from the same card.
 */
export function renderActionTakenCard(view: ActionTakenView): AdaptiveCardJson {
  return renderNotice('action taken', {
    fallbackText: markdownLine`${view.title}: ${view.done}`,
    context: migrationContextLine(view.servers),
    banner: TAKEN,
    title: cardText(view.title, 300),
    message: cardText(view.done, 1000),
    facts: [
      { title: 'By', value: cardText(view.by, 200) },
      { title: 'When', value: formatInstant(view.at, view.timeZone) },
    ],
    tipsHeading: '',
    tips: [],
    footnote: view.footnote === undefined ? '' : cardText(view.footnote, 500),
  });
}
