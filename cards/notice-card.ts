import type { Presentation } from './card-parts';
import { expandCardTemplate, type AdaptiveCardJson } from './card-template';
import noticeTemplate from './templates/notice.json';

/**
 * A notice without buttons: a coloured banner, a message, facts and what to do. Every string must
 * already be escaped (`cardText`) or be the card's own text; the escalation and error cards build on it.
 */
export interface NoticeData {
  readonly fallbackText: string;
  /** The migration context line, or '' outside a migration. */
  readonly context: string;
  readonly banner: Presentation;
  readonly title: string;
  readonly message: string;
  readonly facts: readonly { readonly title: string; readonly value: string }[];
  readonly tipsHeading: string;
  readonly tips: readonly string[];
  readonly footnote: string;
}

/** Renders a notice card. */
export function renderNotice(cardName: string, data: NoticeData): AdaptiveCardJson {
  return expandCardTemplate(cardName, noticeTemplate, data);
}
