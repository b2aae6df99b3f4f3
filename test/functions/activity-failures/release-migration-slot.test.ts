import { TableClient } from '@azure/data-tables';
import { afterEach, describe, expect, it } from 'vitest';
import { activityNames } from '../../../functions/durable-names';
import { EventType } from '../../../local/durable/history';
import { startAppHarness, type AppHarness } from '../../support/app-harness';
import { defined } from '../../support/defined';
import { migrationSummary } from '../../support/migration-state';
import { startMigration } from '../../support/migration-walk';
import { personalChat } from '../../support/playground-activity';
import { alex as alexWilber, megan as meganBowen } from '../../support/playground-people';
import { buttonOf, cardOf, cardText, cardWithButton } from '../../support/sent-activity';
import { connection, hour, letRetriesRunOut, texts, walkToMonitoring } from './support';

const alex = personalChat(alexWilber);
const megan = personalChat(meganBowen);

/** The decommission checklist's buttons but its last, 'Done: Connect Health'. */
const firstItems = [
  'Done: uninstalled',
  'Done: MSOL_ removed',
  'Done: Sync_ removed',
  'Done: app registration deleted',
  'Done: new Health agent registered',
];

let app: AppHarness | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** The registry's row holding the tenant's one-migration slot, as stored. */
async function slotRow(
  table: TableClient,
): Promise<{ partitionKey: string; rowKey: string; migrationId?: unknown }[]> {
  const rows = [];
  for await (const entity of table.listEntities<{ migrationId?: unknown }>({
    queryOptions: { filter: "RowKey eq '~active'" },
  })) {
    rows.push({
      partitionKey: defined(entity.partitionKey, 'a stored row has a partition key'),
      rowKey: defined(entity.rowKey, 'a stored row has a row key'),
      migrationId: entity.migrationId,
    });
  }
  return rows;
}

describe('releaseMigrationSlot failing for good', () => {
  it('still completes the migration, and the bot frees the slot when it next looks', async () => {
    app = await startAppHarness(new Date('2026-11-23T08:00:00Z'));
    const migrationId = await walkToMonitoring(app, alex, megan);
    await app.runtime.advance(24 * hour);
    const checkIn = cardWithButton(app.newlySent(), 'Healthy', alex.conversationId);
    await app.click(alex, buttonOf(checkIn, 'Healthy'));
    await app.runtime.advance(7 * 24 * hour);
    const checklist = cardOf(
      app.newlySent().find((sent) => cardText(cardOf(sent)).includes('Decommission AADC01')),
    );
    for (const item of firstItems) {
      await app.click(alex, buttonOf(checklist, item));
    }

    // The last confirmation is taken while the phase is held; then the tenant's slot row stops
    // reading as one (its migration id lost, as a hand edit in the storage account can leave it).
    const table = TableClient.fromConnectionString(connection(), 'Migrations', {
      allowInsecureConnection: true,
    });
    const slot = defined((await slotRow(table))[0], "the tenant's slot is taken");
    expect(slot.migrationId).toBe(migrationId);
    const phase = defined(migrationSummary(app, migrationId).phaseInstanceId, 'a phase runs');
    expect(await app.runtime.engine.suspend(phase, 'test: hold the last item')).toBe('accepted');
    await app.click(alex, buttonOf(checklist, 'Done: Connect Health'));
    await table.updateEntity(
      { partitionKey: slot.partitionKey, rowKey: slot.rowKey, note: 'edited by hand' },
      'Replace',
    );
    expect(await app.runtime.engine.resume(phase, 'test: finish now')).toBe('accepted');
    await letRetriesRunOut(app);

    expect(texts(app.newlySent())).toContain(
      'AADC-NEW01.contoso.com is the active server; AADC01 is decommissioned',
    );
    const finished = app.runtime.engine.getStatus(migrationId, true);
    expect(finished?.runtimeStatus).toBe('Completed');
    // The slot was released with retries, each refused; the migration ended regardless.
    const history = finished?.history ?? [];
    const releases = history
      .filter(
        (event) =>
          event.EventType === EventType.TaskScheduled &&
          event.Name === activityNames.releaseMigrationSlot,
      )
      .map((event) => event.EventId);
    const failed = history
      .filter((event) => event.EventType === EventType.TaskFailed)
      .map((event) => event.TaskScheduledId);
    expect(releases.length).toBeGreaterThan(1);
    expect(failed).toEqual(expect.arrayContaining(releases));
    expect((await slotRow(table)).map((row) => row.migrationId)).toEqual([undefined]);

    // Once the row reads again, the slot is still taken by the finished migration: the bot frees
    // it when it next looks, and a new migration starts.
    await table.updateEntity(
      { partitionKey: slot.partitionKey, rowKey: slot.rowKey, migrationId },
      'Replace',
    );
    const next = await startMigration(app, alex, meganBowen.id);
    expect(next).not.toBe(migrationId);
    expect(app.runtime.engine.getStatus(next)?.runtimeStatus).toBe('Running');
    expect((await slotRow(table)).map((row) => row.migrationId)).toEqual([next]);
  }, 240_000);
});
