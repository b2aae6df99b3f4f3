import { describe, expect, it } from 'vitest';
import { identifyEvidence } from '../../../migration/evidence/identify-evidence';
import { fixtureSection, flattened, realFixture, realFixtureNames } from '../support/real-fixtures';
import { syntheticFixture, syntheticFixtureNames } from '../support/synthetic-fixtures';

const names = realFixtureNames;

describe('identifyEvidence', () => {
  it.each([
    [names.schedulerStagingOff, 'scheduler'],
    [names.schedulerStagingOn, 'scheduler'],
    [names.globalSettings, 'global-settings'],
    [names.tls12Check, 'tls12-check'],
    [names.systeminfo, 'os'],
    // MigrateSettings.ps1 prints where it wrote MigratedPolicy.json; the console text is not the file.
    [names.migrateSettingsConsole, 'unknown'],
  ])('identifies the real output %s as %s', (name, kind) => {
    expect(identifyEvidence(realFixture(name))).toBe(kind);
    expect(identifyEvidence(flattened(realFixture(name)))).toBe(kind);
  });

  it.each(['A', 'B', 'C'])(
    'identifies the synthetic Get-ADSyncEntraConnectorCredential output (%s)',
    (section) => {
      const text = fixtureSection(
        syntheticFixture(syntheticFixtureNames.entraConnectorCredential),
        section,
      );

      expect(identifyEvidence(text)).toBe('entra-connector-credential');
      expect(identifyEvidence(flattened(text))).toBe('entra-connector-credential');
    },
  );

  it.each([
    ['a plain version', '2.5.79.0', 'version'],
    ['a sync cycle result', 'Result\n------\nSuccess', 'sync-cycle-result'],
    [
      'an idle run status',
      'PS C:\\> Get-ADSyncConnectorRunStatus\nPS C:\\>',
      'connector-run-status',
    ],
    [
      'a MigratedPolicy.json',
      JSON.stringify({
        policyMetadata: {
          type: 'migration',
          author: 'CONTOSO\\admin',
          timeCreated: '2026-10-01 10:00:00Z',
          azureADConnectVersion: '1.4.38.0',
        },
        deploymentMetadata: { hostName: 'aadc01.contoso.com' },
      }),
      'migrated-policy',
    ],
    ['sign-in answers (not command output)', '{"method":"phs","seamlessSso":true}', 'unknown'],
    ['an unrelated sentence', 'please check the server tomorrow', 'unknown'],
  ])('identifies %s', (_case, text, kind) => {
    expect(identifyEvidence(text)).toBe(kind);
  });
});
