import { expect } from 'vitest';
import { z } from 'zod';

// Reading what a bot sent to a loopback connector, and the Adaptive Cards in it.

const adaptiveCard = 'application/vnd.microsoft.card.adaptive';

/** What the bot posted to the connector: the activity as sent, with where it went. */
export interface SentActivity {
  /** The connector path it was posted to (names the conversation). */
  readonly path: string;
  readonly method: string;
  /** The conversation id, decoded from the path; empty when the path names none. */
  readonly conversation: string;
  readonly type?: string;
  readonly text?: string;
  readonly attachments?: readonly { readonly contentType: string; readonly content?: unknown }[];
}

/** The parts of an Adaptive Card the tests read. */
export interface CardJson {
  body?: unknown[];
  actions?: { type: string; title?: string; verb?: string; data?: Record<string, unknown> }[];
  refresh?: { userIds?: string[]; action?: { verb?: string; data?: Record<string, unknown> } };
  fallbackText?: string;
}

/** A button of a card as the tests click it. */
export interface CardAction {
  readonly title: string;
  readonly verb: string;
  readonly data: Record<string, unknown>;
}

const invokeAnswerSchema = z.object({
  statusCode: z.number(),
  type: z.string(),
  value: z.unknown(),
});

/** The bot's answer to an `adaptiveCard/action` invoke: a card, a message or an error. */
export type InvokeAnswer = z.infer<typeof invokeAnswerSchema>;

/** Reads the body of an invoke response. */
export function parseInvokeAnswer(body: unknown): InvokeAnswer {
  return invokeAnswerSchema.parse(body);
}

/** One request to a connector, as a loopback server or the app host records it. */
interface ConnectorRequest {
  readonly method: string;
  readonly pathname: string;
  readonly body: string;
}

const conversationInPath = /\/v3\/conversations\/([^/]+)/;

/** The activities among connector requests, in order; requests without a body (reads) are left out. */
export function sentActivities(requests: readonly ConnectorRequest[]): SentActivity[] {
  return requests
    .filter((request) => request.body !== '')
    .map((request) => ({
      ...(JSON.parse(request.body) as Omit<SentActivity, 'path' | 'method' | 'conversation'>),
      path: request.pathname,
      method: request.method,
      conversation: decodeURIComponent(conversationInPath.exec(request.pathname)?.[1] ?? ''),
    }));
}

/** The Adaptive Card a sent activity carries, if any. */
export function cardOf(
  activity: Pick<SentActivity, 'attachments'> | undefined,
): CardJson | undefined {
  return activity?.attachments?.find((a) => a.contentType === adaptiveCard)?.content as
    CardJson | undefined;
}

/** The card an invoke answer carries, if it is one. */
export function answerCard(answer: InvokeAnswer): CardJson | undefined {
  return answer.type === adaptiveCard ? (answer.value as CardJson) : undefined;
}

/** The card body as text, for assertions on what it says. */
export function cardBodyText(card: CardJson | undefined): string {
  return JSON.stringify(card?.body ?? []);
}

/** The whole card as text (body, actions, refresh), for assertions on anything it carries. */
export function cardText(card: CardJson | undefined): string {
  return JSON.stringify(card ?? {});
}

const executeSchema = z.object({
  type: z.literal('Action.Execute'),
  title: z.string(),
  verb: z.string(),
  data: z.record(z.string(), z.unknown()).default({}),
});

/** Every Action.Execute button of a card: its actions and those of action sets in its body. */
function executeButtons(card: CardJson | undefined): CardAction[] {
  const found: CardAction[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const button = executeSchema.safeParse(node);
    if (button.success) found.push(button.data);
    Object.values(node).forEach(visit);
  };
  visit([card?.body ?? [], card?.actions ?? []]);
  return found;
}

/** The Action.Execute button with this title, in the card's actions or body; fails the test when the card has none. */
export function buttonOf(card: CardJson | undefined, title: string): CardAction {
  const action = executeButtons(card).find((a) => a.title === title);
  expect(action, `no "${title}" button on the card`).toBeDefined();
  return { title, verb: action?.verb ?? '', data: action?.data ?? {} };
}

/** The card sent to `conversation` that has a button with this title; fails the test when none was. */
export function cardWithButton(
  sent: readonly SentActivity[],
  title: string,
  conversation: string,
): CardJson {
  const found = sent.find(
    (activity) =>
      activity.conversation === conversation &&
      cardOf(activity)?.actions?.some((a) => a.title === title) === true,
  );
  expect(found, `no card with "${title}" sent to ${conversation}`).toBeDefined();
  return cardOf(found) ?? {};
}

/** The data of a card's Action.Submit (a form's hidden fields); fails the test when it has none. */
export function submitDataOf(card: CardJson | undefined): Record<string, unknown> {
  const submit = card?.actions?.find((a) => a.type === 'Action.Submit');
  expect(submit?.data).toBeDefined();
  return submit?.data ?? {};
}

/** The card of the only activity sent; fails when more or fewer were sent. */
export function onlyCard(sent: readonly SentActivity[]): CardJson | undefined {
  expect(sent).toHaveLength(1);
  return cardOf(sent[0]);
}

/** The value an input of the card starts with. */
export function inputValue(card: CardJson | undefined, id: string): unknown {
  const found: unknown[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (typeof node === 'object' && node !== null) {
      if ('id' in node && node.id === id && 'value' in node) found.push(node.value);
      Object.values(node).forEach(visit);
    }
  };
  visit(card?.body ?? []);
  return found[0];
}
