import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quietLogger } from '../../local/runtime-logger';
import { startLocalStack, type LocalStack } from '../../local/stack';
import {
  launchChromium,
  openPlayground,
  screenshot,
  sendText,
  waitForBotCardContaining,
  type LaunchedChromium,
} from '../support/browser';

const root = path.resolve(__dirname, '..', '..');

describe('the npm start stack in the Playground', () => {
  let dataDir = '';
  let stack: LocalStack | undefined;
  let chromium: LaunchedChromium | undefined;
  let page: Page;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'e2e-help-'));
    // What `npm start` runs, on free ports and with throwaway storage.
    stack = await startLocalStack({ root, dataDir, inMemoryStorage: true, logger: quietLogger });
    chromium = await launchChromium();
    page = await openPlayground(chromium.context, stack.playground?.url ?? '');
  });

  afterAll(async () => {
    await chromium?.close();
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('greets a first install with the help card', async () => {
    const card = await waitForBotCardContaining(page, 'Entra Connect migration assistant');
    expect(await card.innerText()).toContain('start migration');
  });

  it('answers help with the help card listing the commands', async () => {
    const before = await page.locator('.fai-OutputCard .ac-adaptiveCard').count();
    await sendText(page, 'help');
    await expect
      .poll(() => page.locator('.fai-OutputCard .ac-adaptiveCard').count())
      .toBe(before + 1);
    const card = await waitForBotCardContaining(page, 'Commands');
    const text = await card.innerText();
    for (const command of ['help', 'start migration', 'status', 'list'])
      expect(text).toContain(command);
    expect(text).toContain('2.5.79.0');
    await screenshot(page, path.join(root, 'test-results', 'e2e-help.png'));
  });
});
