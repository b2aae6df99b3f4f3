import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../support/app-harness';
import { fromServer, startMigration } from '../support/migration-walk';
import { personalChat } from '../support/playground-activity';
import {
  adele as adeleVance,
  alex as alexWilber,
  megan as meganBowen,
} from '../support/playground-people';
import { cardBodyText, onlyCard, inputValue } from '../support/sent-activity';

// With a migration running, the Cloud Sync check starts from what the migration recorded about the
// old server (its global settings, the sign-in answers and the configuration export), and says so.

const root = path.resolve(__dirname, '..', '..');
const alex = personalChat(alexWilber);

describe('the Cloud Sync check while a migration runs', () => {
  let app: AppHarness;
  let migrationId: string;

  beforeAll(async () => {
    app = await startAppHarness(new Date('2026-12-07T09:00:00Z'));
    migrationId = await startMigration(app, alex, meganBowen.id);
    // Run on the old server: the cards' first command prints its name.
    const settings = fromServer(
      'AADC01',
      readFileSync(
        path.join(root, 'test/fixtures/real/02a-get-adsyncglobalsettings-v2.2.1.0-sorted.txt'),
        'utf8',
      ),
    );
    await app.say(alex, settings);
    await app.say(alex, 'continue anyway');
    await app.say(alex, settings);
    await app.upload(alex, 'test/scenarios/evidence/sign-in-answers.json');
    await app.upload(
      alex,
      'test/fixtures/synthetic/Exported-SynchronizationPolicy-synthetic-old.json',
    );
  }, 240_000);

  afterAll(async () => {
    await app.close();
  });

  it('fills in what the migration recorded about the old server, and says so', async () => {
    const card = onlyCard(await app.say(alex, 'cloud sync'));
    const body = cardBodyText(card);

    expect(body).toContain(`Filled in from what migration ${migrationId} recorded about AADC01`);
    // The old server's global settings: directory extensions on, device writeback off.
    expect(inputValue(card, 'directoryExtensions')).toBe('true');
    expect(inputValue(card, 'deviceWriteback')).toBe('false');
    // The sign-in answers of the migration say "Do not configure".
    expect(inputValue(card, 'signInMethod')).toBe('none');
    expect(body).toMatch(/\d+ custom sync rules in the export/);
  });

  it('fills in the same for anyone of the organisation who asks', async () => {
    const card = onlyCard(await app.say(personalChat(adeleVance), 'cloud sync'));

    expect(cardBodyText(card)).toContain(`Filled in from what migration ${migrationId}`);
  });
});
