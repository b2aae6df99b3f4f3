import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { quietLogger } from '../../local/runtime-logger';
import { startLocalStack, type LocalStack } from '../../local/stack';
import { launchChromium, openPlayground, type LaunchedChromium } from './browser';

/** The project root, where package.json and host.json are. */
export const projectRoot = path.resolve(__dirname, '..', '..');

/**
 * What `npm start` runs (throwaway storage, free ports) and headless Chromium on its Playground,
 * started before the file's tests and stopped after them. `page()` is the Playground chat.
 */
export function usePlaygroundStack(name: string): { page: () => Page; stack: () => LocalStack } {
  let dataDir = '';
  let stack: LocalStack | undefined;
  let chromium: LaunchedChromium | undefined;
  let page: Page | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), `e2e-${name}-`));
    stack = await startLocalStack({
      root: projectRoot,
      dataDir,
      inMemoryStorage: true,
      logger: quietLogger,
    });
    chromium = await launchChromium();
    page = await openPlayground(chromium.context, stack.playground?.url ?? '');
  });

  afterAll(async () => {
    await chromium?.close();
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  return {
    page: () => {
      if (page === undefined) throw new Error('The Playground page is not open yet.');
      return page;
    },
    stack: () => {
      if (stack === undefined) throw new Error('The stack is not started yet.');
      return stack;
    },
  };
}
