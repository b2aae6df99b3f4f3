import { afterEach, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../../support/app-harness';
import { migrationSummary } from '../../support/migration-state';
import { startMigration, walkToApproval } from '../../support/migration-walk';
import { personalChat } from '../../support/playground-activity';
import { alex as alexWilber, megan as meganBowen } from '../../support/playground-people';
import { corruptReferences, expectRunning, letRetriesRunOut, texts } from './support';

const alex = personalChat(alexWilber);
const megan = personalChat(meganBowen);

let app: AppHarness | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('sendApprovalRequests failing for good', () => {
  it('tells the owner who was not reached, and sends the request once the approver is back', async () => {
    app = await startAppHarness(new Date('2026-11-23T08:00:00Z'));
    await app.say(megan, 'help');
    const migrationId = await startMigration(app, alex, meganBowen.id);
    // Megan's stored chat no longer reads: every send to her fails, and with it the whole round.
    expect(
      await corruptReferences((reference) => reference.includes(meganBowen.id)),
    ).toBeGreaterThan(0);
    await walkToApproval(app, alex);
    await letRetriesRunOut(app);
    const told = texts(app.newlySent());
    expect(told).toContain('Teams did not deliver the approval request to Megan Bowen');
    expect(told).toContain('the bot could not send it');
    expectRunning(app, migrationId);
    expect(migrationSummary(app, migrationId).awaiting).toBe('approval');

    // Megan opens her chat again: her reference is stored afresh and the request reaches her.
    const opened = await app.say(megan, 'help');
    const toMegan = texts([...opened, ...app.newlySent()]);
    expect(toMegan).toContain('Approve the cutover');
  }, 240_000);
});
