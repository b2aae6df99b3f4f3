import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  clickCardButton,
  screenshot,
  sendText,
  waitForBotCardContaining,
  waitForBotMessageContaining,
} from '../support/browser';
import { projectRoot, usePlaygroundStack } from '../support/playground-stack';

describe('starting a migration in the Playground', () => {
  const { page } = usePlaygroundStack('start');

  it('fills and submits the start form, then receives the first checkpoint card', async () => {
    await sendText(page(), 'start migration');
    const form = await waitForBotCardContaining(page(), 'Start an Entra Connect migration');
    // The Playground labels inputs through aria-labelledby with extra parts; placeholders are exact.
    await form.getByPlaceholder('AADC01.contoso.com', { exact: true }).fill('AADC01');
    await form
      .getByPlaceholder('AADC-NEW01.contoso.com', { exact: true })
      .fill('AADC-NEW01.contoso.com');
    await form
      .getByPlaceholder('megan.bowen@contoso.com, lee.gu@contoso.com')
      .fill('megan.bowen@contoso.com');
    await form
      .getByPlaceholder('An IANA time zone, such as Europe/Berlin', { exact: true })
      .fill('Europe/Berlin');
    await clickCardButton(form, 'Start the migration');

    await waitForBotMessageContaining(page(), 'started: AADC01 → AADC-NEW01.contoso.com');
    const checkpoint = await waitForBotCardContaining(
      page(),
      'Record the version of the current server',
    );
    expect(await checkpoint.innerText()).toContain('Get-ADSyncGlobalSettings');
    await screenshot(page(), path.join(projectRoot, 'test-results', 'e2e-start-migration.png'));
  });

  it('answers status with the dashboard, which refreshes in place', async () => {
    await sendText(page(), 'status');
    const dashboard = await waitForBotCardContaining(
      page(),
      'Now: Record the version of the current server',
    );
    expect(await dashboard.innerText()).toContain('Prepare the current server');
    await clickCardButton(dashboard, 'Refresh');
    await expect
      .poll(async () => page().getByText('Your response was sent to the app').count())
      .toBeGreaterThan(0);
    await screenshot(page(), path.join(projectRoot, 'test-results', 'e2e-status.png'));
  });
});
