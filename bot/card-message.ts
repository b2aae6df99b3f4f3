import { CardFactory, MessageFactory, type Activity } from 'botbuilder';
import type { AdaptiveCardJson } from '../cards/card-template';
import { truncateText } from '../cards/card-text';

/**
 * Teams shows an activity's `summary` in the notification and the chat list; without one a card
 * reads "sent a card". The card's fallback text says what the card is about in plain words.
 */
const SUMMARY_MAX_CHARS = 250;

/** A message carrying one Adaptive Card, with the card's fallback text as the message summary. */
export function adaptiveCardMessage(card: AdaptiveCardJson): Partial<Activity> {
  const message = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  const fallback = card.fallbackText;
  if (typeof fallback === 'string' && fallback.trim() !== '') {
    message.summary = truncateText(fallback.trim(), SUMMARY_MAX_CHARS);
  }
  return message;
}
