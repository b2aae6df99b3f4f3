import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RealClock } from '../../local/clock';
import { startPlayground, type RunningPlayground } from '../../local/playground';
import { quietLogger } from '../../local/runtime-logger';
import { startFileServer, type FileServer } from '../../local/scenario/file-server';
import { startLocalStack, type LocalStack } from '../../local/stack';
import {
  clickCardButton,
  launchChromium,
  openPlayground,
  screenshot,
  screenshotElement,
  sendText,
  waitForBotCardContaining,
  waitForBotMessageContaining,
  type LaunchedChromium,
} from '../support/browser';
import { defined } from '../support/defined';
import { fromServer } from '../support/migration-walk';
import { fileActivity, personalChat, postActivity } from '../support/playground-activity';
import { writePlaygroundConfig, type PlaygroundIdentity } from '../support/playground-config';
import { alex, megan } from '../support/playground-people';

const root = path.resolve(__dirname, '..', '..');
const results = path.join(root, 'test-results');
const fixture = (...parts: string[]): string => path.join(root, 'test', ...parts);

/**
 * 20 000 times real time: a day passes in 4.3 s, so two days of monitoring take under 9 s, while the
 * longest reminder and approval timers (set below) stay a minute or more away.
 */
const TIME_SCALE = 20_000;
/** Timers pushed to their maximum so no reminder card lands between the steps the test expects. */
const QUIET_TIMERS = {
  REMINDER_AFTER_HOURS: '336',
  APPROVAL_REMINDER_HOURS: '144',
  ESCALATE_AFTER_HOURS: '336',
  APPROVAL_EXPIRES_AFTER_HOURS: '720',
};
/** One day of accelerated time, in real milliseconds. */
const SCALED_DAY_MS = (24 * 3600_000) / TIME_SCALE;
const CARD_TIMEOUT = 15_000;

/** Get-ADSyncScheduler output with NextSyncCycleStartTimeInUTC set to `at`, printed as en-US does. */
function withNextSyncCycleAt(output: string, at: Date): string {
  const hours = at.getUTCHours();
  const two = (n: number): string => String(n).padStart(2, '0');
  const printed = `${String(at.getUTCMonth() + 1)}/${String(at.getUTCDate())}/${String(at.getUTCFullYear())} ${String(hours % 12 || 12)}:${two(at.getUTCMinutes())}:${two(at.getUTCSeconds())} ${hours < 12 ? 'AM' : 'PM'}`;
  const edited = output.replace(/^(NextSyncCycleStartTimeInUTC\s*: ).*$/m, `$1${printed}`);
  if (edited === output) throw new Error('no NextSyncCycleStartTimeInUTC line to set');
  return edited;
}

describe('a whole migration in two Playgrounds, with accelerated time', () => {
  let dataDir = '';
  let stack: LocalStack | undefined;
  let approverPlayground: RunningPlayground | undefined;
  let files: FileServer | undefined;
  let chromium: LaunchedChromium | undefined;
  let owner: PlaygroundIdentity;
  let approver: PlaygroundIdentity;
  let ownerPage: Page;
  let approverPage: Page;
  let ownerServiceUrl = '';
  let clock: RealClock;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'e2e-whole-'));
    // Each Playground reads its people from its own working directory.
    owner = await writePlaygroundConfig(path.join(dataDir, 'owner'), alex, 'personal-chat-owner');
    approver = await writePlaygroundConfig(
      path.join(dataDir, 'approver'),
      megan,
      'personal-chat-approver',
    );
    clock = new RealClock(TIME_SCALE);
    stack = await startLocalStack({
      root,
      dataDir,
      inMemoryStorage: true,
      logger: quietLogger,
      clock,
      playgroundCwd: owner.cwd,
      env: QUIET_TIMERS,
    });
    approverPlayground = await startPlayground({
      botEndpoint: stack.messagesUrl,
      cwd: approver.cwd,
      logger: quietLogger,
    });
    files = await startFileServer(() => clock.now());
    ownerServiceUrl = `http://localhost:${String(stack.playground?.port ?? 0)}/_connector`;

    chromium = await launchChromium();
    ownerPage = await openPlayground(chromium.context, stack.playground?.url ?? '');
    approverPage = await openPlayground(await chromium.newContext(), approverPlayground.url);
  });

  afterAll(async () => {
    await chromium?.close();
    await files?.close();
    await approverPlayground?.stop();
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** Pastes a fixture file into the owner's chat, byte for byte (after `edit`, if given). */
  /** Pastes a fixture as run on `server`: the cards' first command prints its name first. */
  async function paste(
    file: string,
    server: string,
    edit = (text: string): string => text,
  ): Promise<void> {
    await sendText(ownerPage, fromServer(server, edit(await readFile(fixture(file), 'utf8'))));
  }

  /**
   * Sends a file as Teams does after an upload in the personal chat: the Playground cannot attach
   * files, so the activity goes straight to the bot, shaped as its "custom activity" sends it, in
   * the owner's conversation and with its connector, where the bot's replies then show.
   */
  async function upload(file: string): Promise<void> {
    const name = path.basename(file);
    const downloadUrl = defined(files, 'the file server').offer(
      name,
      await readFile(fixture(file)),
    );
    const chat = personalChat(owner.user, { conversationId: owner.personalChatId });
    const activity = fileActivity(chat, ownerServiceUrl, randomUUID(), {
      name,
      downloadUrl,
      uniqueId: randomUUID().toUpperCase(),
    });
    const response = await postActivity(defined(stack, 'the local stack').messagesUrl, activity);
    expect(response.status).toBeLessThan(300);
  }

  /** The owner's newest card with `text`, once it is there. */
  function ownerCard(text: string | RegExp, timeout = CARD_TIMEOUT): Promise<Locator> {
    return waitForBotCardContaining(ownerPage, text, timeout);
  }

  it(
    'runs from start migration to the final report, the cutover approved from the second Playground',
    // A guard against a hang, not a speed target (bench/ holds those): the walk alone takes about
    // 75 s on a 2-core machine, and over 90 s beside the suite's other worker.
    { timeout: 240_000 },
    async ({ onTestFailed }) => {
      onTestFailed(async () => {
        // Where each chat stood, to see which step did not come.
        await screenshot(ownerPage, path.join(results, 'e2e-whole-failure-owner.png'));
        await screenshot(approverPage, path.join(results, 'e2e-whole-failure-approver.png'));
        const lastMessages = await ownerPage.locator('.fai-OutputCard').allInnerTexts();
        console.error(`owner's last messages:\n${lastMessages.slice(-4).join('\n-----\n')}`);
        const statuses = stack?.runtime.engine.listStatuses() ?? [];
        console.error(
          `orchestrations: ${JSON.stringify(
            statuses.map((s) => [s.runtimeStatus, s.customStatus]),
            null,
            1,
          )}`,
        );
      });
      const started = Date.now();
      const marks: string[] = [];
      const mark = (what: string): void => {
        marks.push(`${((Date.now() - started) / 1000).toFixed(1)} s  ${what}`);
      };

      // Megan opens the bot once, so it can reach her personal chat and knows her name.
      await sendText(approverPage, 'help');
      await waitForBotCardContaining(approverPage, 'Commands');

      await sendText(ownerPage, 'start migration');
      const form = await ownerCard('Start an Entra Connect migration');
      await form.getByPlaceholder('AADC01.contoso.com', { exact: true }).fill('AADC01');
      await form
        .getByPlaceholder('AADC-NEW01.contoso.com', { exact: true })
        .fill('AADC-NEW01.contoso.com');
      // The people picker offers the Playground's mock users and submits their Teams id.
      const picker = form.getByRole('combobox', { name: 'People Picker' });
      await picker.click();
      await picker.pressSequentially('Megan');
      await ownerPage
        .locator('.ms-Suggestions-item')
        .filter({ hasText: megan.name })
        .first()
        .click();
      // Two days: the first brings a check-in card, the second ends monitoring.
      await form.getByRole('spinbutton').fill('2');
      await form
        .getByPlaceholder('An IANA time zone, such as Europe/Berlin', { exact: true })
        .fill('Europe/Berlin');
      // Working around the clock, so no reminder or check-in waits for the next morning.
      const times = form.getByPlaceholder('Select a time...');
      await times.nth(0).fill('00:00');
      await times.nth(0).press('Enter');
      await times.nth(1).fill('23:30');
      await times.nth(1).press('Enter');
      await form.getByRole('checkbox', { name: 'Saturday' }).check();
      await form.getByRole('checkbox', { name: 'Sunday' }).check();
      await clickCardButton(form, 'Start the migration');

      const startedMessage = await waitForBotMessageContaining(
        ownerPage,
        'started: AADC01 → AADC-NEW01.contoso.com',
      );
      const startedId = /Migration (\S+) started/.exec(await startedMessage.innerText())?.[1];
      expect(startedId).toBeDefined();
      const migrationId = defined(startedId, 'the migration id in the started message');
      const local = defined(stack, 'the local stack');
      const input = local.runtime.engine.getStatus(migrationId, false)?.input as {
        plan: unknown;
      };
      expect(input.plan).toMatchObject({
        approvers: [{ id: megan.id, name: megan.name }],
        monitoringDays: 2,
        timeZone: 'Europe/Berlin',
        workingHours: { start: '00:00', end: '23:30', days: [1, 2, 3, 4, 5, 6, 7] },
      });
      mark('migration started');

      // Prepare the current server: a retired 2.2.1.0 passes with warnings, continued explicitly.
      await ownerCard('Record the version of the current server');
      await paste('fixtures/real/02a-get-adsyncglobalsettings-v2.2.1.0-sorted.txt', 'AADC01');
      await waitForBotMessageContaining(ownerPage, 'Got it: I read this as global settings');
      const retired = await ownerCard('retired on 11 October 2024');
      await clickCardButton(retired, 'Continue anyway');
      await ownerCard('Capture the current server settings');
      await paste('fixtures/real/02a-get-adsyncglobalsettings-v2.2.1.0-sorted.txt', 'AADC01');
      await ownerCard('Confirm the user sign-in settings');
      // The sign-in answers are a small JSON file, recognised when pasted as well as uploaded.
      await sendText(
        ownerPage,
        await readFile(fixture('scenarios/evidence/sign-in-answers.json'), 'utf8'),
      );
      await waitForBotMessageContaining(ownerPage, 'I read this as the sign-in answers');
      await ownerCard('Export the current configuration');
      await upload('fixtures/synthetic/Exported-SynchronizationPolicy-synthetic-old.json');
      await waitForBotMessageContaining(
        ownerPage,
        'I read “Exported-SynchronizationPolicy-synthetic-old.json” as exported settings JSON',
      );
      mark('current server prepared');

      // Build the new server.
      await ownerCard('Check the new server operating system');
      await paste('scenarios/evidence/new-server-os.txt', 'AADC-NEW01');
      await ownerCard('Enforce TLS 1.2 on the new server');
      await paste(
        'fixtures/real/04b-tls12-check-real-outputs-not-configured-and-configured.txt',
        'AADC-NEW01',
      );
      await ownerCard('Install Entra Connect V2 in staging mode');
      await paste('scenarios/evidence/new-server-version.txt', 'AADC-NEW01');
      await ownerCard('No Get-ADSyncScheduler output');
      await paste('scenarios/evidence/new-server-entra-connector-credential.txt', 'AADC-NEW01');
      await paste('fixtures/real/01b-get-adsyncscheduler-staging-ON.txt', 'AADC-NEW01');
      await ownerCard('Compare the new configuration with the export');
      await upload('fixtures/synthetic/Applied-SynchronizationPolicy-synthetic-new-matching.json');
      await ownerCard('Verify a full sync on the staging server');
      await paste('scenarios/evidence/staging-initial-sync.txt', 'AADC-NEW01');
      await paste('scenarios/evidence/staging-run-status-idle.txt', 'AADC-NEW01');
      await paste('scenarios/evidence/staging-pending-exports.txt', 'AADC-NEW01');
      mark('new server built');

      // Cutover: the approval card reaches Megan's Playground; Alex only sees who is awaited.
      const request = await waitForBotCardContaining(
        approverPage,
        'Approve the cutover to AADC-NEW01.contoso.com',
      );
      expect(await request.innerText()).toContain(
        `${alex.name} asks to switch the active sync server`,
      );
      await screenshot(approverPage, path.join(results, 'e2e-whole-approval-request.png'));
      const pending = await ownerCard(`Waiting for ${megan.name} to decide`);
      expect(await pending.locator('button[aria-label="Approve the cutover"]').count()).toBe(0);
      await screenshotElement(pending, path.join(results, 'e2e-whole-owner-waiting.png'));
      mark('approval requested');
      await clickCardButton(request, 'Approve the cutover');
      await waitForBotCardContaining(approverPage, 'Cutover approved');
      await screenshot(approverPage, path.join(results, 'e2e-whole-approved.png'));
      // The owner's copy of the request turns into the outcome too.
      expect(await (await ownerCard('Cutover approved')).innerText()).toContain(megan.name);
      await ownerCard('Put the old server in staging mode first');
      mark('cutover approved');
      await paste('fixtures/real/01b-get-adsyncscheduler-staging-ON.txt', 'AADC01');
      await ownerCard('Make the new server active');
      await paste('fixtures/real/12k-get-adsyncexportdeletionthreshold-default.txt', 'AADC-NEW01');
      // Run just now on the new server: its next sync cycle is due shortly (an old date is stale).
      await paste('scenarios/evidence/new-server-active-scheduler.txt', 'AADC-NEW01', (text) =>
        withNextSyncCycleAt(text, new Date(clock.now().getTime() + 30 * 60_000)),
      );
      await paste('scenarios/evidence/new-server-first-export.txt', 'AADC-NEW01');
      await waitForBotMessageContaining(ownerPage, 'I will check in once a day for 2 days');
      mark('new server active');

      // Monitoring: a day later the first check-in (numbered by when it was due), then the end.
      const checkIn = await ownerCard(/Monitoring · day 1 of 2/, 3 * SCALED_DAY_MS + CARD_TIMEOUT);
      const checkInDay = '1';
      mark('check-in card (day 1 of 2)');
      await clickCardButton(checkIn, 'Healthy');
      await waitForBotMessageContaining(ownerPage, `day ${checkInDay} recorded as healthy`);
      await waitForBotMessageContaining(
        ownerPage,
        'Monitoring is complete',
        3 * SCALED_DAY_MS + CARD_TIMEOUT,
      );
      mark('monitoring complete');

      // Decommission: each item confirmed on the checklist card, which updates in place.
      const items = [
        'Done: uninstalled',
        'Done: MSOL_ removed',
        'Done: Sync_ removed',
        'Done: app registration deleted',
        'Done: new Health agent registered',
      ];
      for (const [index, title] of items.entries()) {
        await clickCardButton(await ownerCard('Decommission AADC01'), title);
        await ownerCard(`${String(index + 1)} of 6 done`);
      }
      await clickCardButton(await ownerCard('Decommission AADC01'), 'Done: Connect Health');

      const report = await ownerCard(
        'AADC-NEW01.contoso.com is the active server; AADC01 is decommissioned',
      );
      const reportText = await report.innerText();
      expect(reportText).toContain('Approved by');
      expect(reportText).toContain(megan.name);
      expect(reportText).toContain('2 days, no problems reported');
      await screenshotElement(report, path.join(results, 'e2e-whole-final-report.png'));
      mark('final report');

      await expect
        .poll(() => local.runtime.engine.getStatus(migrationId, false)?.runtimeStatus)
        .toBe('Completed');
      expect(defined(files, 'the file server').downloads.map((download) => download.name)).toEqual([
        'Exported-SynchronizationPolicy-synthetic-old.json',
        'Applied-SynchronizationPolicy-synthetic-new-matching.json',
      ]);
      console.log(`whole migration timings:\n${marks.join('\n')}`);
    },
  );
});
