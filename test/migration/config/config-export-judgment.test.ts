import { describe, expect, it } from 'vitest';
import { judgeConfigExport } from '../../../migration/config';
import type { EvidenceItem } from '../../../migration/evidence/evidence-item';
import type { Judgment } from '../../../migration/judgment';
import {
  oldInstall,
  syntheticExport,
  syntheticMigratedPolicy,
  twoForestSpec,
  type JsonObject,
  type SyntheticExportSpec,
} from '../../fixtures/synthetic/config-export-builder';
import { edited, objectAt } from './support/parsed-document';
import { evidenceOf, exportWith, judgmentContext } from './support/synthetic-evidence';
import { customRuleOf, directoryOf } from './support/spec-parts';

// _synthetic: true — every export here comes from the synthetic builder (test/fixtures/synthetic).

const exportJson = syntheticExport(twoForestSpec, oldInstall);

function specWith(edit: (spec: SyntheticExportSpec) => void): JsonObject {
  return exportWith(oldInstall, edit);
}

function messages(judgment: Judgment): string {
  return judgment.findings.map((finding) => `${finding.severity}: ${finding.message}`).join('\n');
}

describe('judgeConfigExport', () => {
  it.each<[string, EvidenceItem[], Judgment['status'], RegExp]>([
    ['no file', [], 'unknown', /No configuration export was given/],
    ['text that is not JSON', [{ text: 'PS C:\\> Get-ADSyncScheduler' }], 'fail', /not valid JSON/],
    [
      'JSON that is not an export',
      [
        {
          text: '{"Name":"Microsoft.Synchronize.StagingMode","Value":"False"}',
          name: 'settings.json',
        },
      ],
      'fail',
      /"settings.json" is not a usable configuration export.*none of the keys/,
    ],
    [
      'an export without directories',
      [evidenceOf(edited(exportJson, (copy) => (copy.onpremisesDirectoryPolicy = [])))],
      'fail',
      /lists no on-premises directory/,
    ],
    [
      'a directory without a selected domain',
      [evidenceOf(specWith((spec) => (directoryOf(spec, 1).partitions = [])))],
      'warn',
      /No domain \(partition\) is selected for the directory "fabrikam.example"/,
    ],
    [
      'a custom rule outside the reserved precedence range',
      [evidenceOf(specWith((spec) => (customRuleOf(spec, 0, 1).precedence = 150)))],
      'warn',
      /"Custom - In from AD - Contact filter" \(contoso.example\) has precedence 150, outside the range 0 to 99/,
    ],
    [
      'a complete export',
      [evidenceOf(exportJson, 'Exported-SynchronizationPolicy-20260504.json')],
      'pass',
      /device writeback/,
    ],
    [
      'an Applied- file from the wizard',
      [evidenceOf(exportJson, 'Applied-SynchronizationPolicy-20260504.json')],
      'pass',
      /written only when the Entra Connect wizard changes the configuration/,
    ],
    [
      'a MigratedPolicy.json',
      [evidenceOf(syntheticMigratedPolicy(oldInstall), 'MigratedPolicy.json')],
      'pass',
      /copy the entire Exported-ServerConfiguration-\* folder|the settings themselves are the files next to it/i,
    ],
    [
      'two files',
      [evidenceOf(exportJson, 'first.json'), evidenceOf(exportJson, 'second.json')],
      'pass',
      /Judged the first file \(first.json\); the other 1 file\(s\) were not used/,
    ],
  ])('judges %s', (_name, items, status, finding) => {
    const judgment = judgeConfigExport(items, judgmentContext);
    expect(judgment.checkpoint).toBe('config-export');
    expect(judgment.status).toBe(status);
    expect(messages(judgment)).toMatch(finding);
  });

  it('names what to provide when no export is given', () => {
    const [finding] = judgeConfigExport([], judgmentContext).findings;
    expect(finding?.remediation).toMatch(/View or export current configuration/);
    expect(finding?.remediation).toMatch(/MigrateSettings\.ps1/);
  });

  it('summarises directories, OU filtering, custom rules and the version in its facts', () => {
    expect(judgeConfigExport([evidenceOf(exportJson)], judgmentContext).facts).toEqual({
      exportKind: 'config-export',
      exportFileName: null,
      azureADConnectVersion: '1.6.16.0',
      exportHostName: 'aadc-old.contoso.example',
      exportTimeCreated: '2026-05-04 09:12:44Z',
      directoryCount: 2,
      directories: 'contoso.example; fabrikam.example',
      partitionCount: 3,
      partitions: 'DC=contoso,DC=example; DC=emea,DC=contoso,DC=example; DC=fabrikam,DC=example',
      ouInclusionCount: 4,
      ouExclusionCount: 2,
      customRuleCount: 4,
      customRules:
        'Custom - In from AD - User extensionAttribute (Inbound); Custom - In from AD - Contact filter (Inbound); Custom - In from AD - User extensionAttribute (Inbound); Custom - Out to AAD - User mail (Outbound)',
      standardRuleCount: 8,
      signInSettingsInExport: false,
      signInKeys: '',
    });
  });

  it('records sign-in related keys when the export has them', () => {
    // _synthetic: true — these key names are invented; 03c could not confirm the real ones.
    const withSignIn = edited(exportJson, (copy) => {
      copy.userSignInSettings = {
        passwordHashSyncEnabled: true,
        seamlessSso: false,
        mode: 'PHS',
      };
    });
    const judgment = judgeConfigExport([evidenceOf(withSignIn)], judgmentContext);
    expect(judgment.facts).toMatchObject({
      signInSettingsInExport: true,
      signInKeys:
        'userSignInSettings; userSignInSettings.passwordHashSyncEnabled; userSignInSettings.seamlessSso',
    });
    expect(messages(judgment)).toMatch(/carries sign-in related keys/);
  });

  it('does not take what sync rules flow (passwords, for one) for sign-in settings', () => {
    const withPasswordRule = edited(exportJson, (copy) => {
      const rule = objectAt(copy, 'onpremisesDirectoryPolicy', 0, 'customSynchronizationRules', 0);
      rule.passwordFlow = { destination: 'pwdLastSet' };
    });
    expect(
      judgeConfigExport([evidenceOf(withPasswordRule)], judgmentContext).facts
        .signInSettingsInExport,
    ).toBe(false);
  });

  it('reports the version of a MigratedPolicy.json without summarising settings it does not hold', () => {
    const judgment = judgeConfigExport(
      [evidenceOf(syntheticMigratedPolicy(oldInstall))],
      judgmentContext,
    );
    expect(judgment.facts).toEqual({
      exportKind: 'migrated-policy',
      exportFileName: null,
      azureADConnectVersion: '1.6.16.0',
      exportHostName: 'aadc-old.contoso.example',
      exportTimeCreated: '2026-05-04 09:12:44Z',
    });
  });
});
