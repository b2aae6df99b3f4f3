import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../support/app-harness';
import { startMigration } from '../support/migration-walk';
import { personalChat } from '../support/playground-activity';
import { alex as alexWilber, megan as meganBowen } from '../support/playground-people';
import { fixtureSection } from '../migration/support/real-fixtures';
import { knownError, realFixture, resultCard, texts } from './support/error-paste';

// An error pasted while a step waits for evidence is answered with its cause and exact fix,
// recorded for that step and judged: failed, or undecided for an error that only means nothing
// ran. The result card says so and the step is not passed; a later clean output is judged on its own.

const alex = personalChat(alexWilber);

describe('an error pasted while a step waits for evidence', () => {
  let app: AppHarness;

  beforeAll(async () => {
    app = await startAppHarness(new Date('2026-11-18T14:30:00Z'));
    await startMigration(app, alex, meganBowen.id);
  }, 120_000);

  afterAll(async () => {
    await app.close();
  });

  it('answers a cmdlet that is not recognised with its cause and fix, and leaves the step undecided', async () => {
    const sent = await app.say(alex, realFixture('12g-start-adsyncsynccycle-not-recognized.txt'));
    const error = knownError('adsync-module-not-loaded');

    const reply = texts(sent);
    expect(reply).toContain(`That is an error message, not evidence: ${error.title}.`);
    expect(reply).toContain(`Cause: ${error.cause}`);
    expect(reply).toContain(`Fix: ${error.fix}`);
    expect(reply).toContain(
      'I recorded it for step “Record the version of the current server”: the step is not passed and stays undecided',
    );
    const card = resultCard(sent);
    expect(card).toContain('shows nothing about this step, so the step is not passed');
    expect(card).toContain('Close this PowerShell window');
  });

  it('answers the wizard TLS message as failed: cause and fix on the result card', async () => {
    const sent = await app.say(alex, realFixture('12a-wizard-tls12-not-configured.txt'));

    expect(texts(sent)).toContain('stays failed until you send the output');
    const card = resultCard(sent);
    expect(card).toContain(
      'The output you sent is an error message. The migration stays at this step',
    );
    expect(card).toContain('TLS 1.2 is not configured on this server');
    expect(card).toContain('Fix: Run the \\"PowerShell script to enable TLS 1.2\\"');
    expect(card).not.toContain('This step is done.');
  });

  it('answers an event log entry with its cause and fix, naming the event, and leaves a step it does not decide undecided', async () => {
    const sent = await app.say(
      alex,
      realFixture('phs-01-event-611-rpc-1722-server-unavailable.txt'),
    );
    const error = knownError('phs-611-rpc-1722-dc-unreachable');

    const reply = texts(sent);
    expect(reply).toContain(`That is an event log entry, not evidence: ${error.title}.`);
    expect(reply).toContain(`Fix: ${error.fix}`);
    expect(reply).toContain('the step is not passed and stays undecided');
    const card = resultCard(sent);
    expect(card).toContain('Event 611 of Directory Synchronization (Error');
    expect(card).not.toContain('This step is done.');
  });

  it("reads a healthy Test-NetConnection output as the answer to a fix, not as the step's evidence", async () => {
    const sent = await app.say(
      alex,
      fixtureSection(realFixture('outputs-03-test-netconnection-port.txt'), 'B'),
    );

    expect(texts(sent)).toContain('Got it: I read this as Test-NetConnection output');
    const card = resultCard(sent);
    expect(card).toContain('168.129.46 answers on TCP 389 (LDAP) from this server.');
    expect(card).not.toContain('neither AADC01');
    expect(card).not.toContain('This step is done.');
  });

  it('judges the output sent after the fix on its own', async () => {
    const sent = await app.say(
      alex,
      realFixture('02a-get-adsyncglobalsettings-v2.2.1.0-sorted.txt'),
    );

    expect(texts(sent)).toContain('Got it: I read this as global settings');
    const card = resultCard(sent);
    expect(card).not.toContain('error message');
    expect(card).toContain('2.2.1.0');
  });
});
