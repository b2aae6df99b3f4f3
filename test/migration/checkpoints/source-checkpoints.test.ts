import { describe, expect, it } from 'vitest';
import { evaluateCheckpoint } from '../../../migration/evaluate-checkpoint';
import {
  globalSettingsWith,
  item,
  messages,
  on,
  remediations,
  schedulerWith,
} from '../support/evidence-builders';
import { realFixture, realFixtureNames } from '../support/real-fixtures';

const globalSettings = item(realFixture(realFixtureNames.globalSettings), 'settings.txt');
const schedulerActive = item(realFixture(realFixtureNames.schedulerStagingOff));
const schedulerStaging = item(realFixture(realFixtureNames.schedulerStagingOn));
const today = on('2026-11-21');

const migratedPolicy = (version: string): string =>
  JSON.stringify({
    policyMetadata: {
      type: 'migration',
      author: 'CONTOSO\\admin',
      timeCreated: '2026-10-01 10:00:00Z',
      azureADConnectVersion: version,
    },
    deploymentMetadata: { hostName: 'aadc-old.contoso.com', serviceAccount: 'NT SERVICE\\ADSync' },
  });

describe('source-version', () => {
  it.each([
    ['the real global settings (2.2.1.0)', [globalSettings], 'warn', '2.2.1.0', 'wizard-export'],
    [
      'Help > About text of a V1 server',
      [item('Version 1.6.16.0')],
      'warn',
      '1.6.16.0',
      'wizard-export',
    ],
    [
      'a version before the JSON export',
      [item('1.4.38.0')],
      'warn',
      '1.4.38.0',
      'migrate-settings',
    ],
    [
      'a MigratedPolicy.json',
      [item(migratedPolicy('1.1.880.0'), 'MigratedPolicy.json')],
      'warn',
      '1.1.880.0',
      'migrate-settings',
    ],
    ['a current version', [item('2.6.92.0')], 'pass', '2.6.92.0', 'wizard-export'],
  ])('judges %s', (_case, items, status, version, exportMethod) => {
    const judgment = evaluateCheckpoint('source-version', items, today);

    expect(judgment.status).toBe(status);
    expect(judgment.facts).toEqual({ 'old.version': version, 'old.configExport': exportMethod });
  });

  it('says to use MigrateSettings.ps1 from the new installer below 1.5.42.0', () => {
    const judgment = evaluateCheckpoint('source-version', [item('1.4.38.0')], today);

    expect(messages(judgment, 'warning').join('\n')).toContain('older than 1.5.42.0');
    expect(remediations(judgment)).toContain('MigrateSettings.ps1');
    expect(remediations(judgment)).toContain('Tools');
    expect(remediations(judgment)).toContain('MigratedPolicy.json');
  });

  it('names a V1 version and a retired V2 version', () => {
    const v1 = evaluateCheckpoint('source-version', [item('1.6.16.0')], today);
    const retired = evaluateCheckpoint('source-version', [globalSettings], today);

    expect(messages(v1, 'warning').join('\n')).toContain('1.6.16.0 is a V1 (1.x) version');
    expect(messages(retired, 'warning').join('\n')).toContain('2.2.1.0 retired on 11 October 2024');
  });

  it('asks for nothing to be installed on the old server: the migration replaces it', () => {
    for (const judgment of [
      evaluateCheckpoint('source-version', [item('1.6.16.0')], today),
      evaluateCheckpoint('source-version', [globalSettings], today),
    ]) {
      expect(remediations(judgment)).toContain(
        'Nothing to install on the old server: this migration replaces it with a new server running',
      );
      expect(remediations(judgment)).not.toMatch(/Install \d/);
    }
  });

  it.each([
    ['2026-12-07', 'pass', 'info'],
    ['2027-04-07', 'pass', 'info'],
    ['2027-04-08', 'warn', 'warning'],
  ] as const)(
    'on %s notes that an old server on 2.6.3.0 stops syncing after 7 April 2027 (%s)',
    (day, status, severity) => {
      const judgment = evaluateCheckpoint('source-version', [item('2.6.3.0')], on(day));

      expect(judgment.status).toBe(status);
      expect(messages(judgment, severity).join('\n')).toMatch(
        /2\.6\.3\.0 .*2\.6\.84\.0 or later with application-based authentication by 7 April 2027|2\.6\.3\.0 is below 2\.6\.84\.0/,
      );
    },
  );

  it('says sync has stopped below 2.5.79.0 after 30 September 2026, and will stop before', () => {
    const after = evaluateCheckpoint('source-version', [item('2.5.3.0')], on('2026-10-01'));
    const before = evaluateCheckpoint('source-version', [item('2.5.3.0')], on('2026-06-01'));

    expect(messages(after, 'warning').join('\n')).toContain('since 30 September 2026');
    expect(messages(before, 'warning').join('\n')).toContain('from 30 September 2026');
  });

  it('is unknown without a version, naming what to send', () => {
    const judgment = evaluateCheckpoint('source-version', [schedulerActive], today);

    expect(judgment.status).toBe('unknown');
    expect(remediations(judgment)).toContain('Get-ADSyncGlobalSettings');
  });
});

describe('source-settings', () => {
  it('records what the new server must reproduce from the real outputs', () => {
    const judgment = evaluateCheckpoint(
      'source-settings',
      [globalSettings, schedulerActive],
      today,
    );

    expect(judgment.status).toBe('pass');
    expect(judgment.facts).toMatchObject({
      'old.version': '2.2.1.0',
      'old.stagingModeEnabled': false,
      'old.signInMethod': 'none',
      'old.signOnMethodValue': 'NotConfigured',
      'old.seamlessSso': false,
      'old.feature.exchangeHybrid': true,
      'old.feature.directoryExtensions': true,
      'old.feature.groupWriteback': false,
      'old.deletionThresholdEnabled': true,
      'old.deletionThreshold': 3000,
      'old.syncInterval': '00:30:00',
      'old.customizedSyncCycleInterval': null,
      'old.syncCycleEnabled': true,
    });
    expect(messages(judgment, 'info').join('\n')).toContain('cut these values short');
  });

  it('fails when the server is in staging mode: it is not the active server', () => {
    const judgment = evaluateCheckpoint(
      'source-settings',
      [globalSettings, schedulerStaging],
      today,
    );

    expect(judgment.status).toBe('fail');
    expect(messages(judgment, 'error').join('\n')).toContain('not the server that exports');
  });

  it.each([
    [
      'accidental-delete prevention off',
      { 'Microsoft.OptionalFeature.ExportDeletionThreshold': 'False' },
      'warn',
      'Enable-ADSyncExportDeletionThreshold',
    ],
    [
      'device writeback on (not applied by the import)',
      { 'Microsoft.OptionalFeature.DeviceWriteBack': 'True' },
      'pass',
      'Configure device writeback',
    ],
    [
      'a sign-on method the evaluator does not know',
      { 'Microsoft.UserSignIn.SignOnMethod': 'SomethingNew' },
      'warn',
      'Change user sign-in',
    ],
  ])('reports %s', (_case, values, status, remediation) => {
    const judgment = evaluateCheckpoint(
      'source-settings',
      [item(globalSettingsWith(values))],
      today,
    );

    expect(judgment.status).toBe(status);
    expect(remediations(judgment)).toContain(remediation);
  });

  it('warns about a customised interval longer than 7 days', () => {
    const scheduler = item(
      schedulerWith({ StagingModeEnabled: 'False', CustomizedSyncCycleInterval: '8.00:00:00' }),
    );
    const judgment = evaluateCheckpoint('source-settings', [globalSettings, scheduler], today);

    expect(judgment.status).toBe('warn');
    expect(judgment.facts['old.customizedSyncCycleInterval']).toBe('8.00:00:00');
    expect(messages(judgment, 'warning').join('\n')).toContain('longer than 7 days');
  });

  it('is unknown without global settings', () => {
    const judgment = evaluateCheckpoint('source-settings', [schedulerActive], today);

    expect(judgment.status).toBe('unknown');
    expect(remediations(judgment)).toContain('(Get-ADSyncGlobalSettings).Parameters');
  });
});
