import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../support/app-harness';
import { personalChat, type Chat } from '../support/playground-activity';
import { adele, alex, megan, playgroundTenant } from '../support/playground-people';
import {
  answerCard,
  cardBodyText,
  cardOf,
  submitDataOf,
  type SentActivity,
} from '../support/sent-activity';

const hour = 3600_000;

let app: AppHarness;

beforeAll(async () => {
  // Wednesday 18 Nov 2026, 15:30 in Berlin.
  app = await startAppHarness(new Date('2026-11-18T14:30:00Z'));
});

afterAll(async () => {
  await app.close();
});

/** Alex's chat with the bot in `tenant`: one conversation per tenant. */
function chatIn(tenant: string): Chat {
  return personalChat(alex, { tenantId: tenant, conversationId: `conversation-${tenant}` });
}

function say(text: string, tenant = playgroundTenant): Promise<SentActivity[]> {
  return app.say(chatIn(tenant), text);
}

function submit(
  value: Record<string, unknown>,
  tenant = playgroundTenant,
): Promise<SentActivity[]> {
  return app.submit(chatIn(tenant), value);
}

const validForm = {
  oldServer: 'AADC01',
  newServer: 'AADC-NEW01.contoso.com',
  approvers: `${megan.id},${adele.id}`,
  monitoringDays: '7',
  timeZone: 'Europe/Berlin',
  workStart: '08:00',
  workEnd: '17:00',
  workDays: '1,2,3,4,5',
};

describe('the first conversation: start a migration, get the first checkpoint, be reminded, ask for status', () => {
  let migrationId = '';

  it('answers start migration with the form, and gives it back with the problem named when input is invalid', async () => {
    const [formMessage] = await say('start migration');
    const form = cardOf(formMessage);
    expect(cardBodyText(form)).toContain('Current server');
    const data = submitDataOf(form);
    migrationId = String(data.migrationId);

    const [retry] = await submit({ ...data, ...validForm, newServer: 'aadc01' });
    const again = cardOf(retry);
    expect(cardBodyText(again)).toContain(
      'The new server must be a different server from the old one.',
    );
    // The previous values are kept and the same migration id is offered again.
    expect(JSON.stringify(again)).toContain('AADC01');
    expect(submitDataOf(again).migrationId).toBe(migrationId);
    expect(app.runtime.engine.getStatus(migrationId)).toBeUndefined();
  });

  it('starts the orchestration on submit and posts the first checkpoint proactively', async () => {
    const sent = await submit({ verb: 'migration.start', migrationId, ...validForm });
    expect(sent.map((a) => a.text ?? '').join(' ')).toContain(`Migration ${migrationId} started`);
    const request = sent
      .map(cardOf)
      .find((card) => cardBodyText(card).includes('Record the version of the current server'));
    expect(request).toBeDefined();
    expect(cardBodyText(request)).toContain('Microsoft.Synchronize.ServerConfigurationVersion');
    expect(app.runtime.engine.getStatus(migrationId)?.runtimeStatus).toBe('Running');
    // The submitted form is replaced with what came of it: nothing left to submit again.
    const ended = sent.find((a) => a.method === 'PUT');
    expect(ended?.path).toMatch(/\/activities\/1795297109079$/);
    expect(cardBodyText(cardOf(ended))).toContain(`Migration ${migrationId} started`);
    expect(cardOf(ended)?.actions ?? []).toEqual([]);
  });

  it('does not start twice when the same form is submitted again', async () => {
    const sent = await submit({ verb: 'migration.start', migrationId, ...validForm });
    expect(sent.map((a) => a.text ?? '').join(' ')).toContain('already submitted');
    expect(sent.some((a) => cardBodyText(cardOf(a)).includes('Record the version'))).toBe(false);
  });

  it('answers status from the custom status: phase, checkpoint and next reminder', async () => {
    const [answer] = await say('status');
    const dashboard = cardBodyText(cardOf(answer));
    expect(dashboard).toContain('Prepare the current server');
    expect(dashboard).toContain('Now: Record the version of the current server');
    expect(dashboard).toContain(`Waiting for evidence from ${alex.name}`);
    // 48 hours after Wednesday 15:30 in Berlin is Friday 15:30, inside working hours.
    expect(dashboard).toContain('Fri 20 Nov 2026, 15:30');
  });

  it('refreshes the dashboard in place when its button is clicked, for its own tenant only', async () => {
    const [answer] = await say('status');
    const refresh = cardOf(answer)?.actions?.find((a) => a.title === 'Refresh');
    expect(refresh?.type).toBe('Action.Execute');
    const action = { title: 'Refresh', verb: refresh?.verb ?? '', data: refresh?.data ?? {} };
    const { answer: body } = await app.click(chatIn(playgroundTenant), action);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardBodyText(answerCard(body))).toContain(
      'Now: Record the version of the current server',
    );

    // The same card data clicked from another tenant reveals nothing.
    const { answer: forged } = await app.click(chatIn('another-tenant'), action);
    expect(forged.type).toBe('application/vnd.microsoft.activity.message');
    expect(JSON.stringify(forged.value)).not.toContain('AADC01');
    app.newlySent();
  });

  it('says a migration is already running when another start is asked for, and offers status', async () => {
    const [answer] = await say('start migration');
    expect(answer?.text).toContain('A migration is already running in your organisation');
    expect(answer?.text).toContain('AADC01');
    expect(answer?.text).toContain('status');
  });

  it('sends the reminder after 48 hours and not before', async () => {
    await app.runtime.advance(48 * hour - 60_000);
    expect(app.newlySent()).toEqual([]);
    await app.runtime.advance(60_000);
    const reminders = app.newlySent();
    expect(reminders[0]?.path).toContain(`conversation-${playgroundTenant}`);
    expect(reminders).toHaveLength(1);
    expect(cardBodyText(cardOf(reminders[0]))).toContain(
      'Record the version of the current server',
    );
  });

  it('loses nothing when the runtime restarts mid-way', async () => {
    await app.restart();
    const [answer] = await say('status');
    // The next reminder is 48 hours after Friday 15:30: Sunday, so it moves to Monday 08:00.
    expect(cardBodyText(cardOf(answer))).toContain('Mon 23 Nov 2026, 08:00');
    await app.runtime.advance(2 * 24 * hour + 16.5 * hour - 60_000);
    expect(app.newlySent()).toEqual([]);
    await app.runtime.advance(60_000);
    expect(app.newlySent()).toHaveLength(1);
  });

  it('lists the migrations of the tenant', async () => {
    const [answer] = await say('list');
    // Named by its servers, owner and day; its id says nothing to a person.
    expect(answer?.text).not.toContain(migrationId);
    expect(answer?.text).toMatch(
      /AADC01 → AADC-NEW01\.contoso\.com, started by Alex Wilber on \d{1,2} \w{3} 2026/,
    );
    expect(answer?.text).toContain('in progress');
    // Another tenant sees none of it.
    const [other] = await say('list', 'another-tenant');
    expect(other?.text).toContain('No migration has been started');
  });

  it('moves a reminder due at night into the next working morning', async () => {
    // Another tenant, started on Monday 23 Nov at 20:30 in Berlin: 48 hours later is Wednesday night.
    const tenant = 'night-tenant';
    await app.runtime.advance(Date.parse('2026-11-23T19:30:00Z') - app.clock.now().getTime());
    app.newlySent();
    const [formMessage] = await say('start migration', tenant);
    const data = submitDataOf(cardOf(formMessage));
    await submit({ ...data, ...validForm }, tenant);
    const [answer] = await say('status', tenant);
    expect(cardBodyText(cardOf(answer))).toContain('Thu 26 Nov 2026, 08:00');
    await app.runtime.advance(Date.parse('2026-11-26T06:59:00Z') - app.clock.now().getTime());
    // The first tenant got its own reminders meanwhile; none for this one before 08:00.
    const toNightTenant = (sent: SentActivity[]): SentActivity[] =>
      sent.filter((a) => a.path.includes('conversation-night-tenant'));
    expect(toNightTenant(app.newlySent())).toEqual([]);
    await app.runtime.advance(60_000);
    const morning = toNightTenant(app.newlySent());
    expect(morning).toHaveLength(1);
    expect(cardBodyText(cardOf(morning[0]))).toContain('Record the version');
  });
});
