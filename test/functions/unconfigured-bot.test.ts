import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityNames, orchestratorNames } from '../../functions/durable-names';
import { startAppHost, type AppHost } from '../../local/app-host';
import type { RuntimeLogger } from '../../local/runtime-logger';
import { messageActivity, personalChat } from '../support/playground-activity';
import { alex } from '../support/playground-people';

// The app exactly as the local runtime hosts it, but without the local-only setting (a blank value
// unsets it) and without a bot id: what a deployment that lost MicrosoftAppId looks like.

const root = path.resolve(__dirname, '..', '..');
const errors: string[] = [];
const logger: RuntimeLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: (message) => errors.push(message),
};

let host: AppHost;

beforeAll(async () => {
  host = await startAppHost({
    root,
    start: new Date('2026-11-18T09:00:00Z'),
    env: { BOT_AUTHENTICATION: '', MicrosoftAppId: '' },
    logger,
  });
});

afterAll(async () => {
  await host.close();
});

function post(id: string): Promise<Response> {
  return fetch(`${host.runtime.origin}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(messageActivity(personalChat(alex), host.serviceUrl, id, 'help')),
  });
}

describe('/api/messages without a bot id and without the local-only setting', () => {
  it('keeps every function registered: settings are read on first use, not at load', () => {
    expect([...host.runtime.functions.keys()].sort()).toEqual(
      ['messages', ...Object.values(orchestratorNames), ...Object.values(activityNames)].sort(),
    );
  });

  it('answers 503 naming the settings to set, never a value, and replies to no one', async () => {
    const response = await post('unconfigured-1');
    await host.runtime.settle();

    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as { error: string; problems: string[] };
    expect(body.problems).toEqual([
      "MicrosoftAppId is required (the bot's app id, with MicrosoftAppType); to run without Bot Framework authentication on a developer machine, set BOT_AUTHENTICATION=off-local-only instead (never in Azure)",
    ]);
    expect(body.error).toContain('not configured');
    // The storage connection string (with Azurite's account key) is set; it must not show.
    expect(JSON.stringify(body)).not.toMatch(/AccountKey|devstoreaccount1/);
    expect(host.connector.requests).toEqual([]);
  });

  it('refuses the Playground probe too, and logs why once however often it is asked', async () => {
    expect((await fetch(`${host.runtime.origin}/api/messages`, { method: 'HEAD' })).status).toBe(
      503,
    );
    expect((await post('unconfigured-2')).status).toBe(503);
    await host.runtime.settle();

    const refusals = errors.filter((line) => line.includes('refuses to serve'));
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toContain('BOT_AUTHENTICATION=off-local-only');
    expect(errors.join('\n')).not.toMatch(/AccountKey|devstoreaccount1/);
  });
});
