import { describe, expect, it } from 'vitest';
import { judgeConfigMatch } from '../../../migration/config';
import type { EvidenceItem } from '../../../migration/evidence/evidence-item';
import type { Judgment } from '../../../migration/judgment';
import {
  newInstall,
  oldInstall,
  sameVersionNewInstall,
  syntheticMigratedPolicy,
  type JsonObject,
  type SyntheticExportSpec,
} from '../../fixtures/synthetic/config-export-builder';
import { edited, objectAt } from './support/parsed-document';
import { evidenceOf, exportWith, judgmentContext, oldExport } from './support/synthetic-evidence';
import {
  azureCustomRulesOf,
  customRuleOf,
  customRulesOf,
  directoryOf,
  exclusionsOf,
} from './support/spec-parts';

// _synthetic: true — every export here comes from the synthetic builder (test/fixtures/synthetic).

const newExport = (edit?: (spec: SyntheticExportSpec) => void): JsonObject =>
  exportWith(newInstall, edit);

function judge(newJson: JsonObject): Judgment {
  return judgeConfigMatch([evidenceOf(oldExport), evidenceOf(newJson)], judgmentContext);
}

function messages(judgment: Judgment): string {
  return judgment.findings.map((finding) => `${finding.severity}: ${finding.message}`).join('\n');
}

const contosoRoot =
  'onpremisesDirectoryPolicy[forest="contoso.example"].partitionFilters[distinguishedName="DC=contoso,DC=example"]';

describe('judgeConfigMatch', () => {
  it.each<[string, EvidenceItem[], Judgment['status'], RegExp]>([
    ['no files', [], 'unknown', /Two files are needed/],
    [
      'only the old export',
      [evidenceOf(oldExport)],
      'unknown',
      /the new server's applied settings are needed/,
    ],
    [
      'a broken old export',
      [{ text: '{"onpremisesDirectoryPolicy": [', name: 'old.json' }, evidenceOf(newExport())],
      'fail',
      /The old server's export \(old.json\) is not a usable settings file\. The file is not valid JSON/,
    ],
    [
      'a new file that is not a settings export',
      [evidenceOf(oldExport), { text: 'StagingModeEnabled : True' }],
      'fail',
      /The new server's applied settings is not a usable settings file/,
    ],
    [
      'a MigratedPolicy.json given as the new server',
      [
        evidenceOf(oldExport),
        evidenceOf(syntheticMigratedPolicy(newInstall), 'MigratedPolicy.json'),
      ],
      'fail',
      /is a MigratedPolicy.json, which only the old server's MigrateSettings.ps1 writes/,
    ],
    [
      'a MigratedPolicy.json as the old server',
      [evidenceOf(syntheticMigratedPolicy(oldInstall)), evidenceOf(newExport())],
      'warn',
      /cannot be compared automatically/,
    ],
  ])('judges %s', (_name, items, status, finding) => {
    const judgment = judgeConfigMatch(items, judgmentContext);
    expect(judgment.checkpoint).toBe('config-match');
    expect(judgment.status).toBe(status);
    expect(messages(judgment)).toMatch(finding);
  });

  it.each<[string, JsonObject, Judgment['status'], RegExp]>([
    ['a faithful import on a newer version', newExport(), 'pass', /No unexpected difference/],
    [
      'an OU filter that lost an exclusion',
      newExport((spec) => exclusionsOf(spec, 0, 0).pop()),
      'fail',
      /^error: OU filter missing on the new server: .*containerExclusions\["OU=Test,DC=contoso,DC=example"\] \(old: "OU=Test,DC=contoso,DC=example"; new: none\)\.$/m,
    ],
    [
      'a missing directory',
      newExport((spec) => spec.directories.pop()),
      'fail',
      /^error: Directory \(forest\) missing on the new server: onpremisesDirectoryPolicy\[forest="fabrikam.example"\] \(old: fullyQualifiedDomainName "fabrikam.example"; new: none\)/m,
    ],
    [
      'a removed custom rule',
      newExport((spec) => customRulesOf(spec, 0).pop()),
      'fail',
      /^error: Custom sync rule missing on the new server: .*\[name="Custom - In from AD - Contact filter", direction="Inbound"\] \(old: name "Custom - In from AD - Contact filter"; new: none\)/m,
    ],
    [
      'a custom rule with another description',
      newExport((spec) => (customRuleOf(spec, 0, 0).description = 'Edited')),
      'warn',
      /^warning: Custom sync rule differs: .*\.description \(old: "Synthetic custom rule Custom - In from AD - User extensionAttribute"; new: "Edited"\)/m,
    ],
    [
      'standard rules that differ between versions',
      newExport(
        (spec) =>
          (spec.azureStandardRules = [
            { name: 'Out to AAD - User Join', direction: 'Outbound', precedence: 115 },
          ]),
      ),
      'pass',
      /^info: 1 difference\(s\) in standard sync rules or new settings come from the different Entra Connect versions/m,
    ],
    [
      'the old export sent again as the new server',
      oldExport,
      'warn',
      /Both files were written on the same server \(aadc-old.contoso.example\)/,
    ],
    [
      'a copy of the same export from another host name but the same time stamp',
      edited(exportWith(oldInstall), (copy) => {
        objectAt(copy, 'deploymentMetadata').hostName = 'renamed.contoso.example';
      }),
      'warn',
      /Both files carry the same time stamp/,
    ],
  ])('judges %s', (_name, newJson, status, finding) => {
    const judgment = judge(newJson);
    expect(judgment.status).toBe(status);
    expect(messages(judgment)).toMatch(finding);
  });

  it.each<[string, JsonObject, RegExp]>([
    [
      'an OU filter',
      newExport((spec) => exclusionsOf(spec, 0, 0).pop()),
      /Domain and OU filtering.*Start-ADSyncSyncCycle -PolicyType Initial/,
    ],
    [
      'a removed custom rule',
      newExport((spec) => customRulesOf(spec, 0).pop()),
      /Recreate the rule in the Synchronization Rules Editor.*precedence between 0 and 99.*Import synchronization settings/,
    ],
    [
      'a missing directory',
      newExport((spec) => spec.directories.pop()),
      /Connect your directories.*Import synchronization settings/,
    ],
  ])('says what to do about %s', (_name, newJson, remediation) => {
    const [finding] = judge(newJson).findings;
    expect(finding?.remediation).toMatch(remediation);
  });

  it('counts the differences by kind and importance in its facts', () => {
    const judgment = judge(
      exportWith(sameVersionNewInstall, (spec) => {
        spec.directories.pop();
        exclusionsOf(spec, 0, 0)[0] = 'OU=Other,DC=contoso,DC=example';
        azureCustomRulesOf(spec).push({ name: 'Custom - Extra', direction: 'Outbound' });
        customRuleOf(spec, 0, 0).description = 'Edited';
      }),
    );
    expect(judgment.facts).toEqual({
      oldAzureADConnectVersion: '1.6.16.0',
      newAzureADConnectVersion: '1.6.16.0',
      oldHostName: 'aadc-old.contoso.example',
      newHostName: 'aadc-new.contoso.example',
      differencesTotal: 4,
      differencesAdded: 1,
      differencesRemoved: 1,
      differencesChanged: 2,
      criticalDifferences: 3,
      reviewDifferences: 0,
      cosmeticDifferences: 1,
      expectedDifferences: 0,
    });
  });

  it('lists the most important differences and counts the rest', () => {
    const judgment = judge(
      newExport((spec) => {
        for (const partition of directoryOf(spec, 0).partitions) {
          partition.inclusions = Array.from(
            { length: 15 },
            (_, ou) => `OU=New${ou},${partition.distinguishedName}`,
          );
        }
        customRuleOf(spec, 1, 0).description = 'Edited';
      }),
    );
    const differenceFindings = judgment.findings.filter((finding) => finding.severity !== 'info');
    expect(differenceFindings).toHaveLength(13);
    expect(differenceFindings.at(-1)?.message).toMatch(/^\d+ more differences are not listed/);
    expect(judgment.facts.differencesTotal).toBe(31);
    expect(messages(judgment)).toContain(contosoRoot);
  });
});
