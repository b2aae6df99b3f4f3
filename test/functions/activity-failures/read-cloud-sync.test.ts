import { afterEach, describe, expect, it } from 'vitest';
import { activityNames } from '../../../functions/durable-names';
import { EventType } from '../../../local/durable/history';
import { startAppHarness, type AppHarness } from '../../support/app-harness';
import { defined } from '../../support/defined';
import { auditEntries, migrationSummary } from '../../support/migration-state';
import { personalChat } from '../../support/playground-activity';
import { alex as alexWilber, megan as meganBowen } from '../../support/playground-people';
import { startLoopbackServer, type LoopbackServer } from '../../support/loopback-server';
import { buttonOf, cardWithButton } from '../../support/sent-activity';
import { expectRunning, hour, letRetriesRunOut, texts, walkToMonitoring } from './support';

// Graph refusing, throttling or unreachable, a body that is no organization page, and every token
// failure MSAL reports as an AuthError come back from the reading as a value (no cloud line). What
// throws is what graph-client rethrows as a defect, an error from MSAL that is no AuthError: here
// the identity endpoint answers 200 with the JSON body `null`, and MSAL, reading `expires_on` of
// it, throws a TypeError.

const alex = personalChat(alexWilber);
const megan = personalChat(meganBowen);

let app: AppHarness | undefined;
let identity: LoopbackServer | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
  await identity?.close();
  identity = undefined;
});

describe('readCloudSync failing for good', () => {
  it('sends the check-in without the cloud line and keeps the migration running', async () => {
    // The App Service identity endpoint MSAL finds through IDENTITY_ENDPOINT and IDENTITY_HEADER.
    identity = await startLoopbackServer(() => ({ status: 200, json: null }));
    app = await startAppHarness(new Date('2026-11-23T08:00:00Z'), {
      env: {
        IDENTITY_ENDPOINT: `${identity.origin}/msi/token`,
        IDENTITY_HEADER: 'loopback-identity-header',
        GRAPH_MANAGED_IDENTITY_CLIENT_ID: '7d3c2b1a-0000-4000-8000-0000000000aa',
        // Loopback, should anything ever get a token: nothing may.
        GRAPH_ENDPOINT: 'https://127.0.0.1:9',
      },
    });
    const migrationId = await walkToMonitoring(app, alex, megan);
    // Nothing before the check-in asked for a token.
    expect(identity.requests).toEqual([]);

    await app.runtime.advance(24 * hour);
    await letRetriesRunOut(app);
    const sent = app.newlySent();
    const checkIn = cardWithButton(sent, 'Healthy', alex.conversationId);
    expect(texts(sent)).toContain('day 1 of 7');
    expect(JSON.stringify(checkIn)).not.toContain('☁️');
    expectRunning(app, migrationId);
    expect((await auditEntries(migrationId)).map((entry) => entry.summary)).toContainEqual(
      "Could not read the cloud's last sync after retries; the migration goes on without it.",
    );
    // The reading was asked for with retries, and each attempt threw.
    const phase = defined(migrationSummary(app, migrationId).phaseInstanceId, 'a phase runs');
    const history = app.runtime.engine.getStatus(phase, true)?.history ?? [];
    const readings = history
      .filter(
        (event) =>
          event.EventType === EventType.TaskScheduled && event.Name === activityNames.readCloudSync,
      )
      .map((event) => event.EventId);
    const failures = history.filter((event) => event.EventType === EventType.TaskFailed);
    expect(readings.length).toBeGreaterThan(1);
    expect(failures.map((event) => event.TaskScheduledId)).toEqual(readings);
    expect(failures.map((event) => event.Reason)).toContainEqual(
      expect.stringContaining("Cannot read properties of null (reading 'expires_on')"),
    );
    expect(identity.requests.length).toBe(readings.length);

    // Monitoring goes on: the day is answered, and the next check-in comes.
    await app.click(alex, buttonOf(checkIn, 'Healthy'));
    await app.runtime.advance(24 * hour);
    await letRetriesRunOut(app);
    expect(texts(app.newlySent())).toContain('day 2 of 7');
    expectRunning(app, migrationId);
  }, 180_000);
});
