import { afterEach, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../../support/app-harness';
import { defined } from '../../support/defined';
import { auditEntries, migrationSummary } from '../../support/migration-state';
import { fromServer, startMigration } from '../../support/migration-walk';
import { personalChat } from '../../support/playground-activity';
import { alex as alexWilber, megan as meganBowen } from '../../support/playground-people';
import {
  corruptReferences,
  expectRunning,
  fixture,
  hour,
  letRetriesRunOut,
  texts,
} from './support';

const alex = personalChat(alexWilber);

let app: AppHarness | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('postMessage failing for good', () => {
  it('leaves the reminder undone, says so on the status card, and sends it on retry', async () => {
    app = await startAppHarness(new Date('2026-11-18T14:30:00Z'));
    const migrationId = await startMigration(app, alex, meganBowen.id);
    expect(await corruptReferences(() => true)).toBeGreaterThan(0);
    await app.runtime.advance(48 * hour);
    await letRetriesRunOut(app);
    expect(app.newlySent()).toEqual([]);
    expectRunning(app, migrationId);
    expect(migrationSummary(app, migrationId).undone?.map((work) => work.what)).toEqual([
      'send the reminder card',
    ]);
    // A signal the migration cannot read takes the same decision again; the undone work stays.
    const phase = defined(migrationSummary(app, migrationId).phaseInstanceId, 'a phase runs');
    expect(
      await app.runtime.engine.raiseEvent(phase, 'MigrationSignal', { type: 'not-a-signal' }),
    ).toBe('accepted');
    await app.runtime.advance(1000);
    expect(migrationSummary(app, migrationId).undone?.map((work) => work.what)).toEqual([
      'send the reminder card',
    ]);
    // Taken again, the reminder fails again after its retries.
    await letRetriesRunOut(app);
    expect(app.newlySent()).toEqual([]);
    const audit = await auditEntries(migrationId);
    expect(audit.map((entry) => entry.summary)).toContainEqual(
      expect.stringContaining('Not done after retries: send the reminder card'),
    );

    // Speaking to the bot stores the chat's reference afresh; the status card says what is undone.
    const status = texts(await app.say(alex, 'status'));
    expect(status).toContain('Not done: send the reminder card');
    expect(status).toContain('type retry to try again');
    expect(status).not.toContain('Stopped by an error');

    const retried = texts(await app.say(alex, 'retry'));
    expect(retried).toContain('Trying again: send the reminder card');
    expect(retried).toContain('Record the version of the current server');
    expect(migrationSummary(app, migrationId).undone).toEqual([]);

    // The step goes on as before: the evidence it waited for is judged.
    const judged = texts(
      await app.say(
        alex,
        fromServer(
          'AADC01',
          fixture('test/fixtures/real/02a-get-adsyncglobalsettings-v2.2.1.0-sorted.txt'),
        ),
      ),
    );
    expect(judged).toContain('retired on 11 October 2024');
  }, 180_000);
});
