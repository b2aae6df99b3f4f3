import { describe, expect, it } from 'vitest';
import { diffConfigurations, type ConfigDifference } from '../../../migration/config';
import {
  newInstall,
  oldInstall,
  sameVersionNewInstall,
  syntheticExport,
  type Json,
  type JsonObject,
  type SyntheticExportSpec,
} from '../../fixtures/synthetic/config-export-builder';
import { shuffledEverywhere } from './support/json-leaves';
import { edited, objectAt, parsedDocument } from './support/parsed-document';
import { exportWith, oldExport } from './support/synthetic-evidence';
import {
  azureCustomRulesOf,
  customRuleOf,
  customRulesOf,
  directoryOf,
  exclusionsOf,
} from './support/spec-parts';

// _synthetic: true — every document here comes from the synthetic builder (test/fixtures/synthetic).

const newExport = (edit?: (spec: SyntheticExportSpec) => void): JsonObject =>
  exportWith(sameVersionNewInstall, edit);

function differences(newDoc: JsonObject, oldDoc: JsonObject = oldExport): ConfigDifference[] {
  return diffConfigurations(parsedDocument(oldDoc), parsedDocument(newDoc));
}

const contoso = 'onpremisesDirectoryPolicy[forest="contoso.example"]';
const contosoRoot = `${contoso}.partitionFilters[distinguishedName="DC=contoso,DC=example"]`;
const userRule = `${contoso}.customSynchronizationRules[name="Custom - In from AD - User extensionAttribute", direction="Inbound"]`;

describe('diffConfigurations: what an import legitimately changes is not a difference', () => {
  it.each<[string, JsonObject]>([
    ['the same configuration on a new install of a newer version', exportWith(newInstall)],
    ['the same configuration on a new install of the same version', newExport()],
    [
      'directories, partitions, OUs and rules listed in another order',
      newExport((spec) => {
        spec.directories.reverse();
        const directory = directoryOf(spec, 0);
        directory.partitions.reverse();
        directory.customRules?.reverse();
      }),
    ],
    [
      'distinguished names in other letter case and spacing',
      edited(newExport(), (copy) => {
        const partition = objectAt(copy, 'onpremisesDirectoryPolicy', 0, 'partitionFilters', 0);
        partition.distinguishedName = 'dc=Contoso, dc=Example';
        partition.containerExclusions = [
          'ou=service accounts,dc=contoso,dc=example',
          'OU=Test, DC=contoso, DC=example',
        ];
      }),
    ],
    [
      'null, empty and missing lists',
      edited(newExport(), (copy) => {
        const fabrikamRoot = objectAt(copy, 'onpremisesDirectoryPolicy', 1, 'partitionFilters', 0);
        fabrikamRoot.containerExclusions = null;
        const emea = objectAt(copy, 'onpremisesDirectoryPolicy', 0, 'partitionFilters', 1);
        delete emea.containerExclusions;
      }),
    ],
    [
      'another SQL server, service account and host name',
      edited(newExport(), (copy) => {
        Object.assign(objectAt(copy, 'deploymentMetadata'), {
          hostName: 'other.example',
          serviceAccount: 'EXAMPLE\\gmsa-sync$',
          serviceAccountType: 'ManagedServiceAccount',
          databaseServer: 'sql01.example',
          databaseInstance: 'SYNC',
          databaseName: 'ADSyncNew',
        });
        objectAt(copy, 'policyMetadata').author = 'EXAMPLE\\someone-else';
      }),
    ],
  ])('finds nothing for %s', (_name, newDoc) => {
    expect(differences(newDoc)).toEqual([]);
  });

  it('compares the old export with its own copy as equal', () => {
    expect(differences(oldExport)).toEqual([]);
  });
});

interface Expected {
  kind: ConfigDifference['kind'];
  area: ConfigDifference['area'];
  importance: ConfigDifference['importance'];
  path: string;
  oldValue?: unknown;
  newValue?: unknown;
}

const fabrikam = 'onpremisesDirectoryPolicy[forest="fabrikam.example"]';

// The Entra ID connector's "User Join" standard rule with one attribute flow more than the default.
function oneMoreStandardMapping(spec: SyntheticExportSpec): void {
  spec.azureStandardRules = [
    { name: 'Out to AAD - User Join', direction: 'Outbound', precedence: 115, mappings: 5 },
    { name: 'Out to AAD - Group Join', direction: 'Outbound', precedence: 116 },
  ];
}
const addedStandardMapping =
  'azureDirectoryPolicy.standardSynchronizationRules[name="Out to AAD - User Join", direction="Outbound"].attributeMappings[destination="csAttribute4"]';

describe('diffConfigurations: each difference with its path, values and importance', () => {
  it.each<[string, JsonObject, Expected[]]>([
    [
      'a missing directory',
      newExport((spec) => spec.directories.pop()),
      [{ kind: 'removed', area: 'directory', importance: 'critical', path: fabrikam }],
    ],
    [
      'an extra directory',
      newExport((spec) =>
        spec.directories.push({
          forest: 'extra.example',
          partitions: [{ distinguishedName: 'DC=extra,DC=example' }],
        }),
      ),
      [
        {
          kind: 'added',
          area: 'directory',
          importance: 'critical',
          path: 'onpremisesDirectoryPolicy[forest="extra.example"]',
        },
      ],
    ],
    [
      'a missing domain partition',
      newExport((spec) => directoryOf(spec, 0).partitions.pop()),
      [
        {
          kind: 'removed',
          area: 'partition',
          importance: 'critical',
          path: `${contoso}.partitionFilters[distinguishedName="DC=emea,DC=contoso,DC=example"]`,
        },
      ],
    ],
    [
      'an OU no longer excluded',
      newExport((spec) => exclusionsOf(spec, 0, 0).pop()),
      [
        {
          kind: 'removed',
          area: 'ou-filter',
          importance: 'critical',
          path: `${contosoRoot}.containerExclusions["OU=Test,DC=contoso,DC=example"]`,
          oldValue: 'OU=Test,DC=contoso,DC=example',
        },
      ],
    ],
    [
      'an OU excluded instead of another',
      newExport((spec) => {
        exclusionsOf(spec, 0, 0)[1] = 'OU=Lab,DC=contoso,DC=example';
      }),
      [
        {
          kind: 'changed',
          area: 'ou-filter',
          importance: 'critical',
          path: `${contosoRoot}.containerExclusions["OU=Test,DC=contoso,DC=example"]`,
          oldValue: 'OU=Test,DC=contoso,DC=example',
          newValue: 'OU=Lab,DC=contoso,DC=example',
        },
      ],
    ],
    [
      'a removed custom rule',
      newExport((spec) => customRulesOf(spec, 0).shift()),
      [{ kind: 'removed', area: 'custom-rule', importance: 'critical', path: userRule }],
    ],
    [
      'an extra custom rule on the Entra ID connector',
      newExport((spec) =>
        azureCustomRulesOf(spec).push({
          name: 'Custom - Out to AAD - Extra',
          direction: 'Outbound',
        }),
      ),
      [
        {
          kind: 'added',
          area: 'custom-rule',
          importance: 'critical',
          path: 'azureDirectoryPolicy.customSynchronizationRules[name="Custom - Out to AAD - Extra", direction="Outbound"]',
        },
      ],
    ],
    [
      'a custom rule with another precedence',
      newExport((spec) => {
        customRuleOf(spec, 0, 0).precedence = 150;
      }),
      [
        {
          kind: 'changed',
          area: 'custom-rule',
          importance: 'critical',
          path: `${userRule}.precedence`,
          oldValue: 50,
          newValue: 150,
        },
      ],
    ],
    [
      'a custom rule with another description',
      newExport((spec) => {
        customRuleOf(spec, 0, 0).description = 'Edited';
      }),
      [
        {
          kind: 'changed',
          area: 'custom-rule',
          importance: 'cosmetic',
          path: `${userRule}.description`,
          newValue: 'Edited',
        },
      ],
    ],
    [
      'a renamed custom rule with the same content',
      newExport((spec) => {
        customRuleOf(spec, 0, 0).name = 'Custom - Renamed';
        customRuleOf(spec, 0, 0).description =
          'Synthetic custom rule Custom - In from AD - User extensionAttribute';
      }),
      [
        {
          kind: 'changed',
          area: 'custom-rule',
          importance: 'cosmetic',
          path: `${userRule}.name`,
          oldValue: 'Custom - In from AD - User extensionAttribute',
          newValue: 'Custom - Renamed',
        },
      ],
    ],
    [
      'a custom rule turned from inbound to outbound',
      edited(newExport(), (copy) => {
        const rule = objectAt(
          copy,
          'onpremisesDirectoryPolicy',
          1,
          'customSynchronizationRules',
          0,
        );
        rule.direction = 'Outbound';
      }),
      [
        {
          kind: 'changed',
          area: 'custom-rule',
          importance: 'critical',
          path: `${fabrikam}.customSynchronizationRules[name="Custom - In from AD - User extensionAttribute", direction="Inbound"].direction`,
          oldValue: 'Inbound',
          newValue: 'Outbound',
        },
      ],
    ],
    [
      'a standard rule enabled again',
      newExport((spec) => {
        directoryOf(spec, 1).standardRules = [
          { name: 'In from AD - User Join', precedence: 101, disabled: true },
          { name: 'In from AD - User Common', precedence: 104 },
          { name: 'In from AD - Group Common', precedence: 111 },
        ];
      }),
      [
        {
          kind: 'changed',
          area: 'standard-rule',
          importance: 'critical',
          path: `${fabrikam}.standardSynchronizationRules[name="In from AD - User Join", direction="Inbound"].disabled`,
          oldValue: false,
          newValue: true,
        },
      ],
    ],
    [
      'a standard rule changed on the same version',
      newExport(oneMoreStandardMapping),
      [
        {
          kind: 'added',
          area: 'standard-rule',
          importance: 'review',
          path: addedStandardMapping,
        },
      ],
    ],
    [
      'a standard rule changed by a newer version',
      exportWith(newInstall, oneMoreStandardMapping),
      [
        {
          kind: 'added',
          area: 'standard-rule',
          importance: 'expected',
          path: addedStandardMapping,
        },
      ],
    ],
    [
      'a setting only the newer version writes',
      edited(exportWith(newInstall), (copy) => {
        copy.newVersionSetting = { enabled: true };
      }),
      [{ kind: 'added', area: 'setting', importance: 'expected', path: 'newVersionSetting' }],
    ],
    [
      'a setting that changed',
      edited(newExport(), (copy) => {
        copy._synthetic = 'changed';
      }),
      [
        {
          kind: 'changed',
          area: 'setting',
          importance: 'review',
          path: '_synthetic',
          oldValue: true,
          newValue: 'changed',
        },
      ],
    ],
    [
      'a renamed forest connector (display name only)',
      edited(newExport(), (copy) => {
        objectAt(copy, 'onpremisesDirectoryPolicy', 1).friendlyName = 'Fabrikam forest';
      }),
      [
        {
          kind: 'changed',
          area: 'directory',
          importance: 'cosmetic',
          path: `${fabrikam}.friendlyName`,
          oldValue: 'fabrikam.example',
          newValue: 'Fabrikam forest',
        },
      ],
    ],
  ])('reports %s', (_name, newDoc, expected) => {
    const found = differences(newDoc);
    expect(found).toHaveLength(expected.length);
    expected.forEach((entry, index) => {
      expect(found[index]).toMatchObject(entry);
    });
  });

  it('matches rules by name and direction, not by name alone', () => {
    const spec: SyntheticExportSpec = {
      directories: [
        {
          forest: 'contoso.example',
          partitions: [{ distinguishedName: 'DC=contoso,DC=example' }],
          customRules: [
            { name: 'Custom - Same name', direction: 'Inbound', precedence: 10 },
            { name: 'Custom - Same name', direction: 'Outbound', precedence: 20 },
          ],
        },
      ],
    };
    const changed = structuredClone(spec);
    customRulesOf(changed, 0).reverse();
    customRuleOf(changed, 0, 0).precedence = 21;
    const found = diffConfigurations(
      parsedDocument(syntheticExport(spec, oldInstall)),
      parsedDocument(syntheticExport(changed, sameVersionNewInstall)),
    );
    expect(found).toEqual([
      expect.objectContaining({
        kind: 'changed',
        path: `${contoso}.customSynchronizationRules[name="Custom - Same name", direction="Outbound"].precedence`,
        oldValue: 20,
        newValue: 21,
      }),
    ]);
  });

  it('puts the most important differences first', () => {
    const found = differences(
      newExport((spec) => {
        customRuleOf(spec, 0, 1).description = 'Edited';
        spec.directories.pop();
      }),
    );
    expect(found.map((difference) => difference.importance)).toEqual(['critical', 'cosmetic']);
  });

  it('treats an old export with no Entra ID rules section as removing those rules', () => {
    const withoutAzure = edited(oldExport, (copy) => {
      delete copy.azureDirectoryPolicy;
    });
    const found = differences(withoutAzure, oldExport);
    expect(found.map(({ kind, area }) => `${kind} ${area}`)).toEqual([
      'removed custom-rule',
      'removed standard-rule',
      'removed standard-rule',
    ]);
  });
});

describe('diffConfigurations: lists in another order that also repeat an entry', () => {
  const ruleAt = (copy: JsonObject): JsonObject =>
    objectAt(copy, 'onpremisesDirectoryPolicy', 0, 'customSynchronizationRules', 0);
  const mappingsOf = (copy: JsonObject): Json[] => {
    const mappings = ruleAt(copy).attributeMappings;
    if (!Array.isArray(mappings)) expect.fail('the built rule has attribute flows');
    return mappings;
  };
  const reorderedDifferences = (oldDoc: JsonObject, newDoc: JsonObject): ConfigDifference[] =>
    diffConfigurations(parsedDocument(oldDoc), parsedDocument(shuffledEverywhere(newDoc, 7)));

  it('reports an OU the old server lists twice and the new one once', () => {
    const old = edited(oldExport, (copy) => {
      const partition = objectAt(copy, 'onpremisesDirectoryPolicy', 0, 'partitionFilters', 0);
      const exclusions = partition.containerExclusions;
      if (!Array.isArray(exclusions)) expect.fail('the built partition has exclusions');
      exclusions.push('OU=Test,DC=contoso,DC=example');
    });
    expect(reorderedDifferences(old, newExport())).toEqual([
      expect.objectContaining({
        kind: 'removed',
        area: 'ou-filter',
        path: `${contosoRoot}.containerExclusions["OU=Test,DC=contoso,DC=example"]`,
      }),
    ]);
  });

  it('reports an attribute flow the old rule has twice and the new one once', () => {
    const old = edited(oldExport, (copy) => {
      const mappings = mappingsOf(copy);
      mappings.push(structuredClone(mappings[1] ?? null));
    });
    expect(reorderedDifferences(old, newExport())).toEqual([
      expect.objectContaining({
        kind: 'removed',
        area: 'custom-rule',
        path: `${userRule}.attributeMappings[destination="mvAttribute1"]`,
      }),
    ]);
  });

  it('reports a plain value the new list repeats in place of another', () => {
    const changed = edited(newExport(), (copy) => {
      const [first] = mappingsOf(copy);
      if (typeof first !== 'object' || first === null || Array.isArray(first))
        expect.fail('the built rule has attribute flows');
      first.source = ['sourceAttribute0', 'sourceAttribute0'];
    });
    expect(reorderedDifferences(oldExport, changed)).toEqual([
      expect.objectContaining({
        kind: 'changed',
        path: `${userRule}.attributeMappings[destination="mvAttribute0"].source["fallbackAttribute0"]`,
        oldValue: 'fallbackAttribute0',
        newValue: 'sourceAttribute0',
      }),
    ]);
  });
});
