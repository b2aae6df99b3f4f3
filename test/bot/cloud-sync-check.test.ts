import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../support/app-harness';
import { personalChat } from '../support/playground-activity';
import { alex as alexWilber } from '../support/playground-people';
import {
  buttonOf,
  cardBodyText,
  cardOf,
  cardText,
  submitDataOf,
  onlyCard,
  inputValue,
} from '../support/sent-activity';

// The Cloud Sync check is a conversation of its own: a form, an answer, and the way on to the V2
// migration when Cloud Sync does not fit.

const alex = personalChat(alexWilber);

const simpleTenant = {
  signInMethod: 'phs',
  passwordHashSync: 'true',
  passwordWriteback: 'false',
  exchangeHybrid: 'false',
  directoryExtensions: 'false',
  groupWriteback: 'none',
  deviceWriteback: 'false',
  hybridJoinDevices: 'false',
  customSyncRules: 'false',
  filtering: 'ou',
  forests: 'single',
  mergedAttributesAcrossForests: 'false',
  domainOver150kObjects: 'false',
  groupOver50kMembers: 'false',
} as const;

describe('the Cloud Sync check', () => {
  let app: AppHarness;

  beforeAll(async () => {
    app = await startAppHarness(new Date('2026-12-07T09:00:00Z'));
  }, 120_000);

  afterAll(async () => {
    await app.close();
  });

  it('is listed on the help card', async () => {
    const card = onlyCard(await app.say(alex, 'help'));

    expect(cardBodyText(card)).toContain('cloud sync');
  });

  it('asks for the features as a form, filled in from nothing when no migration runs', async () => {
    const card = onlyCard(await app.say(alex, 'cloud sync'));

    expect(cardBodyText(card)).toContain('Does Microsoft Entra Cloud Sync fit?');
    expect(cardBodyText(card)).not.toContain('Filled in from');
    expect(inputValue(card, 'deviceWriteback')).toBe('false');
    expect(submitDataOf(card)).toEqual({ verb: 'cloudsync.check' });
  });

  it('advises Cloud Sync for a simple tenant, and says the V2 migration is not needed', async () => {
    const card = onlyCard(await app.submit(alex, { verb: 'cloudsync.check', ...simpleTenant }));
    const text = cardText(card);

    expect(text).toContain('Cloud Sync fits: move to Microsoft Entra Cloud Sync');
    expect(text).toContain('The V2 migration is not needed.');
    expect(text).not.toContain('Continue with the V2 migration');
  });

  it('rules Cloud Sync out with every reason, then leads on to the V2 migration', async () => {
    const card = onlyCard(
      await app.submit(alex, {
        verb: 'cloudsync.check',
        ...simpleTenant,
        deviceWriteback: 'true',
        customSyncRules: 'true',
      }),
    );
    const text = cardText(card);

    expect(text).toContain('Cloud Sync does not fit yet: 2 features keep you on Connect Sync');
    expect(text).toContain('Device writeback');
    expect(text).toContain('Cloud Kerberos Trust');
    expect(text).toContain('Custom sync rules');
    expect(text).toContain('expression builder');

    const continued = await app.submit(alex, { verb: 'cloudsync.continue' });
    expect(cardBodyText(onlyCard(continued))).toContain('Start an Entra Connect migration');
  });

  it('refuses a forged or damaged form with a clear message and decides nothing', async () => {
    const sent = await app.submit(alex, {
      verb: 'cloudsync.check',
      ...simpleTenant,
      signInMethod: 'magic',
      deviceWriteback: 'maybe',
    });

    expect(sent).toHaveLength(1);
    expect(cardOf(sent[0])).toBeUndefined();
    expect(sent[0]?.text).toContain('That Cloud Sync form could not be read');
    expect(sent[0]?.text).toContain('signInMethod');
    expect(sent[0]?.text).toContain('deviceWriteback');
    expect(sent[0]?.text).toContain('nothing was checked');
  });

  it('is offered on the start form, and sends its form into the chat', async () => {
    const form = onlyCard(await app.say(alex, 'start migration'));
    const { answer } = await app.click(alex, buttonOf(form, 'Check whether Cloud Sync fits first'));

    expect(answer.value).toBe('The Cloud Sync check is in the chat.');
    const sent = app.newlySent();
    expect(cardBodyText(onlyCard(sent))).toContain('Does Microsoft Entra Cloud Sync fit?');
  });
});
