import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBotRuntime } from '../../bot/create-bot-runtime';
import { localOnlySettings } from '../../local/local-only-settings';
import { loadConfig } from '../../platform/config';
import { allText } from '../cards/card-json';
import { parseAsTeams } from '../cards/teams-card-parser';
import { startLoopbackServer, type LoopbackServer } from '../support/loopback-server';
import { loadPlaygroundActivity, postActivity } from '../support/playground-activity';
import { cardOf, sentActivities } from '../support/sent-activity';
import { startBotHost, type BotHost } from './support/bot-host';
import { CollectingLogger } from './support/collecting-logger';

// What a connector puts in a refusal; it reaches the error, so it must never reach the user.
const REFUSAL_DETAIL = 'Activity rejected for conversation 42d0ef45 (trace 7f3c2a91)';

let connector: LoopbackServer;
let serviceUrl: string;
/** How many of the next connector requests are refused with 400. */
let refusals = 0;
let host: BotHost | undefined;

beforeAll(async () => {
  connector = await startLoopbackServer(() => {
    if (refusals > 0) {
      refusals -= 1;
      return { status: 400, json: { error: { code: 'BadArgument', message: REFUSAL_DETAIL } } };
    }
    return { status: 200, json: { id: 'reply-1' } };
  });
  serviceUrl = `${connector.origin}/_connector`;
});

afterEach(async () => {
  await host?.close();
  host = undefined;
  connector.requests.length = 0;
  refusals = 0;
});

afterAll(async () => {
  await connector.close();
});

/** Posts "help" to a bot whose connector refuses the first `refused` sends, so the turn throws. */
async function helpWithRefusals(refused: number): Promise<{ logger: CollectingLogger }> {
  const logger = new CollectingLogger();
  host = await startBotHost(createBotRuntime(loadConfig(localOnlySettings), logger));
  refusals = refused;
  const response = await postActivity(
    host.messagesUrl,
    loadPlaygroundActivity('message.personal.json', serviceUrl, { text: 'help' }),
  );
  expect(response.status).toBe(200);
  return { logger };
}

function sentCards(): unknown[] {
  return sentActivities(connector.requests).map(cardOf);
}

describe('a turn that throws', () => {
  it('gives the user the error card with the reference that is logged, and nothing of the error', async () => {
    const { logger } = await helpWithRefusals(1);

    const failure = logger.lines.find((line) => line.message === 'Turn failed');
    expect(failure).toMatchObject({
      level: 'error',
      fields: { activityType: 'message', conversationType: 'personal' },
    });
    const correlationId = failure?.fields?.correlationId;
    expect(correlationId).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
    const errorMessage = String(failure?.fields?.errorMessage);
    expect(errorMessage).toContain(REFUSAL_DETAIL);

    const [refusedHelp, errorCard, ...others] = sentCards();
    expect(others).toEqual([]);
    expect(allText(refusedHelp)).toContain('Entra Connect migration assistant');
    expect(connector.requests[1]?.path).toBe(connector.requests[0]?.path);
    expect(parseAsTeams(errorCard).events).toEqual([]);
    const text = allText(errorCard);
    expect(text).toContain('Something went wrong');
    expect(text).toContain('I did not finish it');
    expect(text).toContain(`Reference: ${String(correlationId)}`);
    expect(text).not.toContain(REFUSAL_DETAIL);
    expect(text).not.toContain(errorMessage);
    expect(text).not.toMatch(/\bat \S+ \(|\.[jt]s:\d+/);
    expect(logger.lines.filter((line) => line.level !== 'info')).toHaveLength(1);
  });

  it('keeps the logged failure when the error card cannot be sent either', async () => {
    const { logger } = await helpWithRefusals(2);

    expect(sentCards()).toHaveLength(2);
    const [failure, unsent, ...others] = logger.lines.filter((line) => line.level !== 'info');
    expect(others).toEqual([]);
    expect(failure).toMatchObject({ level: 'error', message: 'Turn failed' });
    expect(unsent).toEqual({
      level: 'warn',
      message: 'Could not tell the user about a failed turn',
      fields: { correlationId: failure?.fields?.correlationId, errorName: expect.any(String) },
    });
  });
});
