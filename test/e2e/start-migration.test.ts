import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quietLogger } from '../../local/runtime-logger';
import { startLocalStack, type LocalStack } from '../../local/stack';
import {
  clickCardButton,
  launchChromium,
  openPlayground,
  screenshot,
  sendText,
  waitForBotCardContaining,
  waitForBotMessageContaining,
  type LaunchedChromium,
} from '../support/browser';

const root = path.resolve(__dirname, '..', '..');

describe('starting a migration in the Playground', () => {
  let dataDir = '';
  let stack: LocalStack | undefined;
  let chromium: LaunchedChromium | undefined;
  let page: Page;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'e2e-start-'));
    stack = await startLocalStack({ root, dataDir, inMemoryStorage: true, logger: quietLogger });
    chromium = await launchChromium();
    page = await openPlayground(chromium.context, stack.playground?.url ?? '');
  });

  afterAll(async () => {
    await chromium?.close();
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('fills and submits the start form, then receives the first checkpoint card', async () => {
    await sendText(page, 'start migration');
    const form = await waitForBotCardContaining(page, 'Start an Entra Connect migration');
    // The Playground labels inputs through aria-labelledby with extra parts; placeholders are exact.
    await form.getByPlaceholder('AADC01.contoso.com', { exact: true }).fill('AADC01');
    await form
      .getByPlaceholder('AADC-NEW01.contoso.com', { exact: true })
      .fill('AADC-NEW01.contoso.com');
    await form
      .getByPlaceholder('megan.bowen@contoso.com, lee.gu@contoso.com')
      .fill('megan.bowen@contoso.com');
    await form.getByPlaceholder('Europe/Berlin', { exact: true }).fill('Europe/Berlin');
    await clickCardButton(form, 'Start the migration');

    await waitForBotMessageContaining(page, 'started: AADC01 → AADC-NEW01.contoso.com');
    const checkpoint = await waitForBotCardContaining(
      page,
      'Record the version of the current server',
    );
    expect(await checkpoint.innerText()).toContain('Get-ADSyncGlobalSettings');
    await screenshot(page, path.join(root, 'test-results', 'e2e-start-migration.png'));
  });

  it('answers status with the dashboard, which refreshes in place', async () => {
    await sendText(page, 'status');
    const dashboard = await waitForBotCardContaining(
      page,
      'Now: Record the version of the current server',
    );
    expect(await dashboard.innerText()).toContain('Prepare the current server');
    await clickCardButton(dashboard, 'Refresh');
    await expect
      .poll(async () => page.getByText('Your response was sent to the app').count())
      .toBeGreaterThan(0);
    await screenshot(page, path.join(root, 'test-results', 'e2e-status.png'));
  });
});
