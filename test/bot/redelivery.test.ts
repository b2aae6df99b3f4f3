import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../support/app-harness';
import { auditEntries } from '../support/migration-state';
import { fromServer, startMigration } from '../support/migration-walk';
import { messageActivity, personalChat } from '../support/playground-activity';
import { alex as alexWilber, megan as meganBowen } from '../support/playground-people';
import { sentActivities } from '../support/sent-activity';

// Teams delivers a message again when the bot did not answer it within about 15 seconds, with
// the same id or, sometimes, a new one. The app runs as in production; each delivery is a real
// POST to /api/messages.

const alex = personalChat(alexWilber);
const root = path.resolve(__dirname, '..', '..');
const paste = fromServer(
  'AADC01',
  readFileSync(
    path.join(root, 'test/fixtures/real/02a-get-adsyncglobalsettings-v2.2.1.0-sorted.txt'),
    'utf8',
  ),
);

let app: AppHarness;
let migrationId = '';

beforeAll(async () => {
  app = await startAppHarness(new Date('2026-11-23T08:00:00Z'));
  migrationId = await startMigration(app, alex, meganBowen.id);
}, 120_000);

afterAll(async () => {
  await app.close();
});

/** Posts an activity and returns what the bot sent for it. */
async function deliver(activity: Record<string, unknown>) {
  const seen = app.connector.requests.length;
  const response = await app.post(activity);
  expect(response.status).toBe(200);
  return sentActivities(app.connector.requests.slice(seen));
}

/** `help` from Alex, as Teams stamps it. */
function help(id: string, timestamp: string): Record<string, unknown> {
  return { ...messageActivity(alex, app.serviceUrl, id, 'help'), timestamp };
}

describe('a message Teams delivers again', () => {
  it('is answered once when it comes again under the same id', async () => {
    const activity = help('teams-message-1', '2026-11-23T08:00:01.123Z');
    expect(await deliver(activity)).toHaveLength(1);
    expect(await deliver(activity)).toEqual([]);
  });

  it('is answered once when it comes again under a new id', async () => {
    expect(await deliver(help('teams-message-1-again', '2026-11-23T08:00:01.123Z'))).toEqual([]);
  });

  it('still answers the same words sent again as a new message', async () => {
    expect(await deliver(help('teams-message-2', '2026-11-23T08:00:09.456Z'))).toHaveLength(1);
  });

  it('records pasted evidence once and says "Got it" once', async () => {
    const evidence = {
      ...messageActivity(alex, app.serviceUrl, 'teams-message-3', paste),
      timestamp: '2026-11-23T08:00:20.000Z',
    };
    const answers = [
      ...(await deliver(evidence)),
      ...(await deliver({ ...evidence, id: 'teams-message-3-again' })),
    ];
    expect(answers.filter((sent) => (sent.text ?? '').startsWith('Got it'))).toHaveLength(1);
    const submissions = (await auditEntries(migrationId)).filter(
      (entry) => entry.kind === 'submission',
    );
    expect(submissions).toHaveLength(1);
  });
});
