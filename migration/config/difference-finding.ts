import type { Finding, FindingSeverity } from '../judgment';
import type {
  ConfigArea,
  ConfigDifference,
  DifferenceImportance,
  DifferenceKind,
} from './config-difference';
import { isJsonArray, isJsonRecord, ownValue } from './json-value';

const areaLabels: Readonly<Record<ConfigArea, string>> = {
  directory: 'Directory (forest)',
  partition: 'Domain (partition)',
  'ou-filter': 'OU filter',
  'custom-rule': 'Custom sync rule',
  'standard-rule': 'Standard sync rule',
  setting: 'Setting',
};

const kindPhrases: Readonly<Record<DifferenceKind, string>> = {
  removed: 'missing on the new server',
  added: 'only on the new server',
  changed: 'differs',
};

const severities: Readonly<Record<DifferenceImportance, FindingSeverity>> = {
  critical: 'error',
  review: 'warning',
  cosmetic: 'warning',
  expected: 'info',
};

// Learn how-to-connect-sync-staging-server: after configuration changes "run an initial sync cycle".
const thenSync =
  'then run Start-ADSyncSyncCycle -PolicyType Initial on the new server, export its settings again and send the new file';

// Learn how-to-connect-import-export-config: the import reproduces the old settings on a fresh install.
const reimport =
  'or reinstall the new server with Customize > Import synchronization settings and the old export';

/** The finding an admin sees for one difference: where, both values, and what to do. */
export function findingForDifference(difference: ConfigDifference): Finding {
  const message = `${areaLabels[difference.area]} ${kindPhrases[difference.kind]}: ${difference.path} (old: ${describeValue(difference.oldValue)}; new: ${describeValue(difference.newValue)}).`;
  return {
    severity: severities[difference.importance],
    message,
    remediation: remediationFor(difference),
  };
}

function remediationFor(difference: ConfigDifference): string {
  if (difference.importance === 'cosmetic') {
    return 'Optional: this text does not change what is synchronised. Align it in the Synchronization Rules Editor (rules) or the Entra Connect wizard (directory names) if you want identical exports.';
  }
  switch (difference.area) {
    case 'directory':
      // Learn how-to-connect-import-export-config: during import "you can't add or remove directories".
      return `Make the new server connect exactly the old server's directories: in the Entra Connect wizard choose Customize synchronization options > Connect your directories, ${reimport}; ${thenSync}.`;
    case 'partition':
    case 'ou-filter':
      return `In the Entra Connect wizard on the new server choose Customize synchronization options > Domain and OU filtering and select the same domains and OUs as on the old server, ${reimport}; ${thenSync}.`;
    case 'custom-rule':
      return `${customRuleAction(difference.kind)} ${reimport}; ${thenSync}.`;
    case 'standard-rule':
      // Learn how-to-connect-import-export-config: "Modifying a standard rule is discouraged".
      return difference.importance === 'expected'
        ? 'No action: each Entra Connect version ships its own standard rules.'
        : `Standard rules come with the installed version. If this rule was changed or disabled on the old server, make the same change in the Synchronization Rules Editor on the new server; ${thenSync}.`;
    case 'setting':
      return difference.importance === 'expected'
        ? 'No action: the newer version writes this setting.'
        : `Check this setting in the Entra Connect wizard on the new server and make it match the old server, ${reimport}; ${thenSync}.`;
  }
}

// Learn how-to-connect-import-export-config: custom rule precedence belongs in the reserved range 0 to 99.
function customRuleAction(kind: DifferenceKind): string {
  switch (kind) {
    case 'removed':
      return 'Recreate the rule in the Synchronization Rules Editor on the new server with the same settings as on the old server (precedence between 0 and 99),';
    case 'added':
      return 'The old server has no such rule: unless it was added on purpose, delete it in the Synchronization Rules Editor on the new server,';
    case 'changed':
      return 'Edit the rule in the Synchronization Rules Editor on the new server so that this value matches the old server,';
  }
}

const maxShown = 160;
const describedFields = [
  'name',
  'fullyQualifiedDomainName',
  'friendlyName',
  'distinguishedName',
  'destination',
  'attribute',
] as const;

/** A value as a finding shows it: short, without dumping a whole rule or directory. */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null) return 'none';
  if (typeof value === 'string') return shorten(JSON.stringify(value));
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isJsonArray(value)) {
    const small = value.length <= 10 && value.every((item) => typeof item !== 'object');
    return small ? shorten(JSON.stringify(value)) : `${value.length} entries`;
  }
  if (isJsonRecord(value)) {
    for (const field of describedFields) {
      const label = ownValue(value, field);
      if (typeof label === 'string') return `${field} ${shorten(JSON.stringify(label))}`;
    }
    return `an object with ${Object.keys(value).length} fields`;
  }
  return 'none';
}

function shorten(text: string): string {
  return text.length <= maxShown ? text : `${text.slice(0, maxShown - 1)}…`;
}
