import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../support/app-harness';
import { auditEntries } from '../support/migration-state';
import { startMigration, walkToApproval } from '../support/migration-walk';
import { personalChat } from '../support/playground-activity';
import { alex as alexWilber, megan as meganBowen } from '../support/playground-people';
import type { SentActivity } from '../support/sent-activity';

// The cutover approval sent to an approver who blocked the bot: Teams' connector answers the
// proactive send with 403 MessageWritesBlocked, as it does in a real tenant. The app runs as in
// production (the adapter with its turn error handler), so a swallowed failure would show here as
// an error card in the approver's chat and silence towards the owner.

const alex = personalChat(alexWilber);
const megan = personalChat(meganBowen);

let app: AppHarness;
let migrationId = '';
let requests: SentActivity[] = [];
/** What the connector had received before the migration started (Megan's help). */
let before: readonly unknown[] = [];

beforeAll(async () => {
  app = await startAppHarness(new Date('2026-11-23T08:00:00Z'));
  await app.say(megan, 'help');
  before = [...app.connector.requests];
  migrationId = await startMigration(app, alex, meganBowen.id);
  app.connector.refuseNext(megan.conversationId, {
    status: 403,
    code: 'MessageWritesBlocked',
    message: 'Thread is blocked from receiving messages.',
  });
  requests = await walkToApproval(app, alex);
}, 180_000);

afterAll(async () => {
  await app.close();
});

describe('an approval request Teams refuses to deliver', () => {
  it("tells the owner by name who did not get it and why, in the migration's chat", () => {
    const toOwner = requests.filter((sent) => sent.conversation === alex.conversationId);
    expect(toOwner.map((sent) => sent.text ?? '')).toContainEqual(
      // The shared copy is in Alex's personal chat, which Megan cannot see: no card is offered.
      'Teams did not deliver the approval request to Megan Bowen: Teams refused the message because they blocked the bot (403 MessageWritesBlocked). Ask them to open their chat with the bot in Teams again; then say request approval to send it again.',
    );
  });

  it("posts nothing into the approver's chat, error cards included", () => {
    const refused = app.connector.requests.filter(
      (call) =>
        call.conversationId === megan.conversationId &&
        (call.operation === 'send' || call.operation === 'reply') &&
        !before.includes(call),
    );
    // The one refused send of the approval card, not followed by "Something failed on my side".
    expect(refused).toHaveLength(1);
    expect(JSON.stringify(refused[0]?.activity)).toContain('Approve the cutover');
    // A proactive card says in the notification what it is about, not "sent a card".
    expect(refused[0]?.activity).toMatchObject({
      summary: expect.stringContaining(
        'asks to approve the cutover from AADC01 to AADC-NEW01',
      ) as unknown,
    });
    const toMegan = requests.filter((sent) => sent.conversation === megan.conversationId);
    expect(toMegan).toHaveLength(1);
    expect(JSON.stringify(toMegan)).not.toContain('Something failed on my side');
  });

  it('records the failed delivery in the audit log', async () => {
    const entries = await auditEntries(migrationId);
    expect(entries).toContainEqual(
      expect.objectContaining({
        kind: 'notice',
        summary:
          'A message was not delivered (a personal chat): Teams refused the message because they blocked the bot (403 MessageWritesBlocked).',
        detail: expect.objectContaining({
          problem: 'blocked',
          status: 403,
          code: 'MessageWritesBlocked',
        }),
      }),
    );
  });
});
