import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TableClient } from '@azure/data-tables';
import { expect } from 'vitest';
import type { AppHarness } from '../../support/app-harness';
import { startMigration, walkThroughCutover, walkToApproval } from '../../support/migration-walk';
import type { Chat } from '../../support/playground-activity';
import { buttonOf, cardWithButton } from '../../support/sent-activity';
import { defined } from '../../support/defined';
import { migrationSummary } from '../../support/migration-state';
import { cardOf, cardText, type SentActivity } from '../../support/sent-activity';

// Every activity of a migration can fail for good: storage that lost a table, a stored reference
// that no longer reads, evidence gone from its container. Each case (one file each: the app is
// hosted once per process) breaks one activity the way it breaks for real, in Azurite rather than
// in the code, and shows the migration still running, saying what was not done, and going on once
// the cause is fixed: by `retry`, or by doing the step again.

const root = path.resolve(__dirname, '..', '..', '..');

export const hour = 3600_000;

/** The harness's storage connection. */
export function connection(): string {
  return defined(process.env.AzureWebJobsStorage, 'the harness sets AzureWebJobsStorage');
}

/** What was sent, texts and cards, as one string to search. */
export function texts(sent: readonly SentActivity[]): string {
  return sent.map((activity) => `${activity.text ?? ''} ${cardText(cardOf(activity))}`).join('\n');
}

/** A fixture's text, by its path from the project root. */
export function fixture(file: string): string {
  return readFileSync(path.join(root, file), 'utf8');
}

/**
 * Lets the activity retries run out: each is a timer seconds to a minute after the last failure,
 * and each failed call is retried four times, so an hour in two-minute steps covers a decision's
 * worth of them (far from the next reminder).
 */
export async function letRetriesRunOut(harness: AppHarness): Promise<void> {
  for (let round = 0; round < 30; round++) await harness.runtime.advance(2 * 60_000);
}

/** The main instance and the running phase are both still running. */
export function expectRunning(harness: AppHarness, migrationId: string): void {
  expect(harness.runtime.engine.getStatus(migrationId)?.runtimeStatus).toBe('Running');
  const phase = defined(migrationSummary(harness, migrationId).phaseInstanceId, 'a phase runs');
  expect(harness.runtime.engine.getStatus(phase)?.runtimeStatus).toBe('Running');
}

/** Overwrites the stored conversation references `which` picks with text that is not JSON. */
export async function corruptReferences(which: (reference: string) => boolean): Promise<number> {
  const table = TableClient.fromConnectionString(connection(), 'ConversationReferences', {
    allowInsecureConnection: true,
  });
  let corrupted = 0;
  for await (const entity of table.listEntities<{ reference: string }>()) {
    if (!which(entity.reference)) continue;
    await table.updateEntity(
      {
        partitionKey: defined(entity.partitionKey, 'a stored row has a partition key'),
        rowKey: defined(entity.rowKey, 'a stored row has a row key'),
        reference: '{"conversation":',
      },
      'Merge',
    );
    corrupted++;
  }
  return corrupted;
}

/**
 * Starts a migration owned by `owner` with `approver` (who has opened the bot), walks it to the
 * cutover approval, has the approver approve, and walks the cutover: monitoring has begun.
 * Returns the migration's id.
 */
export async function walkToMonitoring(
  harness: AppHarness,
  owner: Chat,
  approver: Chat,
): Promise<string> {
  await harness.say(approver, 'help');
  const migrationId = await startMigration(harness, owner, approver.user.id);
  const requests = await walkToApproval(harness, owner);
  const request = cardWithButton(requests, 'Approve the cutover', approver.conversationId);
  await harness.click(approver, buttonOf(request, 'Approve the cutover'));
  expect(texts(await walkThroughCutover(harness, owner))).toContain('I will check in once a day');
  return migrationId;
}
