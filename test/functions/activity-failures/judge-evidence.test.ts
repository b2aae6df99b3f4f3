import { BlobServiceClient } from '@azure/storage-blob';
import { afterEach, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../../support/app-harness';
import { defined } from '../../support/defined';
import { auditEntries, migrationSummary } from '../../support/migration-state';
import { fromServer, startMigration } from '../../support/migration-walk';
import { personalChat } from '../../support/playground-activity';
import { alex as alexWilber, megan as meganBowen } from '../../support/playground-people';
import { connection, expectRunning, fixture, letRetriesRunOut, texts } from './support';

const alex = personalChat(alexWilber);

let app: AppHarness | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('judgeEvidence failing for good', () => {
  it('answers that nothing was decided, and judges the output pasted again', async () => {
    app = await startAppHarness(new Date('2026-11-18T14:30:00Z'));
    const migrationId = await startMigration(app, alex, meganBowen.id);
    const phase = defined(migrationSummary(app, migrationId).phaseInstanceId, 'a phase runs');
    const paste = fromServer(
      'AADC01',
      fixture('test/fixtures/real/02a-get-adsyncglobalsettings-v2.2.1.0-sorted.txt'),
    );
    // The evidence is stored and signalled while the phase is held; then its blob is lost.
    expect(await app.runtime.engine.suspend(phase, 'test: hold the judgment')).toBe('accepted');
    await app.say(alex, paste);
    const container =
      BlobServiceClient.fromConnectionString(connection()).getContainerClient('evidence');
    for await (const blob of container.listBlobsFlat()) await container.deleteBlob(blob.name);
    expect(await app.runtime.engine.resume(phase, 'test: judge now')).toBe('accepted');
    await letRetriesRunOut(app);

    const unjudged = texts(app.newlySent());
    expect(unjudged).toContain('I could not judge this output');
    expect(unjudged).toContain('Paste or upload the output again');
    expectRunning(app, migrationId);
    expect((await auditEntries(migrationId)).map((entry) => entry.summary)).toContainEqual(
      expect.stringContaining('Could not judge the evidence after retries'),
    );

    expect(texts(await app.say(alex, paste))).toContain('retired on 11 October 2024');
  }, 180_000);
});
