import { afterEach, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../../support/app-harness';
import { defined } from '../../support/defined';
import { auditEntries, migrationSummary } from '../../support/migration-state';
import { startMigration, walkToConfigMatch } from '../../support/migration-walk';
import { personalChat } from '../../support/playground-activity';
import { alex as alexWilber, megan as meganBowen } from '../../support/playground-people';
import { corruptReferences, expectRunning, letRetriesRunOut, texts } from './support';

const alex = personalChat(alexWilber);

let app: AppHarness | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('postConfigDiff failing for good', () => {
  it('leaves the comparison undone, and posts it on retry once the chat reads again', async () => {
    app = await startAppHarness(new Date('2026-11-23T08:00:00Z'));
    const migrationId = await startMigration(app, alex, meganBowen.id);
    await walkToConfigMatch(app, alex);
    const phase = defined(migrationSummary(app, migrationId).phaseInstanceId, 'a phase runs');
    // A drifted configuration is stored and signalled while the phase is held; then the stored
    // reference of the migration's chat stops reading, so neither its result nor the comparison
    // (posted after the judgment) can go out.
    expect(await app.runtime.engine.suspend(phase, 'test: hold the judgment')).toBe('accepted');
    await app.upload(
      alex,
      'test/fixtures/synthetic/Applied-SynchronizationPolicy-synthetic-new-drifted.json',
    );
    expect(
      await corruptReferences((reference) => reference.includes(alexWilber.id)),
    ).toBeGreaterThan(0);
    expect(await app.runtime.engine.resume(phase, 'test: judge now')).toBe('accepted');
    await letRetriesRunOut(app);

    expect(app.newlySent()).toEqual([]);
    expectRunning(app, migrationId);
    expect(migrationSummary(app, migrationId).undone?.map((work) => work.what)).toEqual([
      'send the checkpoint result card',
      'send the configuration comparison',
    ]);
    expect((await auditEntries(migrationId)).map((entry) => entry.summary)).toContainEqual(
      expect.stringContaining('Not done after retries: send the configuration comparison'),
    );

    // Speaking to the bot stores the chat's reference afresh; the status card says what is undone.
    const status = texts(await app.say(alex, 'status'));
    expect(status).toContain('Not done: send the configuration comparison');
    expect(status).not.toContain('Stopped by an error');

    const retried = texts(await app.say(alex, 'retry'));
    expect(retried).toContain(
      'Trying again: send the checkpoint result card; send the configuration comparison',
    );
    expect(retried).toContain('Configuration comparison');
    expect(migrationSummary(app, migrationId).undone).toEqual([]);

    // The step goes on as before: the matching configuration passes and the staging sync is next.
    const matched = texts(
      await app.upload(
        alex,
        'test/fixtures/synthetic/Applied-SynchronizationPolicy-synthetic-new-matching.json',
      ),
    );
    expect(matched).toContain('Verify a full sync on the staging server');
  }, 180_000);
});
