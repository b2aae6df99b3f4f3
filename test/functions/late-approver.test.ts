import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../support/app-harness';
import { auditEntries, migrationSummary } from '../support/migration-state';
import { startMigration, walkToApproval } from '../support/migration-walk';
import { personalChat } from '../support/playground-activity';
import { playgroundDirectory } from '../../local/teams-connector';
import {
  adele as adeleVance,
  alex as alexWilber,
  megan as meganBowen,
} from '../support/playground-people';
import { buttonOf, cardWithButton, type SentActivity } from '../support/sent-activity';

// The normal case on day one: the app is not installed for the approver when the cutover approval
// is requested, so Teams refuses the bot a chat with them (403). When they open the bot, they get
// the request then.

const alex = personalChat(alexWilber);
const megan = personalChat(meganBowen);
const adele = personalChat(adeleVance);

let app: AppHarness;
let migrationId = '';
let requests: SentActivity[] = [];

beforeAll(async () => {
  app = await startAppHarness(new Date('2026-11-23T08:00:00Z'), {
    directory: {
      people: playgroundDirectory.people.map((person) =>
        person.teamsId === meganBowen.id ? { ...person, appInstalled: false } : person,
      ),
    },
  });
  migrationId = await startMigration(app, alex, meganBowen.id);
  requests = await walkToApproval(app, alex);
}, 180_000);

afterAll(async () => {
  await app.close();
});

describe('an approver who opens the bot after the approval was requested', () => {
  it('is named to the owner while they cannot be reached', () => {
    expect(requests.map((sent) => sent.text ?? '')).toContainEqual(
      expect.stringContaining(
        // Picked by Teams user id, as the Playground's people picker does, so named by it too.
        `I could not send the approval request to ${meganBowen.id}: the app is not installed for them in Teams yet.`,
      ),
    );
    expect(requests.filter((sent) => sent.conversation === megan.conversationId)).toEqual([]);
    // The bot asked Teams for a chat with her, and Teams refused it.
    expect(
      app.connector.requests.filter((call) => call.operation === 'create-conversation'),
    ).toContainEqual(expect.objectContaining({ status: 403 }));
  });

  it('gets the approval request when they first open the bot, and can approve from it', async () => {
    // Opening the bot installs it for her.
    app.connector.install(meganBowen.id);
    const opened = await app.say(megan, 'help');
    const card = cardWithButton(opened, 'Approve the cutover', megan.conversationId);
    await app.click(megan, buttonOf(card, 'Approve the cutover'));
    app.newlySent();
    expect(migrationSummary(app, migrationId).checkpoint).not.toBe('cutover-approval');
    const entries = await auditEntries(migrationId);
    expect(entries.map((entry) => entry.summary)).toEqual(
      expect.arrayContaining([
        'Megan Bowen opened a chat with the bot while the cutover approval waits for them.',
        `${meganBowen.id} opened a chat with the bot: the approval request is sent to them (round 1).`,
      ]),
    );
  });

  it('sends nothing more to anyone who opens the bot later and is no approver', async () => {
    const opened = await app.say(adele, 'help');
    expect(opened.filter((sent) => sent.conversation === adele.conversationId)).toHaveLength(1);
    expect(JSON.stringify(opened)).not.toContain('Approve the cutover');
  });
});
