import type { ConfigDocument, SyncRule } from './config-document';
import { isJsonArray, isJsonRecord, type JsonRecord } from './json-value';
import { keyPath } from './config-path';
import { isPerInstallSection } from './per-install-settings';

/** A custom sync rule as the summary lists it. */
export interface CustomRuleSummary {
  name: string;
  direction?: string;
  precedence?: number;
  /** The forest it belongs to, or "Microsoft Entra ID" for the cloud connector's rules. */
  directory: string;
}

/** What an export configures, in the terms of the wizard: directories, domains, OU filtering, custom rules. */
export interface ConfigSummary {
  directories: string[];
  directoriesWithoutPartitions: string[];
  partitions: string[];
  ouInclusionCount: number;
  ouExclusionCount: number;
  customRules: CustomRuleSummary[];
  standardRuleCount: number;
  /** Paths of keys that look like sign-in settings (method, SSO, passwords, federation). */
  signInKeys: string[];
}

const entraDirectoryName = 'Microsoft Entra ID';

/** Summarises an export for the facts of the config-export checkpoint. */
export function summarizeConfig(document: ConfigDocument): ConfigSummary {
  const summary: ConfigSummary = {
    directories: [],
    directoriesWithoutPartitions: [],
    partitions: [],
    ouInclusionCount: 0,
    ouExclusionCount: 0,
    customRules: [],
    standardRuleCount: 0,
    signInKeys: signInKeysOf(document),
  };
  for (const directory of document.onpremisesDirectoryPolicy ?? []) {
    const name = directory.fullyQualifiedDomainName ?? directory.friendlyName ?? '(unnamed)';
    summary.directories.push(name);
    const partitions = directory.partitionFilters ?? [];
    if (partitions.length === 0) summary.directoriesWithoutPartitions.push(name);
    for (const partition of partitions) {
      summary.partitions.push(partition.distinguishedName ?? '(unnamed partition)');
      summary.ouInclusionCount += partition.containerInclusions?.length ?? 0;
      summary.ouExclusionCount += partition.containerExclusions?.length ?? 0;
    }
    addRules(summary, directory.customSynchronizationRules, name);
    summary.standardRuleCount += directory.standardSynchronizationRules?.length ?? 0;
  }
  const azure = document.azureDirectoryPolicy;
  addRules(summary, azure?.customSynchronizationRules, entraDirectoryName);
  summary.standardRuleCount += azure?.standardSynchronizationRules?.length ?? 0;
  return summary;
}

function addRules(
  summary: ConfigSummary,
  rules: readonly SyncRule[] | null | undefined,
  directory: string,
): void {
  for (const rule of rules ?? []) {
    const precedence = precedenceOf(rule);
    summary.customRules.push({
      name: rule.name ?? '(unnamed rule)',
      directory,
      ...(rule.direction === undefined || rule.direction === null
        ? {}
        : { direction: String(rule.direction) }),
      ...(precedence === undefined ? {} : { precedence }),
    });
  }
}

function precedenceOf(rule: SyncRule): number | undefined {
  const value = rule.precedence;
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

// Sign-in settings live outside the sync rules, whose attribute flows (pwdLastSet, ...) would be false hits.
const ruleLists: ReadonlySet<string> = new Set([
  'customSynchronizationRules',
  'standardSynchronizationRules',
]);
const signInWords: ReadonlySet<string> = new Set([
  'sso',
  'pta',
  'phs',
  'adfs',
  'password',
  'passwords',
  'passthrough',
  'seamless',
  'federation',
  'federated',
  'pingfederate',
  'signon',
  'signin',
]);
const signInWordPairs: ReadonlySet<string> = new Set([
  'sign on',
  'sign in',
  'pass through',
  'ping federate',
  'single sign',
]);

/** True when a key's words name a sign-in setting (camelCase and separators split into words). */
export function isSignInKey(key: string): boolean {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
  return words.some(
    (word, index) =>
      signInWords.has(word) || signInWordPairs.has(`${word} ${words[index + 1] ?? ''}`),
  );
}

function signInKeysOf(document: ConfigDocument): string[] {
  const found: string[] = [];
  const visit = (value: unknown, path: string): void => {
    if (isJsonArray(value)) {
      value.forEach((item, index) => {
        visit(item, `${path}[${index}]`);
      });
      return;
    }
    if (!isJsonRecord(value)) return;
    for (const [key, child] of Object.entries(value)) {
      if (ruleLists.has(key) || (path === '' && isPerInstallSection(key))) continue;
      const childPath = keyPath(path, key);
      if (isSignInKey(key)) found.push(childPath);
      visit(child, childPath);
    }
  };
  visit(document satisfies JsonRecord, '');
  return found;
}
