import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardVerbs } from '../../cards/verbs';
import type { MigrationStatus } from '../../migration/migration-status';
import { startAppHarness, type AppHarness } from '../support/app-harness';
import { auditEntries, migrationSummary } from '../support/migration-state';
import { startMigration, walkToApproval } from '../support/migration-walk';
import { personalChat } from '../support/playground-activity';
import {
  adele as adeleVance,
  alex as alexWilber,
  megan as meganBowen,
} from '../support/playground-people';
import {
  buttonOf,
  cardOf,
  cardText,
  cardWithButton,
  type CardAction,
  type SentActivity,
} from '../support/sent-activity';

// The owner's confirmation that an old server the wizard cannot switch was shut down or isolated,
// POSTed as the `adaptiveCard/action` invoke Teams sends: taken once from the owner while the
// migration waits at old-server-staging for such a server, and refused for anyone or anything else.

const alex = personalChat(alexWilber);
const megan = personalChat(meganBowen);
const adele = personalChat(adeleVance);

let app: AppHarness;

/** The summary the dashboard reads: the running phase's custom status, else the main one. */
function summaryOf(migrationId: string): MigrationStatus {
  return migrationSummary(app, migrationId);
}

const audit = auditEntries;

/** A click on "The old server is shut down" as a card for `migrationId` would carry it. */
function shutDownClick(migrationId: string, checkpointId = 'old-server-staging'): CardAction {
  const data = { verb: cardVerbs.confirmOldServerOffline, migrationId, checkpointId };
  return {
    title: 'The old server is shut down',
    verb: data.verb,
    data: { ...data, how: 'shut-down' },
  };
}

/** Approves the cutover as Megan; returns what followed (the staging request). */
async function approve(requests: readonly SentActivity[]): Promise<SentActivity[]> {
  const button = buttonOf(
    cardWithButton(requests, 'Approve the cutover', megan.conversationId),
    'Approve the cutover',
  );
  await app.click(megan, button);
  return app.newlySent();
}

beforeAll(async () => {
  // Monday 23 Nov 2026, 09:00 in Berlin: both cutoffs are in force.
  app = await startAppHarness(new Date('2026-11-23T08:00:00Z'));
  await app.say(megan, 'help');
}, 60_000);

afterAll(async () => {
  await app.close();
});

describe('an old server at 2.2.1.0, which the wizard cannot switch to staging mode', () => {
  let migrationId = '';
  let requests: SentActivity[] = [];
  let shutDown: CardAction;

  beforeAll(async () => {
    migrationId = await startMigration(app, alex, meganBowen.id);
    requests = await walkToApproval(app, alex);
  }, 180_000);

  it('refuses the confirmation before the migration reaches the staging step, recording nothing', async () => {
    const before = (await audit(migrationId)).length;
    const { answer } = await app.click(alex, shutDownClick(migrationId));
    expect(answer.value).toMatch(/^That does not apply/);
    expect(summaryOf(migrationId).checkpoint).toBe('cutover-approval');
    expect(await audit(migrationId)).toHaveLength(before);
    expect(app.newlySent()).toEqual([]);
  });

  it('offers the owner both alternatives on the staging request', async () => {
    const afterApproval = await approve(requests);
    const card = cardWithButton(afterApproval, 'The old server is shut down', alex.conversationId);
    expect(cardText(card)).toContain('The wizard cannot put AADC01 in staging mode');
    shutDown = buttonOf(card, 'The old server is shut down');
    buttonOf(card, 'The old server is isolated');
    expect(shutDown.data).toEqual(shutDownClick(migrationId).data);
    expect(summaryOf(migrationId)).toMatchObject({
      checkpoint: 'old-server-staging',
      oldServerCutoff: { rule: 'sync-stopped', version: '2.2.1.0', minimum: '2.5.79.0' },
    });
  });

  it.each([
    ['a viewer', adele, 'Only the owner or the approvers of this migration can do that.'],
    ['an approver', megan, 'That is not yours to decide on this migration.'],
    [
      'the owner from another tenant',
      personalChat(alexWilber, { tenantId: 'another-tenant' }),
      'That migration is not one of your organisation’s.',
    ],
  ])('refuses %s: nothing changes and no decision is recorded', async (_who, chat, reply) => {
    const { answer } = await app.click(chat, shutDown);
    expect(answer.value).toBe(reply);
    expect(app.newlySent()).toEqual([]);
    const summary = summaryOf(migrationId);
    expect(summary.checkpoint).toBe('old-server-staging');
    expect(summary.oldServerOffline ?? null).toBeNull();
    const entries = await audit(migrationId);
    expect(entries.filter((e) => e.kind === 'decision' && e.summary.includes('shut down'))).toEqual(
      [],
    );
    // As every forged click: refused, and recorded as such on the migration it names.
    expect(
      entries.filter(
        (e) => e.kind === 'forged-action' && e.actor?.aadObjectId === chat.user.aadObjectId,
      ),
    ).toHaveLength(1);
  });

  it('refuses a card naming another step as damaged', async () => {
    const { answer } = await app.click(alex, shutDownClick(migrationId, 'new-server-active'));
    expect(answer.value).toBe(
      'That card is out of date or damaged. Type status to get a fresh one.',
    );
    expect(summaryOf(migrationId).checkpoint).toBe('old-server-staging');
  });

  it('takes the owner’s confirmation once, by name, and moves to the new server', async () => {
    const { answer } = await app.click(alex, shutDown);
    // The clicked card ends with its action: what was done, by whom, and no buttons left.
    expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
    const ended = JSON.stringify(answer.value);
    expect(ended).toContain(
      'Noted: AADC01 is shut down. Keep it off until it is decommissioned; next, make the new server active.',
    );
    expect(ended).toContain('Alex Wilber');
    expect(ended).not.toContain('Action.Execute');
    const sent = app.newlySent();
    expect(sent.some((m) => cardText(cardOf(m)).includes('Make the new server active'))).toBe(true);
    const summary = summaryOf(migrationId);
    expect(summary.checkpoint).toBe('new-server-active');
    expect(summary.completedCheckpoints).toContain('old-server-staging');
    expect(summary.oldServerOffline).toMatchObject({ how: 'shut-down', by: 'Alex Wilber' });
    const decisions = (await audit(migrationId)).filter(
      (e) => e.kind === 'decision' && e.summary.includes('AADC01 is shut down'),
    );
    expect(decisions.length).toBeGreaterThan(0);
    for (const entry of decisions) {
      expect(entry.actor?.aadObjectId).toBe(alexWilber.aadObjectId);
      expect(entry.summary).toContain('Alex Wilber confirmed');
    }

    const before = (await audit(migrationId)).length;
    const again = await app.click(alex, shutDown);
    expect(again.answer.value).toMatch(/^That does not apply/);
    expect(await audit(migrationId)).toHaveLength(before);
    expect(app.newlySent()).toEqual([]);
  });

  afterAll(async () => {
    const [confirm] = await app.say(alex, 'cancel');
    await app.click(alex, buttonOf(cardOf(confirm), 'Yes, cancel the migration'));
    app.newlySent();
  });
});

describe('an old server at 2.5.79.0, which the wizard can switch', () => {
  let migrationId = '';

  beforeAll(async () => {
    migrationId = await startMigration(app, alex, meganBowen.id);
    const requests = await walkToApproval(
      app,
      alex,
      'test/scenarios/evidence/old-server-global-settings-2.5.79.0.txt',
    );
    const afterApproval = await approve(requests);
    const request = afterApproval.find((m) =>
      cardText(cardOf(m)).includes('Put the old server in staging mode first'),
    );
    expect(cardText(cardOf(request))).not.toContain('The old server is shut down');
  }, 180_000);

  it('answers a forged confirmation as not applicable, changing and recording nothing', async () => {
    expect(summaryOf(migrationId)).toMatchObject({ checkpoint: 'old-server-staging' });
    expect(summaryOf(migrationId).oldServerCutoff ?? null).toBeNull();
    const before = (await audit(migrationId)).length;
    const { answer } = await app.click(alex, shutDownClick(migrationId));
    expect(answer.value).toMatch(/^That does not apply/);
    expect(app.newlySent()).toEqual([]);
    expect(summaryOf(migrationId).checkpoint).toBe('old-server-staging');
    expect(await audit(migrationId)).toHaveLength(before);
  });
});
