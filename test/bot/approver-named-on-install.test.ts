import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectorPrefix } from '../../local/teams-connector';
import { startAppHarness, type AppHarness } from '../support/app-harness';
import { startMigration } from '../support/migration-walk';
import { loadPlaygroundActivity, personalChat } from '../support/playground-activity';
import { alex as alexWilber, megan } from '../support/playground-people';

// Teams (and the Playground) send installationUpdate and conversationUpdate without the person's
// name. An approver who only opened the bot, and is then picked by id, must still be shown by name:
// the bot asks the personal chat's roster, whose one member is that person.

const alex = personalChat(alexWilber);

describe('an approver who only opened the bot', () => {
  let app: AppHarness;

  beforeAll(async () => {
    app = await startAppHarness(new Date('2026-12-07T09:00:00Z'));
  });
  afterAll(async () => {
    await app.close();
  });

  it("is named from that chat's roster, asked once, when picked by id", async () => {
    const meganChat = personalChat(megan);
    const install = loadPlaygroundActivity('installationUpdate.personal.json', app.serviceUrl, {
      id: 'install-megan',
      from: { id: megan.id, aadObjectId: megan.aadObjectId },
      conversation: {
        conversationType: 'personal',
        tenantId: meganChat.tenantId,
        id: meganChat.conversationId,
      },
      channelData: { tenant: { id: meganChat.tenantId } },
    });
    expect(install.from).not.toHaveProperty('name');
    expect((await app.post(install)).status).toBe(200);
    app.newlySent();

    const migrationId = await startMigration(app, alex, megan.id);

    const input = app.runtime.engine.getStatus(migrationId, false)?.input as { plan: unknown };
    expect(input.plan).toMatchObject({ approvers: [{ id: megan.id, name: megan.name }] });
    const lookups = app.connector.requests.filter(
      (request) =>
        request.method === 'GET' &&
        request.path.endsWith(`/members/${encodeURIComponent(megan.id)}`),
    );
    expect(lookups.map((request) => request.path)).toEqual([
      `${connectorPrefix}/v3/conversations/${encodeURIComponent(meganChat.conversationId)}/members/${megan.id}`,
    ]);
  });
});
