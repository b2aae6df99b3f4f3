import { TableServiceClient } from '@azure/data-tables';
import { afterEach, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../../support/app-harness';
import { auditEntries, migrationSummary } from '../../support/migration-state';
import { startMigration } from '../../support/migration-walk';
import { personalChat } from '../../support/playground-activity';
import { alex as alexWilber, megan as meganBowen } from '../../support/playground-people';
import { connection, expectRunning, hour, letRetriesRunOut, texts } from './support';

const alex = personalChat(alexWilber);

let app: AppHarness | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('appendAudit failing for good', () => {
  it('leaves the entry undone and writes it on retry once the table is back', async () => {
    app = await startAppHarness(new Date('2026-11-18T14:30:00Z'));
    const migrationId = await startMigration(app, alex, meganBowen.id);
    const tables = TableServiceClient.fromConnectionString(connection(), {
      allowInsecureConnection: true,
    });
    // The app has written to its audit log (pause and resume are audited) before it loses it.
    await app.say(alex, 'pause');
    await app.say(alex, 'resume');
    await tables.deleteTable('AuditLog');
    await app.runtime.advance(48 * hour);
    await letRetriesRunOut(app);
    // The reminder itself went out; only its audit entry is missing, and the owner is told.
    const sent = texts(app.newlySent());
    expect(sent).toContain('Record the version of the current server');
    expect(sent).toContain('I could not write an entry of the audit log');
    expect(sent).toContain('type retry once that is fixed');
    expectRunning(app, migrationId);
    expect(migrationSummary(app, migrationId).undone?.map((work) => work.what)).toContain(
      'write an entry of the audit log',
    );

    await tables.createTable('AuditLog');
    expect(texts(await app.say(alex, 'retry'))).toContain(
      'Trying again: write an entry of the audit log',
    );
    expect(migrationSummary(app, migrationId).undone).toEqual([]);
    const kinds = (await auditEntries(migrationId)).map((entry) => entry.kind);
    expect(kinds).toContain('reminder');
  }, 180_000);
});
