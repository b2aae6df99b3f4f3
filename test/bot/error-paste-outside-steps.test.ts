import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../support/app-harness';
import { startMigration, walkToApproval } from '../support/migration-walk';
import { personalChat } from '../support/playground-activity';
import { alex as alexWilber, megan as meganBowen } from '../support/playground-people';
import { cardOf } from '../support/sent-activity';
import { knownError, realFixture, texts } from './support/error-paste';

// An error pasted while no step waits for evidence (here the cutover waits for its approval) is
// answered with its cause and exact fix, and nothing is recorded.

const alex = personalChat(alexWilber);

describe('an error pasted while no step waits for evidence', () => {
  let app: AppHarness;

  beforeAll(async () => {
    app = await startAppHarness(new Date('2026-11-18T14:30:00Z'));
    await startMigration(app, alex, meganBowen.id);
    await walkToApproval(app, alex);
  }, 240_000);

  afterAll(async () => {
    await app.close();
  });

  it('is answered with its cause and fix, and nothing is recorded', async () => {
    const sent = await app.say(
      alex,
      realFixture('12f-start-adsyncsynccycle-sync-already-running.txt'),
    );
    const error = knownError('sync-already-running');

    const reply = texts(sent);
    expect(reply).toContain(`That is an error message, not evidence: ${error.title}.`);
    expect(reply).toContain(`Fix: ${error.fix}`);
    expect(reply).toContain(
      'Nothing was recorded: the migration is not waiting for evidence right now.',
    );
    expect(sent.some((activity) => cardOf(activity) !== undefined)).toBe(false);
  });
});
