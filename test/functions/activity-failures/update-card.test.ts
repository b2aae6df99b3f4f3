import { afterEach, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../../support/app-harness';
import { defined } from '../../support/defined';
import { auditEntries, migrationSummary } from '../../support/migration-state';
import { startMigration, walkToApproval } from '../../support/migration-walk';
import { personalChat } from '../../support/playground-activity';
import {
  adele as adeleVance,
  alex as alexWilber,
  megan as meganBowen,
} from '../../support/playground-people';
import { buttonOf, cardWithButton, type CardAction } from '../../support/sent-activity';
import { corruptReferences, expectRunning, letRetriesRunOut, texts } from './support';

const alex = personalChat(alexWilber);
const megan = personalChat(meganBowen);
const adele = personalChat(adeleVance);

let app: AppHarness | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** The connector's updates of one message, in order. */
function updatesOf(harness: AppHarness, activityId: string): { status: number; body: string }[] {
  return harness.connector.requests
    .filter((call) => call.operation === 'update' && call.activityId === activityId)
    .map((call) => ({ status: call.status, body: call.body }));
}

describe('updateCard failing for good', () => {
  it('leaves the approver card undone after a rejection, and replaces it on retry once they write again', async () => {
    app = await startAppHarness(new Date('2026-11-23T08:00:00Z'));
    await app.say(megan, 'help');
    await app.say(adele, 'help');
    const migrationId = await startMigration(app, alex, `${meganBowen.id},${adeleVance.id}`);
    const requests = await walkToApproval(app, alex);
    const reject = buttonOf(cardWithButton(requests, 'Reject', megan.conversationId), 'Reject');
    const adeleCard = defined(
      app.connector.requests.find(
        (call) =>
          (call.operation === 'send' || call.operation === 'reply') &&
          call.conversationId === adele.conversationId &&
          call.body.includes('Approve the cutover'),
      )?.activityId,
      'the approval request reached Adele',
    );
    // Adele's stored chat no longer reads: her copy of the request cannot be replaced.
    expect(
      await corruptReferences((reference) => reference.includes(adeleVance.id)),
    ).toBeGreaterThan(0);

    const withComment: CardAction = {
      ...reject,
      data: { ...reject.data, comment: 'Review the pending exports first' },
    };
    await app.click(megan, withComment);
    await letRetriesRunOut(app);
    expect(updatesOf(app, adeleCard)).toEqual([]);
    // The other copies (Megan's and the migration chat's) lost their buttons; the owner was told.
    const replacedElsewhere = app.connector.requests
      .filter(
        (call) =>
          call.operation === 'update' &&
          call.status === 200 &&
          call.body.includes('Cutover rejected'),
      )
      .map((call) => call.conversationId);
    expect(replacedElsewhere.sort()).toEqual([alex.conversationId, megan.conversationId].sort());
    expect(texts(app.newlySent())).toContain('The cutover was rejected');
    expectRunning(app, migrationId);
    expect(migrationSummary(app, migrationId).undone?.map((work) => work.what)).toEqual([
      'update the approval outcome card',
    ]);
    expect((await auditEntries(migrationId)).map((entry) => entry.summary)).toContainEqual(
      expect.stringContaining('Not done after retries: update the approval outcome card'),
    );

    // Adele writes to the bot, which stores her chat afresh; the owner asks to try again.
    await app.say(adele, 'help');
    expect(texts(await app.say(alex, 'retry'))).toContain(
      'Trying again: update the approval outcome card',
    );
    const [replaced] = updatesOf(app, adeleCard);
    expect(replaced?.status).toBe(200);
    expect(replaced?.body).toContain('Cutover rejected');
    expect(replaced?.body).not.toContain('Approve the cutover');
    expect(migrationSummary(app, migrationId).undone).toEqual([]);

    // The step goes on as before: asked again, the approvers approve and the cutover begins.
    const asked = await app.say(alex, 'request approval');
    expect(texts(asked)).toContain('Asking the approvers again');
    const again = cardWithButton(asked, 'Approve the cutover', megan.conversationId);
    await app.click(megan, buttonOf(again, 'Approve the cutover'));
    expect(texts(app.newlySent())).toContain('Put the old server in staging mode first');
    expect(migrationSummary(app, migrationId).checkpoint).toBe('old-server-staging');
  }, 180_000);
});
