import { z } from 'zod';
import { readJsonText } from './json-text';
import { isJsonRecord, ownValue } from './json-value';

// The key structure is reference 03c (assembled from real scripts that read these files); only the
// keys the comparison relies on are typed, everything else is kept as it is and compared generically.
// null is accepted wherever a list or text is expected: .NET serialisers write null for "none".

const containerListSchema = z.array(z.string()).nullish();

/** A domain partition of one forest with its OU filter (03c: partitionFilters[]). */
export const partitionFilterSchema = z.looseObject({
  distinguishedName: z.string().nullish(),
  containerInclusions: containerListSchema,
  containerExclusions: containerListSchema,
});
export type PartitionFilter = z.infer<typeof partitionFilterSchema>;

/** A synchronization rule (03c: at least name and uniqueIdentifier; direction from scripts that read exports). */
export const syncRuleSchema = z.looseObject({
  name: z.string().nullish(),
  direction: z.union([z.string(), z.number()]).nullish(),
});
export type SyncRule = z.infer<typeof syncRuleSchema>;

const ruleListSchema = z.array(syncRuleSchema).nullish();

/** One on-premises directory (AD connector / forest) of the export (03c: onpremisesDirectoryPolicy[]). */
export const directoryPolicySchema = z.looseObject({
  friendlyName: z.string().nullish(),
  fullyQualifiedDomainName: z.string().nullish(),
  partitionFilters: z.array(partitionFilterSchema).nullish(),
  customSynchronizationRules: ruleListSchema,
  standardSynchronizationRules: ruleListSchema,
});
export type DirectoryPolicy = z.infer<typeof directoryPolicySchema>;

/** The Microsoft Entra ID connector's rules (03c: azureDirectoryPolicy, a single object). */
export const azureDirectoryPolicySchema = z.looseObject({
  customSynchronizationRules: ruleListSchema,
  standardSynchronizationRules: ruleListSchema,
});
export type AzureDirectoryPolicy = z.infer<typeof azureDirectoryPolicySchema>;

/** Who wrote the file, when and with which version (03c: policyMetadata). */
export const policyMetadataSchema = z.looseObject({
  type: z.string().nullish(),
  author: z.string().nullish(),
  timeCreated: z.string().nullish(),
  azureADConnectVersion: z.string().nullish(),
});

/** The writing server's install details (03c: deploymentMetadata). */
export const deploymentMetadataSchema = z.looseObject({
  hostName: z.string().nullish(),
});

/** An exported settings file (Exported-/Applied-SynchronizationPolicy-*.json) or MigratedPolicy.json. */
export const configDocumentSchema = z.looseObject({
  policyMetadata: policyMetadataSchema.nullish(),
  deploymentMetadata: deploymentMetadataSchema.nullish(),
  onpremisesDirectoryPolicy: z.array(directoryPolicySchema).nullish(),
  azureDirectoryPolicy: azureDirectoryPolicySchema.nullish(),
});
export type ConfigDocument = z.infer<typeof configDocumentSchema>;

/** The two kinds of settings file: an export from the wizard, or MigratedPolicy.json from MigrateSettings.ps1. */
export type ConfigDocumentKind = 'config-export' | 'migrated-policy';

/** What a text turned out to be: a settings export, a MigratedPolicy.json, or neither (with the reason). */
export type ConfigDocumentParse =
  { kind: ConfigDocumentKind; document: ConfigDocument } | { kind: 'not-config'; reason: string };

const whatIsExpected =
  'Expected an Entra Connect settings export (Exported-SynchronizationPolicy-*.json or Applied-SynchronizationPolicy-*.json, with onpremisesDirectoryPolicy) or a MigratedPolicy.json (policyMetadata of type "migration").';

/** Reads an uploaded settings file. Never throws: anything else comes back as `not-config` with the reason. */
export function parseConfigDocument(text: string): ConfigDocumentParse {
  const read = readJsonText(text);
  if (!read.ok) return { kind: 'not-config', reason: read.reason };
  const value = read.value;
  if (!isJsonRecord(value)) {
    return { kind: 'not-config', reason: `The file is JSON but not an object. ${whatIsExpected}` };
  }
  const kind = documentKindOf(value);
  if (kind === undefined) {
    return {
      kind: 'not-config',
      reason: `The JSON has none of the keys of a settings export. ${whatIsExpected}`,
    };
  }
  const parsed = configDocumentSchema.safeParse(value);
  if (!parsed.success) {
    return {
      kind: 'not-config',
      reason: `The file looks like a settings export but is damaged: ${describeIssues(parsed.error.issues)}. Export it again and upload the file unchanged.`,
    };
  }
  return { kind, document: parsed.data };
}

function documentKindOf(value: Readonly<Record<string, unknown>>): ConfigDocumentKind | undefined {
  if (ownValue(value, 'onpremisesDirectoryPolicy') !== undefined) return 'config-export';
  if (ownValue(value, 'azureDirectoryPolicy') !== undefined) return 'config-export';
  // 03c: MigrateSettings.ps1 writes exactly policyMetadata (type "migration") and deploymentMetadata.
  const metadata = ownValue(value, 'policyMetadata');
  if (!isJsonRecord(metadata)) return undefined;
  const type = ownValue(metadata, 'type');
  const isMigration = typeof type === 'string' && type.trim().toLowerCase() === 'migration';
  return isMigration || ownValue(value, 'deploymentMetadata') !== undefined
    ? 'migrated-policy'
    : undefined;
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const shown = issues.slice(0, 3).map((issue) => {
    const path = issue.path.map((part) =>
      typeof part === 'number' ? `[${part}]` : `.${String(part)}`,
    );
    return `${path.join('').replace(/^\./, '') || '(top level)'}: ${issue.message}`;
  });
  const more = issues.length > shown.length ? ` (and ${issues.length - shown.length} more)` : '';
  return `${shown.join('; ')}${more}`;
}
