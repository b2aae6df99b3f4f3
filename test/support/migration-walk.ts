import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { walkFileContent, walkToMonitoring } from '../../local/first-migration';
import type { AppHarness } from './app-harness';
import type { Chat } from './playground-activity';
import { startFormAnswers } from './start-form-answers';
import { cardOf, submitDataOf, type SentActivity } from './sent-activity';

// The steps most app tests take before the part they test: the start form filled in as the
// Playground would, the prepare and build phases walked with the happy path's evidence, and the
// cutover after its approval.

const root = path.resolve(__dirname, '..', '..');

function fixture(file: string): string {
  return readFileSync(path.join(root, file), 'utf8');
}

/** A fixture as pasted after the cards' first command, which prints the server's name. */
export function fromServer(server: string, text: string): string {
  return `ComputerName : ${server}\n${text}`;
}

export { startFormAnswers } from './start-form-answers';

/** Asks for the start form in `chat`, submits it with `approvers` (ids, comma-separated); returns the new migration's id. */
export async function startMigration(
  app: AppHarness,
  chat: Chat,
  approvers: string,
): Promise<string> {
  const [form] = await app.say(chat, 'start migration');
  const migrationId = String(submitDataOf(cardOf(form)).migrationId);
  const started = await app.submit(chat, {
    verb: 'migration.start',
    migrationId,
    ...startFormAnswers,
    approvers,
  });
  expect(started.map((m) => m.text).join(' ')).toContain(`Migration ${migrationId} started`);
  return migrationId;
}

/**
 * The prepare phase and the build phase up to its configuration comparison, with the happy path's
 * evidence, one warning accepted with "continue anyway" (the old server's retired version, 2.2.1.0
 * unless `oldServerSettings` names another global settings output): the migration then waits for
 * the new server's applied configuration.
 */
export async function walkToConfigMatch(
  app: AppHarness,
  chat: Chat,
  oldServerSettings = 'test/fixtures/real/02a-get-adsyncglobalsettings-v2.2.1.0-sorted.txt',
): Promise<void> {
  const real = 'test/fixtures/real';
  const evidence = 'test/scenarios/evidence';
  await app.say(chat, fromServer('AADC01', fixture(oldServerSettings)));
  await app.say(chat, 'continue anyway');
  await app.say(chat, fromServer('AADC01', fixture(oldServerSettings)));
  await app.upload(chat, `${evidence}/sign-in-answers.json`);
  await app.upload(
    chat,
    'test/fixtures/synthetic/Exported-SynchronizationPolicy-synthetic-old.json',
  );
  await app.say(chat, fromServer('AADC-NEW01', fixture(`${evidence}/new-server-os.txt`)));
  await app.say(
    chat,
    fromServer(
      'AADC-NEW01',
      fixture(`${real}/04b-tls12-check-real-outputs-not-configured-and-configured.txt`),
    ),
  );
  await app.say(chat, fromServer('AADC-NEW01', fixture(`${evidence}/new-server-version.txt`)));
  await app.say(
    chat,
    fromServer('AADC-NEW01', fixture(`${evidence}/new-server-entra-connector-credential.txt`)),
  );
  await app.say(
    chat,
    fromServer('AADC-NEW01', fixture(`${real}/01b-get-adsyncscheduler-staging-ON.txt`)),
  );
}

/**
 * The prepare and build phases with the happy path's evidence (as `walkToConfigMatch`, then the
 * matching configuration and the staging sync): the migration then waits for the cutover
 * approval. Returns what the last paste caused (the approval requests).
 */
export async function walkToApproval(
  app: AppHarness,
  chat: Chat,
  oldServerSettings = 'test/fixtures/real/02a-get-adsyncglobalsettings-v2.2.1.0-sorted.txt',
): Promise<SentActivity[]> {
  const evidence = 'test/scenarios/evidence';
  await walkToConfigMatch(app, chat, oldServerSettings);
  await app.upload(
    chat,
    'test/fixtures/synthetic/Applied-SynchronizationPolicy-synthetic-new-matching.json',
  );
  await app.say(chat, fromServer('AADC-NEW01', fixture(`${evidence}/staging-initial-sync.txt`)));
  await app.say(chat, fromServer('AADC-NEW01', fixture(`${evidence}/staging-run-status-idle.txt`)));
  return app.say(
    chat,
    fromServer('AADC-NEW01', fixture(`${evidence}/staging-pending-exports.txt`)),
  );
}

/**
 * The cutover after its approval, with the outputs the first local migration pastes (the old
 * server put in staging mode, then the new one made active): monitoring then begins. Returns what
 * the last paste caused.
 */
export async function walkThroughCutover(app: AppHarness, chat: Chat): Promise<SentActivity[]> {
  let caused: SentActivity[] = [];
  for (const file of walkToMonitoring.flatMap((step) => step.files)) {
    caused =
      file.how === 'upload'
        ? await app.upload(chat, file.source)
        : await app.say(chat, await walkFileContent(root, file, app.clock.now()));
  }
  return caused;
}
