import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cardBodyText as cardText,
  cardOf,
  startAppHarness,
  type AppHarness,
  type CardJson,
  type SentActivity,
} from '../support/app-harness';
import { loadPlaygroundActivity } from '../support/playground-activity';

const hour = 3600_000;

let app: AppHarness;

beforeAll(async () => {
  // Wednesday 18 Nov 2026, 15:30 in Berlin.
  app = await startAppHarness(new Date('2026-11-18T14:30:00Z'));
});

afterAll(async () => {
  await app.close();
});

function newlySent(): SentActivity[] {
  return app.newlySent();
}

async function say(
  text: string,
  tenant = '00000000-0000-0000-0000-0000000000001',
): Promise<SentActivity[]> {
  const activity = loadPlaygroundActivity('message.personal.json', app.serviceUrl, {
    text,
    id: `m-${String(Math.random()).slice(2)}`,
    conversation: { conversationType: 'personal', tenantId: tenant, id: `conversation-${tenant}` },
    channelData: { tenant: { id: tenant } },
  });
  const response = await app.post(activity);
  expect(response.status).toBe(200);
  return newlySent();
}

async function submit(
  value: Record<string, unknown>,
  tenant = '00000000-0000-0000-0000-0000000000001',
): Promise<SentActivity[]> {
  const activity = loadPlaygroundActivity('message.action-submit.personal.json', app.serviceUrl, {
    value,
    conversation: { conversationType: 'personal', tenantId: tenant, id: `conversation-${tenant}` },
    channelData: { tenant: { id: tenant } },
  });
  const response = await app.post(activity);
  expect(response.status).toBe(200);
  return newlySent();
}

function formSubmitData(card: CardJson | undefined): Record<string, unknown> {
  const submit = card?.actions?.find((a) => a.type === 'Action.Submit');
  expect(submit?.data).toBeDefined();
  return submit?.data ?? {};
}

const validForm = {
  oldServer: 'AADC01',
  newServer: 'AADC-NEW01.contoso.com',
  approvers: 'user-id-1,user-id-2',
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
    expect(cardText(form)).toContain('Current server');
    const data = formSubmitData(form);
    migrationId = String(data.migrationId);

    const [retry] = await submit({ ...data, ...validForm, newServer: 'aadc01' });
    const again = cardOf(retry);
    expect(cardText(again)).toContain(
      'The new server must be a different server from the old one.',
    );
    // The previous values are kept and the same migration id is offered again.
    expect(JSON.stringify(again)).toContain('AADC01');
    expect(formSubmitData(again).migrationId).toBe(migrationId);
    expect(app.runtime.engine.getStatus(migrationId)).toBeUndefined();
  });

  it('starts the orchestration on submit and posts the first checkpoint proactively', async () => {
    const sent = await submit({ verb: 'migration.start', migrationId, ...validForm });
    expect(sent.map((a) => a.text ?? '').join(' ')).toContain(`Migration ${migrationId} started`);
    const request = sent
      .map(cardOf)
      .find((card) => cardText(card).includes('Record the version of the current server'));
    expect(request).toBeDefined();
    expect(cardText(request)).toContain('Microsoft.Synchronize.ServerConfigurationVersion');
    expect(app.runtime.engine.getStatus(migrationId)?.runtimeStatus).toBe('Running');
  });

  it('does not start twice when the same form is submitted again', async () => {
    const sent = await submit({ verb: 'migration.start', migrationId, ...validForm });
    expect(sent.map((a) => a.text ?? '').join(' ')).toContain('already submitted');
    expect(sent.some((a) => cardText(cardOf(a)).includes('Record the version'))).toBe(false);
  });

  it('answers status from the custom status: phase, checkpoint and next reminder', async () => {
    const [answer] = await say('status');
    const dashboard = cardText(cardOf(answer));
    expect(dashboard).toContain('Prepare the current server');
    expect(dashboard).toContain('Now: Record the version of the current server');
    expect(dashboard).toContain('Waiting for evidence from Alex Wilber');
    // 48 hours after Wednesday 15:30 in Berlin is Friday 15:30, inside working hours.
    expect(dashboard).toContain('Fri 20 Nov 2026, 15:30');
  });

  it('refreshes the dashboard in place when its button is clicked, for its own tenant only', async () => {
    const [answer] = await say('status');
    const refresh = cardOf(answer)?.actions?.find((a) => a.title === 'Refresh');
    expect(refresh?.type).toBe('Action.Execute');
    const invoke = (tenant: string): Record<string, unknown> =>
      loadPlaygroundActivity('invoke.adaptiveCard-action.personal.json', app.serviceUrl, {
        value: { action: { type: 'Action.Execute', verb: refresh?.verb, data: refresh?.data } },
        conversation: {
          conversationType: 'personal',
          tenantId: tenant,
          id: `conversation-${tenant}`,
        },
        channelData: { tenant: { id: tenant } },
      });
    const response = await app.post(invoke('00000000-0000-0000-0000-0000000000001'));
    const body = (await response.json()) as { statusCode: number; type: string; value: CardJson };
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(body.value)).toContain('Now: Record the version of the current server');

    // The same card data clicked from another tenant reveals nothing.
    const forged = (await (await app.post(invoke('another-tenant'))).json()) as {
      type: string;
      value: unknown;
    };
    expect(forged.type).toBe('application/vnd.microsoft.activity.message');
    expect(JSON.stringify(forged.value)).not.toContain('AADC01');
    newlySent();
  });

  it('says a migration is already running when another start is asked for, and offers status', async () => {
    const [answer] = await say('start migration');
    expect(answer?.text).toContain('A migration is already running in your organisation');
    expect(answer?.text).toContain('AADC01');
    expect(answer?.text).toContain('status');
  });

  it('sends the reminder after 48 hours and not before', async () => {
    await app.runtime.advance(48 * hour - 60_000);
    expect(newlySent()).toEqual([]);
    await app.runtime.advance(60_000);
    const reminders = newlySent();
    expect(reminders[0]?.path).toContain('conversation-00000000-0000-0000-0000-0000000000001');
    expect(reminders).toHaveLength(1);
    expect(cardText(cardOf(reminders[0]))).toContain('Record the version of the current server');
  });

  it('loses nothing when the runtime restarts mid-way', async () => {
    await app.restart();
    const [answer] = await say('status');
    // The next reminder is 48 hours after Friday 15:30: Sunday, so it moves to Monday 08:00.
    expect(cardText(cardOf(answer))).toContain('Mon 23 Nov 2026, 08:00');
    await app.runtime.advance(2 * 24 * hour + 16.5 * hour - 60_000);
    expect(newlySent()).toEqual([]);
    await app.runtime.advance(60_000);
    expect(newlySent()).toHaveLength(1);
  });

  it('lists the migrations of the tenant', async () => {
    const [answer] = await say('list');
    expect(answer?.text).toContain(migrationId);
    expect(answer?.text).toContain('AADC01');
    expect(answer?.text).toContain('in progress');
    // Another tenant sees none of it.
    const [other] = await say('list', 'another-tenant');
    expect(other?.text).toContain('No migration has been started');
  });

  it('moves a reminder due at night into the next working morning', async () => {
    // Another tenant, started on Monday 23 Nov at 20:30 in Berlin: 48 hours later is Wednesday night.
    const tenant = 'night-tenant';
    await app.runtime.advance(Date.parse('2026-11-23T19:30:00Z') - app.clock.now().getTime());
    newlySent();
    const [formMessage] = await say('start migration', tenant);
    const data = formSubmitData(cardOf(formMessage));
    await submit({ ...data, ...validForm }, tenant);
    const [answer] = await say('status', tenant);
    expect(cardText(cardOf(answer))).toContain('Thu 26 Nov 2026, 08:00');
    await app.runtime.advance(Date.parse('2026-11-26T06:59:00Z') - app.clock.now().getTime());
    // The first tenant got its own reminders meanwhile; none for this one before 08:00.
    const toNightTenant = (sent: SentActivity[]): SentActivity[] =>
      sent.filter((a) => a.path.includes('conversation-night-tenant'));
    expect(toNightTenant(newlySent())).toEqual([]);
    await app.runtime.advance(60_000);
    const morning = toNightTenant(newlySent());
    expect(morning).toHaveLength(1);
    expect(cardText(cardOf(morning[0]))).toContain('Record the version');
  });
});
