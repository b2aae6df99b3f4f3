import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationStartSchema } from '../../migration/migration-start';
import { nextReminderDue } from '../../migration/reminders';
import { startAppHarness, type AppHarness } from '../support/app-harness';
import { auditEntries, migrationSummary } from '../support/migration-state';
import { fromServer, startMigration } from '../support/migration-walk';
import { personalChat } from '../support/playground-activity';
import { alex as alexWilber, megan as meganBowen } from '../support/playground-people';
import { cardText, onlyCard } from '../support/sent-activity';

// 300 pastes into one checkpoint, through the app on the local Durable engine: the phase continues
// as new as it goes, so its history stays within 200 events, and each paste is still judged,
// answered with its own numbered result card and audited once, and the reminder comes when it
// would have come without it.

const alex = personalChat(alexWilber);
const root = path.resolve(__dirname, '..', '..');
const pastes = 300;
const day = 24 * 3_600_000;
const settings = readFileSync(
  path.join(root, 'test/fixtures/real/02a-get-adsyncglobalsettings-v2.2.1.0-sorted.txt'),
  'utf8',
);

let app: AppHarness;
let migrationId = '';

function phaseHistoryLength(): number {
  return app.runtime.engine.getStatus(`${migrationId}:prepare`, true)?.history?.length ?? 0;
}

beforeAll(async () => {
  // Monday 23 Nov 2026, 09:00 in Berlin.
  app = await startAppHarness(new Date('2026-11-23T08:00:00Z'));
  await app.say(personalChat(meganBowen), 'help');
  migrationId = await startMigration(app, alex, meganBowen.id);
}, 120_000);

afterAll(async () => {
  await app.close();
});

describe('300 pastes into the first checkpoint', () => {
  const longest: number[] = [];
  const results: string[] = [];

  beforeAll(async () => {
    for (let n = 1; n <= pastes; n++) {
      // Outputs taken at different times differ; a counter line stands for that.
      const sent = await app.say(alex, fromServer('AADC01', `${settings}\n# run ${String(n)}`));
      results.push(cardText(onlyCard(sent.filter((a) => (a.attachments ?? []).length > 0))));
      longest.push(phaseHistoryLength());
    }
  }, 1_800_000);

  it('keeps the phase history within 200 events after every paste', () => {
    expect(longest).toHaveLength(pastes);
    expect(Math.max(...longest)).toBeLessThanOrEqual(200);
  });

  it('answers every paste with one result card, which asks to continue anyway', () => {
    expect(results.every((card) => card.includes('Continue anyway'))).toBe(true);
    expect(new Set(results).size).toBe(pastes);
  });

  it('audits each judgment once, numbered 1 to 300, and keeps waiting for a confirmation', async () => {
    const keys = (await auditEntries(migrationId))
      .map((entry) => entry.idempotencyKey ?? '')
      .filter((key) => key.includes(':judgment:'));
    const numbered = Array.from(
      { length: pastes },
      (_, i) => `${migrationId}:judgment:source-version:${String(i + 1)}`,
    );
    expect([...keys].sort()).toEqual(numbered.sort());
    expect(migrationSummary(app, migrationId)).toMatchObject({
      checkpoint: 'source-version',
      awaiting: 'confirmation',
    });
    expect(migrationSummary(app, migrationId).undone ?? []).toEqual([]);
  });

  it('reminds when the rules say, counted from the last judgment, and only once', async () => {
    const start = migrationStartSchema.parse(app.runtime.engine.getStatus(migrationId)?.input);
    const due = nextReminderDue(start.plan, app.clock.now(), start.timing.reminderAfterHours);
    expect(migrationSummary(app, migrationId).nextReminderAt).toBe(due.toISOString());
    await app.runtime.advance(due.getTime() - app.clock.now().getTime() - 60_000);
    expect(app.newlySent()).toEqual([]);
    await app.runtime.advance(60_000);
    const reminders = app.newlySent();
    expect(reminders).toHaveLength(1);
    expect(cardText(onlyCard(reminders))).toContain('Reminder 1 ·');
    expect(phaseHistoryLength()).toBeLessThanOrEqual(200);
  });

  it('goes on reminding for 180 days on the rules schedule, one numbered card each, its history bounded', async () => {
    const start = migrationStartSchema.parse(app.runtime.engine.getStatus(migrationId)?.input);
    const end = new Date(app.clock.now().getTime() + 180 * day);
    const expected: string[] = [];
    let due = nextReminderDue(start.plan, app.clock.now(), start.timing.reminderAfterHours);
    while (due <= end) {
      expected.push(due.toISOString());
      due = nextReminderDue(start.plan, due, start.timing.reminderAfterHours);
    }
    const seen: string[] = [];
    let longestHistory = 0;
    for (let d = 0; d < 180; d++) {
      await app.runtime.advance(day);
      for (const sent of app.newlySent()) seen.push(cardText(onlyCard([sent])));
      longestHistory = Math.max(longestHistory, phaseHistoryLength());
    }
    expect(seen).toHaveLength(expected.length);
    seen.forEach((card, i) => {
      expect(card).toContain(`Reminder ${String(i + 2)} ·`);
    });
    expect(longestHistory).toBeLessThanOrEqual(200);
    expect(migrationSummary(app, migrationId).nextReminderAt).toBe(
      expected.length > 0 ? due.toISOString() : null,
    );
  });
});
