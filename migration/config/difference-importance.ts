import type { ConfigArea, DifferenceImportance, DifferenceKind } from './config-difference';

/** What the comparison knows besides the two values: whether the two files come from different Entra Connect versions. */
export interface ImportanceContext {
  versionsDiffer: boolean;
}

// Labels shown to people only (rule names, descriptions, connector display names); changing them
// changes nothing that is synchronised.
const cosmeticFields: ReadonlySet<string> = new Set(['name', 'description', 'friendlyName']);

/** Importance of a whole entry (directory, partition, OU, sync rule, setting) that one side lacks. */
export function importanceOfEntry(
  area: ConfigArea,
  kind: DifferenceKind,
  context: ImportanceContext,
): DifferenceImportance {
  // Learn how-to-connect-import-export-config: the import "can't add or remove directories"; a missing
  // directory, domain or OU takes its objects out of scope (deleted in the cloud at cutover). Learn
  // how-to-upgrade-previous-version: custom configuration must be moved to the staging server.
  switch (area) {
    case 'directory':
    case 'partition':
    case 'ou-filter':
    case 'custom-rule':
      return 'critical';
    case 'standard-rule':
      return standardRuleImportance(context);
    case 'setting':
      return newerVersionAddition(kind, context) ? 'expected' : 'review';
  }
}

/** Importance of a difference inside an entry present on both sides; `field` is the entry's key it is under. */
export function importanceOfField(
  area: ConfigArea,
  field: string,
  kind: DifferenceKind,
  context: ImportanceContext,
): DifferenceImportance {
  if (cosmeticFields.has(field)) return 'cosmetic';
  switch (area) {
    case 'partition':
    case 'ou-filter':
    case 'custom-rule':
      return 'critical';
    case 'standard-rule':
      // A standard rule disabled on the old server and enabled on the new one changes what syncs, whatever the versions.
      return field.toLowerCase() === 'disabled' ? 'critical' : standardRuleImportance(context);
    case 'directory':
      // Another forest name is another directory, even when everything below it looks alike.
      if (field === 'fullyQualifiedDomainName') return 'critical';
      return newerVersionAddition(kind, context) ? 'expected' : 'review';
    case 'setting':
      return newerVersionAddition(kind, context) ? 'expected' : 'review';
  }
}

// Learn how-to-connect-import-export-config: standard rules are the product's own and "modifying a
// standard rule is discouraged"; each version ships its own set, so between versions they differ by design.
function standardRuleImportance(context: ImportanceContext): DifferenceImportance {
  return context.versionsDiffer ? 'expected' : 'review';
}

// A newer version may write settings an older one did not know; a removed or changed one is not explained by that.
function newerVersionAddition(kind: DifferenceKind, context: ImportanceContext): boolean {
  return kind === 'added' && context.versionsDiffer;
}

/** Most important first, for sorting and for choosing which differences to show. */
export const importanceRank: Readonly<Record<DifferenceImportance, number>> = {
  critical: 0,
  review: 1,
  cosmetic: 2,
  expected: 3,
};
