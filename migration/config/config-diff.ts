import { CanonicalForms } from './canonical-forms';
import type { ConfigArea, ConfigDifference, RawDifference } from './config-difference';
import type {
  AzureDirectoryPolicy,
  ConfigDocument,
  DirectoryPolicy,
  PartitionFilter,
  SyncRule,
} from './config-document';
import { azureADConnectVersionOf } from './config-metadata';
import { entryPath, keyPath, valuePath } from './config-path';
import {
  importanceOfEntry,
  importanceOfField,
  importanceRank,
  type ImportanceContext,
} from './difference-importance';
import { normalizeDistinguishedName } from './distinguished-name';
import { matchItems } from './item-matching';
import { isAbsent, jsonTextOf, keysOfBoth, ownValue, type JsonRecord } from './json-value';
import { isPerInstallKey, isPerInstallSection } from './per-install-settings';
import { isSameInOrder, isSameMultiset } from './same-in-order';
import { diffValues, type DifferenceSink } from './value-diff';

/** One comparison in progress: its cache, what decides importance, and the differences so far. */
interface Comparison {
  forms: CanonicalForms;
  importance: ImportanceContext;
  differences: ConfigDifference[];
}

/** How the entries of one kind (directory, partition, sync rule) are compared. */
interface EntryShape<T extends JsonRecord> {
  area: ConfigArea;
  /** Fields that identify the entry, compared after normalising (case, spacing). */
  identity: Readonly<Record<string, (value: unknown) => string>>;
  /** Fields with a comparison of their own (nested lists). */
  nested: Readonly<Record<string, NestedDiff<T>>>;
}

/** The comparison of one field of two matched entries. */
type NestedDiff<T> = (oldEntry: T, newEntry: T, path: string, c: Comparison) => void;

/** How a list of entries is matched: by a key an admin would use, never by position. */
interface CollectionShape<T extends JsonRecord> extends EntryShape<T> {
  keyOf: (entry: T) => string;
  selectorOf: (entry: T) => readonly (readonly [string, unknown])[];
  identityKeys: ReadonlySet<string>;
}

/**
 * The differences between the old server's export and the new server's applied settings, most
 * important first. Directories are matched by forest, partitions by distinguished name, sync rules
 * by name and direction; per-install values (see per-install-settings.ts) are ignored.
 */
export function diffConfigurations(
  oldDoc: ConfigDocument,
  newDoc: ConfigDocument,
): ConfigDifference[] {
  const c: Comparison = {
    forms: new CanonicalForms(),
    importance: { versionsDiffer: versionsDiffer(oldDoc, newDoc) },
    differences: [],
  };
  for (const key of keysOfBoth(oldDoc, newDoc)) {
    if (isPerInstallSection(key) || isPerInstallKey(key)) continue;
    if (key === 'onpremisesDirectoryPolicy') {
      diffCollection(
        oldDoc.onpremisesDirectoryPolicy ?? [],
        newDoc.onpremisesDirectoryPolicy ?? [],
        key,
        directoryShape,
        c,
      );
    } else if (key === 'azureDirectoryPolicy') {
      diffEntry(
        oldDoc.azureDirectoryPolicy ?? {},
        newDoc.azureDirectoryPolicy ?? {},
        key,
        azureShape,
        c,
      );
    } else {
      diffValues(
        ownValue(oldDoc, key),
        ownValue(newDoc, key),
        keyPath('', key),
        fieldSink(c, 'setting', key),
        c.forms,
      );
    }
  }
  return c.differences.sort(byImportanceThenPath);
}

function versionsDiffer(oldDoc: ConfigDocument, newDoc: ConfigDocument): boolean {
  const oldVersion = azureADConnectVersionOf(oldDoc);
  const newVersion = azureADConnectVersionOf(newDoc);
  return oldVersion !== undefined && newVersion !== undefined && oldVersion !== newVersion;
}

function diffCollection<T extends JsonRecord>(
  oldEntries: readonly T[],
  newEntries: readonly T[],
  path: string,
  shape: CollectionShape<T>,
  c: Comparison,
): void {
  // A renamed entry (same content under another name) pairs with its old self on the second key.
  const matching = matchItems(
    oldEntries,
    newEntries,
    [shape.keyOf, (entry) => c.forms.without(entry, shape.identityKeys)],
    (entry) => c.forms.of(entry),
  );
  for (const [oldEntry, newEntry] of matching.pairs) {
    if (isSameInOrder(oldEntry, newEntry)) continue;
    diffEntry(oldEntry, newEntry, entryPath(path, shape.selectorOf(oldEntry)), shape, c);
  }
  for (const entry of matching.removed) {
    addEntryDifference(c, shape.area, {
      kind: 'removed',
      path: entryPath(path, shape.selectorOf(entry)),
      oldValue: entry,
    });
  }
  for (const entry of matching.added) {
    addEntryDifference(c, shape.area, {
      kind: 'added',
      path: entryPath(path, shape.selectorOf(entry)),
      newValue: entry,
    });
  }
}

function diffEntry<T extends JsonRecord>(
  oldEntry: T,
  newEntry: T,
  path: string,
  shape: EntryShape<T>,
  c: Comparison,
): void {
  for (const key of keysOfBoth(oldEntry, newEntry)) {
    if (isPerInstallKey(key)) continue;
    const nested = Object.hasOwn(shape.nested, key) ? shape.nested[key] : undefined;
    if (nested !== undefined) {
      nested(oldEntry, newEntry, path, c);
      continue;
    }
    const oldValue = ownValue(oldEntry, key);
    const newValue = ownValue(newEntry, key);
    if (oldValue === newValue) continue;
    const normalize = Object.hasOwn(shape.identity, key) ? shape.identity[key] : undefined;
    if (normalize === undefined || isAbsent(oldValue) || isAbsent(newValue)) {
      // diffValues finds nothing in values equal in order, and writes the path only for a difference.
      diffValues(oldValue, newValue, { parent: path, key }, fieldSink(c, shape.area, key), c.forms);
    } else if (!isSameInOrder(oldValue, newValue) && normalize(oldValue) !== normalize(newValue)) {
      const sink = fieldSink(c, shape.area, key);
      sink({ kind: 'changed', path: keyPath(path, key), oldValue, newValue });
    }
  }
}

// Learn how-to-connect-import-export-config: OU filtering is part of the imported settings.
function diffContainers(
  oldContainers: readonly string[],
  newContainers: readonly string[],
  path: string,
  c: Comparison,
): void {
  if (isSameInOrder(oldContainers, newContainers) || isSameMultiset(oldContainers, newContainers))
    return;
  const byName = (container: Container): string => container.normalized;
  const matching = matchItems(
    oldContainers.map(toContainer),
    newContainers.map(toContainer),
    [byName, () => ''],
    byName,
  );
  for (const [oldContainer, newContainer] of matching.pairs) {
    if (oldContainer.normalized !== newContainer.normalized) {
      addEntryDifference(c, 'ou-filter', {
        kind: 'changed',
        path: valuePath(path, oldContainer.name),
        oldValue: oldContainer.name,
        newValue: newContainer.name,
      });
    }
  }
  for (const { name } of matching.removed) {
    addEntryDifference(c, 'ou-filter', {
      kind: 'removed',
      path: valuePath(path, name),
      oldValue: name,
    });
  }
  for (const { name } of matching.added) {
    addEntryDifference(c, 'ou-filter', {
      kind: 'added',
      path: valuePath(path, name),
      newValue: name,
    });
  }
}

/** An OU of an OU filter with its name normalised once, not at every comparison. */
interface Container {
  name: string;
  normalized: string;
}

function toContainer(name: string): Container {
  return { name, normalized: normalizeDistinguishedName(name) };
}

function addEntryDifference(c: Comparison, area: ConfigArea, raw: RawDifference): void {
  c.differences.push({ ...raw, area, importance: importanceOfEntry(area, raw.kind, c.importance) });
}

function fieldSink(c: Comparison, area: ConfigArea, field: string): DifferenceSink {
  return (raw) => {
    c.differences.push({
      ...raw,
      area,
      importance: importanceOfField(area, field, raw.kind, c.importance),
    });
  };
}

function byImportanceThenPath(a: ConfigDifference, b: ConfigDifference): number {
  const rank = importanceRank[a.importance] - importanceRank[b.importance];
  if (rank !== 0) return rank;
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

const caseInsensitive = (value: unknown): string =>
  typeof value === 'string' ? value.trim().toLowerCase() : jsonTextOf(value);
const trimmed = (value: unknown): string =>
  typeof value === 'string' ? value.trim() : jsonTextOf(value);
const distinguishedName = (value: unknown): string =>
  typeof value === 'string' ? normalizeDistinguishedName(value) : jsonTextOf(value);

function ruleShape(area: 'custom-rule' | 'standard-rule'): CollectionShape<SyncRule> {
  return {
    area,
    // Learn how-to-connect-import-export-config: custom rules are carried by name; GUIDs are new on every install.
    keyOf: (rule) => `${trimmed(rule.name)}\u0000${caseInsensitive(rule.direction)}`,
    selectorOf: (rule) =>
      isAbsent(rule.direction)
        ? [['name', rule.name]]
        : [
            ['name', rule.name],
            ['direction', rule.direction],
          ],
    identity: { name: trimmed, direction: caseInsensitive },
    identityKeys: new Set(['name', 'direction']),
    nested: {},
  };
}

const customRuleShape = ruleShape('custom-rule');
const standardRuleShape = ruleShape('standard-rule');

/** A field holding a list of entries compared by `shape`. */
function collectionField<T extends JsonRecord, E extends JsonRecord>(
  key: string,
  listOf: (entry: T) => readonly E[] | null | undefined,
  shape: CollectionShape<E>,
): NestedDiff<T> {
  return (oldEntry, newEntry, path, c) => {
    diffCollection(listOf(oldEntry) ?? [], listOf(newEntry) ?? [], keyPath(path, key), shape, c);
  };
}

/** A field holding an OU list of an OU filter. */
function containerField(
  key: string,
  listOf: (partition: PartitionFilter) => readonly string[] | null | undefined,
): NestedDiff<PartitionFilter> {
  return (oldPartition, newPartition, path, c) => {
    diffContainers(listOf(oldPartition) ?? [], listOf(newPartition) ?? [], keyPath(path, key), c);
  };
}

// 03c: both onpremisesDirectoryPolicy entries and azureDirectoryPolicy hold the two rule lists.
function ruleListsOf<T extends DirectoryPolicy | AzureDirectoryPolicy>(): EntryShape<T>['nested'] {
  return {
    customSynchronizationRules: collectionField<T, SyncRule>(
      'customSynchronizationRules',
      (entry) => entry.customSynchronizationRules,
      customRuleShape,
    ),
    standardSynchronizationRules: collectionField<T, SyncRule>(
      'standardSynchronizationRules',
      (entry) => entry.standardSynchronizationRules,
      standardRuleShape,
    ),
  };
}

const partitionShape: CollectionShape<PartitionFilter> = {
  area: 'partition',
  keyOf: (partition) => distinguishedName(partition.distinguishedName),
  selectorOf: (partition) => [['distinguishedName', partition.distinguishedName]],
  identity: { distinguishedName },
  identityKeys: new Set(['distinguishedName']),
  nested: {
    containerInclusions: containerField('containerInclusions', (p) => p.containerInclusions),
    containerExclusions: containerField('containerExclusions', (p) => p.containerExclusions),
  },
};

// 03c: a directory is one AD connector (forest); scripts that read exports name it by
// fullyQualifiedDomainName, older files only by friendlyName.
const forestNameOf = (directory: DirectoryPolicy): string | null | undefined =>
  directory.fullyQualifiedDomainName ?? directory.friendlyName;

const directoryShape: CollectionShape<DirectoryPolicy> = {
  area: 'directory',
  keyOf: (directory) => caseInsensitive(forestNameOf(directory)),
  selectorOf: (directory) => [['forest', forestNameOf(directory)]],
  identity: { fullyQualifiedDomainName: caseInsensitive, friendlyName: caseInsensitive },
  identityKeys: new Set(['fullyQualifiedDomainName', 'friendlyName']),
  nested: {
    ...ruleListsOf<DirectoryPolicy>(),
    partitionFilters: collectionField<DirectoryPolicy, PartitionFilter>(
      'partitionFilters',
      (directory) => directory.partitionFilters,
      partitionShape,
    ),
  },
};

const azureShape: EntryShape<AzureDirectoryPolicy> = {
  area: 'setting',
  identity: {},
  nested: ruleListsOf<AzureDirectoryPolicy>(),
};
