import { Template } from 'adaptivecards-templating';
import { z } from 'zod';

/** An Adaptive Card as JSON, ready to be sent as an attachment. */
export type AdaptiveCardJson = Readonly<Record<string, unknown>>;

/** Teams refuses a message over about 28 KB; a card must leave room for the activity around it. */
export const TEAMS_CARD_LIMIT_BYTES = 28 * 1024;

/** A card that would exceed the Teams limit: a bug in a card's truncation, never expected. */
export class CardTooLargeError extends Error {
  constructor(
    readonly cardName: string,
    readonly bytes: number,
  ) {
    super(`The ${cardName} card is ${bytes} bytes, over the ${TEAMS_CARD_LIMIT_BYTES}-byte limit.`);
    this.name = 'CardTooLargeError';
  }
}

const expandedCard = z.record(z.string(), z.unknown());

const utf8 = new TextEncoder();

/** The size Teams counts: the card's JSON in UTF-8. */
export function cardBytes(card: AdaptiveCardJson): number {
  return utf8.encode(JSON.stringify(card)).length;
}

// Building a Template parses every `${...}` in it with adaptive-expressions, which costs far more
// than expanding it; a Template expands any number of times with new data (expand() only reads
// the parsed payload), so each template is parsed once per process.
const parsedTemplates = new WeakMap<object, Template>();

function parsedTemplate(template: object): Template {
  let parsed = parsedTemplates.get(template);
  if (parsed === undefined) {
    parsed = new Template(template);
    parsedTemplates.set(template, parsed);
  }
  return parsed;
}

/**
 * Expands a designer-compatible template with data whose strings are already escaped.
 * adaptivecards-templating never evaluates `${...}` inside data values (only in the template), and
 * it expands parsed objects, so data cannot break the JSON either. Escaped text never contains
 * `${`, so one left in the output is a template field the data does not provide: the library keeps
 * those silently, so this throws instead.
 */
export function expandCardTemplate(
  cardName: string,
  template: object,
  data: object,
): AdaptiveCardJson {
  const card = expandedCard.parse(withoutNulls(parsedTemplate(template).expand({ $root: data })));
  const json = JSON.stringify(card);
  if (json.includes('${')) {
    throw new Error(`The ${cardName} card template refers to data its view does not provide.`);
  }
  const bytes = utf8.encode(json).length;
  if (bytes > TEAMS_CARD_LIMIT_BYTES) throw new CardTooLargeError(cardName, bytes);
  return card;
}

// A `$when` on an object-valued property (such as `refresh`) leaves `null` behind when false.
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, entry]) => entry !== null)
      .map(([key, entry]) => [key, withoutNulls(entry)]),
  );
}
