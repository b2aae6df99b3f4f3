import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../support/app-harness';
import { fromServer, startMigration } from '../support/migration-walk';
import { personalChat } from '../support/playground-activity';
import { alex as alexWilber, megan } from '../support/playground-people';
import { cardBodyText, onlyCard } from '../support/sent-activity';

// The final report and the result cards point at the migration's record: `history` shows it in the
// chat, with who did what and when, and each judgment's findings.

const root = path.resolve(__dirname, '..', '..');
const alex = personalChat(alexWilber);

describe('history', () => {
  let app: AppHarness;

  beforeAll(async () => {
    app = await startAppHarness(new Date('2026-12-07T09:00:00Z'));
  });
  afterAll(async () => {
    await app.close();
  });

  it('says there is nothing to show before any migration', async () => {
    const [reply] = await app.say(alex, 'history');
    expect(reply?.text).toBe(
      'No migration has been started in your organisation yet. Type start migration to begin.',
    );
  });

  it("shows the migration's recorded events, oldest first, with who acted and each judgment's findings", async () => {
    await startMigration(app, alex, megan.id);
    await app.say(
      alex,
      fromServer(
        'AADC01',
        readFileSync(
          path.join(root, 'test/fixtures/real/02a-get-adsyncglobalsettings-v2.2.1.0-sorted.txt'),
          'utf8',
        ),
      ),
    );
    const text = cardBodyText(onlyCard(await app.say(alex, 'history')));

    expect(text).toContain('History of this migration');
    // Both on the one clock of the app: the paste (a turn) and its judgment (an orchestration)
    // read the same virtual time; the turn no longer reads the wall clock.
    expect(text).toContain(
      'Alex Wilber sent global settings (Get-ADSyncGlobalSettings) for “Record the version of the current server”.',
    );
    expect(text).toContain(
      '“Record the version of the current server” passed with warnings on evidence from Alex Wilber.',
    );
    expect(text).toContain('Mon 7 Dec 2026, 10:00 CET · Alex Wilber');
    // Entries of the same instant keep the order they were written in.
    expect(text.indexOf('Alex Wilber sent global settings')).toBeLessThan(
      text.indexOf('passed with warnings on evidence'),
    );
    expect(text).not.toMatch(/Mon 7 Dec 2026, (?!10:00)\d\d:\d\d CET/);
    // The judgment's findings are listed under it.
    expect(text).toMatch(/• .*2\.2\.1\.0/);
  });
});
