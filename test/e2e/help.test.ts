import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { screenshot, sendText, waitForBotCardContaining } from '../support/browser';
import { projectRoot, usePlaygroundStack } from '../support/playground-stack';

describe('the npm start stack in the Playground', () => {
  const { page } = usePlaygroundStack('help');

  it('greets a first install with the help card', async () => {
    const card = await waitForBotCardContaining(page(), 'Entra Connect migration assistant');
    expect(await card.innerText()).toContain('start migration');
  });

  it('answers help with the help card listing the commands', async () => {
    const cards = page().locator('.fai-OutputCard .ac-adaptiveCard');
    const before = await cards.count();
    await sendText(page(), 'help');
    await expect.poll(() => cards.count()).toBe(before + 1);
    const card = await waitForBotCardContaining(page(), 'Commands');
    const text = await card.innerText();
    for (const command of ['help', 'start migration', 'status', 'list'])
      expect(text).toContain(command);
    expect(text).toContain('2.5.79.0');
    await screenshot(page(), path.join(projectRoot, 'test-results', 'e2e-help.png'));
  });
});
