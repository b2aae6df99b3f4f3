import { readFile, rm } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RealClock } from '../../local/clock';
import {
  firstMigrationServers,
  walkToApproval,
  walkToMonitoring,
  writeWalkFiles,
  type WalkStep,
} from '../../local/first-migration';
import { freePort } from '../../local/free-port';
import { quietLogger } from '../../local/runtime-logger';
import { readSession, writeSession } from '../../local/session';
import { startLocalStack, type LocalStack } from '../../local/stack';
import { uploadToChat } from '../../local/upload';
import {
  clickCardButton,
  launchChromium,
  screenshot,
  screenshotElement,
  sendText,
  waitForBotCardContaining,
  waitForBotMessageContaining,
  type LaunchedChromium,
} from '../support/browser';
import { defined } from '../support/defined';
import { alex, megan } from '../support/playground-people';

const root = path.resolve(__dirname, '..', '..');
const results = path.join(root, 'test-results');

/**
 * After the restart, 3 000 times real time: a day passes in 29 s, so two days of monitoring take
 * about a minute, while the longest reminder timers (set below) stay minutes away. The Playground shows
 * only what arrives while its page is open, so a day must outlast reloading the pages after the
 * restart, even beside the suite's other workers.
 */
const TIME_SCALE = 3_000;
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

describe("a newcomer's first migration, as npm start runs it: two Playgrounds, a restart, sped-up days", () => {
  let dataDir = '';
  let stack: LocalStack | undefined;
  let chromium: LaunchedChromium | undefined;
  let ownerPage: Page;
  let approverPage: Page;
  let walkFolder = '';
  let clock = new RealClock();
  const ports = { functions: 0, owner: 0, approver: 0, blob: 0, queue: 0, table: 0 };

  /** What `npm start` starts, on the same ports and storage each time, with `clock`. */
  async function startStack(): Promise<LocalStack> {
    const started = await startLocalStack({
      root,
      dataDir,
      functionsPort: ports.functions,
      storagePorts: ports,
      playgrounds: [
        { user: alex, port: ports.owner },
        { user: megan, port: ports.approver },
      ],
      logger: quietLogger,
      clock,
      env: QUIET_TIMERS,
    });
    await writeSession(dataDir, started, walkFolder);
    return started;
  }

  /** Opens (or reloads) a Playground page and waits until the bot answered it. */
  async function open(page: Page, url: string): Promise<void> {
    await page.goto(url);
    await page.getByText('Connected.', { exact: true }).first().waitFor({ timeout: 30_000 });
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'e2e-whole-'));
    ports.functions = await freePort();
    ports.owner = await freePort();
    ports.approver = await freePort();
    ports.blob = await freePort();
    ports.queue = await freePort();
    ports.table = await freePort();
    walkFolder = await writeWalkFiles(root, path.join(dataDir, 'first-migration'), clock.now());
    stack = await startStack();
    chromium = await launchChromium();
    ownerPage = await chromium.context.newPage();
    approverPage = await (await chromium.newContext()).newPage();
  });

  afterAll(async () => {
    await chromium?.close();
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** The owner's newest card with `text`, once it is there. */
  function ownerCard(text: string | RegExp, timeout = CARD_TIMEOUT): Promise<Locator> {
    return waitForBotCardContaining(ownerPage, text, timeout);
  }

  /** Walks `steps` as the README says: paste each output from the walk's folder, upload the JSON files. */
  async function walk(steps: readonly WalkStep[]): Promise<void> {
    for (const step of steps) {
      // The step's own card ("Step 4 of 14 · <phase>" right over its title; the text a card
      // shows runs together here), not the result card before it, which names it as the next
      // step before the migration has moved on.
      await ownerCard(new RegExp(`Step \\d+ of \\d+ · .{0,60}?${escapeRegExp(step.card)}`));
      for (const file of step.files) {
        if (file.how === 'upload') {
          // What `npm run upload -- <name>` does, through the session file `npm start` wrote.
          const uploaded = await uploadToChat(await readSession(dataDir), file.name);
          expect(uploaded).toEqual({ name: file.name, to: alex.name, downloaded: true });
          await waitForBotMessageContaining(ownerPage, `I read “${file.name}”`);
        } else {
          await sendText(ownerPage, await readFile(path.join(walkFolder, file.name), 'utf8'));
        }
      }
      if (step.thenClick !== undefined) {
        await clickCardButton(await ownerCard(step.thenClick), step.thenClick);
      }
    }
  }

  it(
    'runs from start migration to the final report: files pasted and uploaded, the cutover approved as the second person, the bot restarted sped up before monitoring',
    // A guard against a hang, not a speed target (bench/ holds those): the walk alone takes about
    // 2 minutes on a 2-core machine beside the suite's other worker.
    { timeout: 300_000 },
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
      const owner = defined(stack?.playgrounds[0], "the owner's Playground");
      const approver = defined(stack?.playgrounds[1], "the approver's Playground");

      // Megan opens her Playground first: the bot welcomes her, and can reach her chat from then on.
      await open(approverPage, approver.url);
      await waitForBotCardContaining(approverPage, 'Commands');
      await open(ownerPage, owner.url);

      await sendText(ownerPage, 'start migration');
      const form = await ownerCard('Start an Entra Connect migration');
      await form
        .getByPlaceholder('AADC01.contoso.com', { exact: true })
        .fill(firstMigrationServers.old);
      await form
        .getByPlaceholder('AADC-NEW01.contoso.com', { exact: true })
        .fill(firstMigrationServers.new);
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
        `started: ${firstMigrationServers.old} → ${firstMigrationServers.new}`,
      );
      const startedId = /Migration (\S+) started/.exec(await startedMessage.innerText())?.[1];
      const migrationId = defined(startedId, 'the migration id in the started message');
      const input = stack?.runtime.engine.getStatus(migrationId, false)?.input as {
        plan: unknown;
      };
      expect(input.plan).toMatchObject({
        approvers: [{ id: megan.id, name: megan.name }],
        monitoringDays: 2,
        timeZone: 'Europe/Berlin',
        workingHours: { start: '00:00', end: '23:30', days: [1, 2, 3, 4, 5, 6, 7] },
      });
      mark('migration started');

      // The old server prepared and the new one built, with the files npm start writes.
      await walk(walkToApproval);
      mark('new server built');

      // Cutover: the approval card reaches Megan's Playground; Alex only sees who is awaited.
      const request = await waitForBotCardContaining(
        approverPage,
        `Approve the cutover to ${firstMigrationServers.new}`,
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
      mark('cutover approved');

      await walk(walkToMonitoring);
      await waitForBotMessageContaining(ownerPage, 'I will check in once a day for 2 days');
      mark('new server active');

      // Ctrl+C, then `LOCAL_TIME_SCALE=3000 npm start`: the same storage, ports and chats, time
      // sped up from where it was. The pages are reloaded; the migration goes on by itself.
      await defined(stack, 'the local stack').stop();
      clock = new RealClock(TIME_SCALE, clock.now());
      stack = await startStack();
      await open(approverPage, approver.url);
      await open(ownerPage, owner.url);
      mark('restarted, sped up');

      // Monitoring: a day later the first check-in, then the end, in the chat that was there before.
      const checkIn = await ownerCard(/Monitoring · day 1 of 2/, 3 * SCALED_DAY_MS + CARD_TIMEOUT);
      mark('check-in card (day 1 of 2)');
      await clickCardButton(checkIn, 'Healthy');
      await waitForBotMessageContaining(ownerPage, 'day 1 recorded as healthy');
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
        await clickCardButton(await ownerCard(`Decommission ${firstMigrationServers.old}`), title);
        await ownerCard(`${String(index + 1)} of 6 done`);
      }
      await clickCardButton(
        await ownerCard(`Decommission ${firstMigrationServers.old}`),
        'Done: Connect Health',
      );

      const report = await ownerCard(
        `${firstMigrationServers.new} is the active server; ${firstMigrationServers.old} is decommissioned`,
      );
      const reportText = await report.innerText();
      expect(reportText).toContain('Approved by');
      expect(reportText).toContain(megan.name);
      expect(reportText).toContain('2 days, no problems reported');
      await screenshotElement(report, path.join(results, 'e2e-whole-final-report.png'));
      mark('final report');

      const finalStack = defined(stack, 'the local stack');
      await expect
        .poll(() => finalStack.runtime.engine.getStatus(migrationId, false)?.runtimeStatus)
        .toBe('Completed');
      console.log(`whole migration timings:\n${marks.join('\n')}`);
    },
  );
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
