import type { AdaptiveCardJson } from './card-template';
import { cardText, markdownLine, truncateText } from './card-text';
import { formatInstant } from './card-time';
import { renderNotice } from './notice-card';

/** What the error card shows: what went wrong in words, and a reference for the logs. */
export interface ErrorView {
  /** One or two sentences for an admin; never an exception message or stack. */
  readonly message: string;
  /** The id that finds this failure in the logs. */
  readonly correlationId: string;
  /** What the person can do now, if anything. */
  readonly tips?: readonly string[];
  readonly occurredAt?: string;
  readonly timeZone?: string;
}

// A stack frame ("    at f (file.js:1:2)") or anything after it is never shown, whatever was passed.
const STACK_FRAME = /\n\s+at\s[\s\S]*$/;

/** Renders an error: the message in words, the correlation id, never a stack trace. */
export function renderErrorCard(view: ErrorView): AdaptiveCardJson {
  const message = truncateText(view.message.replace(STACK_FRAME, '').trim(), 600);
  const reference = truncateText(view.correlationId, 100);
  return renderNotice('error', {
    fallbackText: markdownLine`Something went wrong: ${message} Reference: ${reference}.`,
    context: '',
    banner: { icon: '❌', label: 'Something went wrong', style: 'attention', color: 'Attention' },
    title: 'I could not finish that',
    message: cardText(message, 600),
    facts: [
      { title: 'Reference', value: cardText(reference) },
      ...(view.occurredAt === undefined
        ? []
        : [{ title: 'When', value: formatInstant(view.occurredAt, view.timeZone ?? 'UTC') }]),
    ],
    tipsHeading: 'What you can do',
    tips: (view.tips ?? ['Try again in a few minutes. Nothing you sent was lost.']).map((tip) =>
      cardText(tip, 300),
    ),
    footnote: 'If it happens again, give the reference to the administrator of this bot.',
  });
}
