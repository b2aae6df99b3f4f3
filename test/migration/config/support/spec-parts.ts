import type {
  SyntheticDirectorySpec,
  SyntheticExportSpec,
  SyntheticPartitionSpec,
  SyntheticRuleSpec,
} from '../../../fixtures/synthetic/config-export-builder';
import { defined } from '../../../support/defined';

// _synthetic: true — the parts of a builder spec (test/fixtures/synthetic) that edits change, each
// named in the error when a spec lacks it.

/** Directory `index` (0-based) of a spec. */
export function directoryOf(spec: SyntheticExportSpec, index: number): SyntheticDirectorySpec {
  return defined(spec.directories[index], `directory ${String(index)} in the spec`);
}

/** Partition `partition` of directory `directory`. */
export function partitionOf(
  spec: SyntheticExportSpec,
  directory: number,
  partition: number,
): SyntheticPartitionSpec {
  return defined(
    directoryOf(spec, directory).partitions[partition],
    `partition ${String(partition)} of directory ${String(directory)}`,
  );
}

/** The excluded OUs of a partition. */
export function exclusionsOf(
  spec: SyntheticExportSpec,
  directory: number,
  partition: number,
): string[] {
  return defined(
    partitionOf(spec, directory, partition).exclusions,
    `exclusions in partition ${String(partition)} of directory ${String(directory)}`,
  );
}

/** The custom sync rules of directory `directory`. */
export function customRulesOf(spec: SyntheticExportSpec, directory: number): SyntheticRuleSpec[] {
  return defined(
    directoryOf(spec, directory).customRules,
    `custom rules in directory ${String(directory)}`,
  );
}

/** Custom rule `rule` of directory `directory`. */
export function customRuleOf(
  spec: SyntheticExportSpec,
  directory: number,
  rule: number,
): SyntheticRuleSpec {
  return defined(
    customRulesOf(spec, directory)[rule],
    `custom rule ${String(rule)} of directory ${String(directory)}`,
  );
}

/** The custom rules on the Microsoft Entra side. */
export function azureCustomRulesOf(spec: SyntheticExportSpec): SyntheticRuleSpec[] {
  return defined(spec.azureCustomRules, 'Entra custom rules in the spec');
}
