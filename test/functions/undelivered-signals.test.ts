import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationStatusSchema } from '../../migration/migration-status';
import { AuditLog, type AuditEntry } from '../../platform/audit-log';
import { TableAccess } from '../../platform/table-access';
import { startAppHarness, type AppHarness } from '../support/app-harness';
import { defined } from '../support/defined';
import { startMigration } from '../support/migration-walk';
import { personalChat } from '../support/playground-activity';
import { alex as alexWilber, megan as meganBowen } from '../support/playground-people';
import { buttonOf, cardOf, type CardAction } from '../support/sent-activity';

// A signal that cannot be delivered changes nothing and is not recorded as if it had been. The
// break is one the product meets for real: the phase the migration waits in has ended and the
// next one has not started (here it never does: the main instance is suspended and its phase
// terminated). A command and a click answer with what came of it, and the audit log holds no entry
// for either; evidence is signalled and audited by the same function.

const hour = 3600_000;
const alex = personalChat(alexWilber);

let app: AppHarness;
let migrationId = '';
let snooze: CardAction;
let auditBefore: AuditEntry[] = [];

function audit(): Promise<AuditEntry[]> {
  const connection = defined(
    process.env.AzureWebJobsStorage,
    'the harness sets AzureWebJobsStorage',
  );
  return new AuditLog(new TableAccess(connection, 'AuditLog')).list(migrationId);
}

beforeAll(async () => {
  // Wednesday 18 Nov 2026, 15:30 in Berlin.
  app = await startAppHarness(new Date('2026-11-18T14:30:00Z'));
  migrationId = await startMigration(app, alex, meganBowen.id);
  // The first reminder, two days later, carries the snooze buttons.
  await app.runtime.advance(48 * hour);
  const [reminder] = app.newlySent();
  snooze = buttonOf(cardOf(reminder), '1 hour');

  const main = migrationStatusSchema.parse(app.runtime.engine.getStatus(migrationId)?.customStatus);
  const phase = defined(main.phaseInstanceId, 'the prepare phase runs');
  expect(await app.runtime.engine.suspend(migrationId, 'test: hold the next phase')).toBe(
    'accepted',
  );
  expect(await app.runtime.engine.terminate(phase, 'test: the phase has ended')).toBe('accepted');
  auditBefore = await audit();
}, 120_000);

afterAll(async () => {
  await app.close();
});

describe('a signal that is not delivered', () => {
  it('answers a command with what came of it and audits nothing', async () => {
    const [reply] = await app.say(alex, 'pause');
    expect(reply?.text).toBe('The migration has just finished; nothing was changed.');
    expect(await audit()).toEqual(auditBefore);
  });

  it('answers a click with what came of it and audits nothing', async () => {
    const { answer } = await app.click(alex, snooze);
    expect(answer.type).toBe('application/vnd.microsoft.activity.message');
    expect(answer.value).toBe('The migration has just finished; nothing was changed.');
    expect(await audit()).toEqual(auditBefore);
  });

  it('left the audit log with what really happened before the break', () => {
    const kinds = auditBefore.map((entry) => entry.kind);
    expect(kinds).toContain('reminder');
    expect(kinds).not.toContain('command');
    expect(kinds).not.toContain('snooze');
    expect(kinds).not.toContain('submission');
  });
});
