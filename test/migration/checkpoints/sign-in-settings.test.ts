import { describe, expect, it } from 'vitest';
import { evaluateCheckpoint } from '../../../migration/evaluate-checkpoint';
import { globalSettingsWith, item, messages, on, remediations } from '../support/evidence-builders';
import { realFixture, realFixtureNames } from '../support/real-fixtures';

const today = on('2026-11-21');
const realSettings = item(realFixture(realFixtureNames.globalSettings));
const answers = (value: unknown) => item(JSON.stringify(value), 'sign-in.json');

/** The answers that match the real 2.2.1.0 server: no sign-in method, Exchange hybrid and directory extensions on. */
const matchingReal = {
  method: 'none',
  seamlessSso: false,
  features: {
    exchangeHybrid: true,
    directoryExtensions: true,
    groupWriteback: false,
    deviceWriteback: false,
  },
};

describe('sign-in-settings', () => {
  it('passes answers that match the global settings given with them, and records them', () => {
    const judgment = evaluateCheckpoint(
      'sign-in-settings',
      [answers(matchingReal), realSettings],
      today,
    );

    expect(judgment.status).toBe('pass');
    expect(judgment.facts).toEqual({
      'signIn.signInMethod': 'none',
      'signIn.seamlessSso': false,
      'signIn.feature.exchangeHybrid': true,
      'signIn.feature.directoryExtensions': true,
      'signIn.feature.groupWriteback': false,
      'signIn.feature.deviceWriteback': false,
    });
  });

  it('fails each choice that differs from the old server, naming both values', () => {
    const judgment = evaluateCheckpoint(
      'sign-in-settings',
      [
        answers({ ...matchingReal, method: 'phs', features: { exchangeHybrid: false } }),
        realSettings,
      ],
      today,
    );

    expect(judgment.status).toBe('fail');
    expect(messages(judgment, 'error')).toEqual([
      "User sign-in method: the answers say Password hash synchronization, but the old server's settings in the global settings given show Do not configure.",
      "Exchange hybrid deployment: the answers say off, but the old server's settings in the global settings given show on.",
    ]);
    expect(remediations(judgment)).toContain('Change user sign-in');
  });

  it('cross-checks with the facts recorded at source-settings when no settings are given', () => {
    const recorded = on('2026-11-21', { 'old.signInMethod': 'pta', 'old.seamlessSso': true });
    const judgment = evaluateCheckpoint(
      'sign-in-settings',
      [answers({ method: 'pta', seamlessSso: false })],
      recorded,
    );

    expect(judgment.status).toBe('fail');
    expect(messages(judgment, 'error').join('\n')).toContain('recorded at source-settings');
  });

  it('reads a PTA server with seamless SSO from its global settings', () => {
    const settings = item(
      globalSettingsWith({
        'Microsoft.UserSignIn.SignOnMethod': 'PassThroughAuthentication',
        'Microsoft.UserSignIn.DesktopSsoEnabled': 'True',
      }),
    );
    const judgment = evaluateCheckpoint(
      'sign-in-settings',
      [answers({ method: 'pta', seamlessSso: true }), settings],
      today,
    );

    expect(judgment.status).toBe('pass');
  });

  it.each(['adfs', 'pingfederate', 'none'])(
    'fails seamless SSO with %s, which the wizard does not offer',
    (method) => {
      const judgment = evaluateCheckpoint(
        'sign-in-settings',
        [answers({ method, seamlessSso: true })],
        today,
      );

      expect(judgment.status).toBe('fail');
      expect(messages(judgment, 'error').join('\n')).toContain(
        'only available with password hash synchronization or pass-through authentication',
      );
    },
  );

  it('passes without a cross-check, saying so, when nothing of the old server is known', () => {
    const judgment = evaluateCheckpoint(
      'sign-in-settings',
      [answers({ method: 'adfs', seamlessSso: false })],
      today,
    );

    expect(judgment.status).toBe('pass');
    expect(messages(judgment, 'info').join('\n')).toContain('not cross-checked');
    expect(messages(judgment, 'info').join('\n')).toContain('federation parameter');
  });

  it.each([
    ['invalid JSON', item('{ method: phs', 'a.json')],
    ['an unknown method', answers({ method: 'kerberos', seamlessSso: false })],
    [
      'an unknown feature',
      answers({ method: 'phs', seamlessSso: false, features: { passwordWritebak: true } }),
    ],
    ['no answers at all', realSettings],
  ])('is unknown for %s, saying how to answer', (_case, evidence) => {
    const judgment = evaluateCheckpoint('sign-in-settings', [evidence], today);

    expect(judgment.status).toBe('unknown');
    expect(remediations(judgment)).toContain('"method":"phs"');
  });
});
