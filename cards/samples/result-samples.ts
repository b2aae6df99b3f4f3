import type { ConfigDifference } from '../../migration/config/config-difference';
import type { Finding, Judgment } from '../../migration/judgment';
import type { SubmittedEvidence } from '../checkpoint-result-card';
import { hostileText, sampleOwner } from './sample-migration';

/** Evidence as the bot stores it: who, when, size and digest. */
export const pastedEvidence: SubmittedEvidence = {
  submittedBy: sampleOwner,
  submittedAt: '2026-10-14T13:42:00Z',
  sha256: '3f2a9c1d7b4e8f06a5d2c91b0e7f3a6d4c8b2e1f9a0d7c6b5e4f3a2b1c0d9e8f',
  bytes: 2174,
};

export const passJudgment: Judgment = {
  checkpoint: 'tls12',
  status: 'pass',
  findings: [],
  facts: {
    'TLS 1.2 client (SCHANNEL)': 'Enabled 1, DisabledByDefault 0',
    'TLS 1.2 server (SCHANNEL)': 'Enabled 1, DisabledByDefault 0',
    '.NET 4 SchUseStrongCrypto (64-bit)': 1,
    '.NET 4 SystemDefaultTlsVersions (64-bit)': 1,
    '.NET 4 SchUseStrongCrypto (32-bit)': 1,
    '.NET 4 SystemDefaultTlsVersions (32-bit)': 1,
    'Restart pending': false,
  },
};

export const warnJudgment: Judgment = {
  checkpoint: 'source-settings',
  status: 'warn',
  findings: [
    {
      severity: 'warning',
      message:
        'The sync interval is customised to 1 hour (CustomizedSyncCycleInterval 01:00:00); the default is 30 minutes.',
      remediation:
        'After the new server is installed, run Set-ADSyncScheduler -CustomizedSyncCycleInterval 01:00:00 on it, or keep the default.',
    },
    {
      severity: 'info',
      message: 'Password hash synchronization is on; seamless SSO is off.',
    },
  ],
  facts: {
    'Server configuration version': '1.6.16.0',
    'Staging mode': false,
    'Sync cycle enabled': true,
    'Sync interval': '01:00:00',
    'Deletion threshold': 500,
    'Password hash sync': true,
    'Password writeback': false,
    'Device writeback': false,
  },
};

export const failJudgment: Judgment = {
  checkpoint: 'staging-sync',
  status: 'fail',
  findings: [
    {
      severity: 'error',
      message:
        'The full synchronization on contoso.com ended with completed-sync-errors: 37 objects failed (sync-rule-error-function-triggered).',
      remediation:
        'Open Synchronization Service Manager on AADC-NEW01, select the run on contoso.com, fix the objects listed under Synchronization Errors, then run Start-ADSyncSyncCycle -PolicyType Initial again.',
    },
    {
      severity: 'error',
      message: '1,284 pending deletes to Microsoft Entra ID exceed the deletion threshold of 500.',
      remediation:
        'Compare the OU filtering with the export before going on: deletes usually mean an OU is missing on the new server. Do not disable the threshold.',
    },
    {
      severity: 'warning',
      message:
        'The export to Microsoft Entra ID was not run: the new server is in staging mode, as expected.',
    },
  ],
  facts: {
    'Run profile': 'Full Synchronization',
    'contoso.com result': 'completed-sync-errors',
    'Microsoft Entra ID result': 'success',
    'Pending adds': 12,
    'Pending updates': 3409,
    'Pending deletes': 1284,
    'Staging mode': true,
  },
};

export const unknownJudgment: Judgment = {
  checkpoint: 'target-install',
  status: 'unknown',
  findings: [
    {
      severity: 'error',
      message: 'I found no Get-ADSyncScheduler output and no version in what you sent.',
      remediation:
        'Run both commands on AADC-NEW01.contoso.com and paste the whole output, including the property names.',
    },
  ],
  facts: {},
};

function manyFindings(count: number): Finding[] {
  return Array.from({ length: count }, (_, index) => ({
    severity: index % 3 === 0 ? 'error' : index % 3 === 1 ? 'warning' : 'info',
    message: `Sync rule "In from AD - User Custom ${index + 1}" on contoso.com has a scoping filter on extensionAttribute${(index % 15) + 1} that differs from the export, and ${hostileText}. ${'The attribute flow for department, company and employeeId also differs. '.repeat(6)}`,
    remediation: `Open the Synchronization Rules Editor on AADC-NEW01, edit the rule, and set the scoping filter back to what the export has; ${'then run a full synchronization and check the pending exports again. '.repeat(6)}`,
  }));
}

/** The worst case: far more findings and facts than a card can hold, long texts, hostile text. */
export const worstJudgment: Judgment = {
  checkpoint: 'config-match',
  status: 'fail',
  findings: manyFindings(60),
  facts: Object.fromEntries(
    Array.from({ length: 40 }, (_, index) => [
      `Custom rule ${index + 1} ${hostileText}`,
      'precedence 100, direction Inbound, connector contoso.com; '.repeat(8),
    ]),
  ),
};

export const realisticDifferences: ConfigDifference[] = [
  {
    kind: 'removed',
    path: 'onpremisesDirectoryPolicy[contoso.com].partitionFilters[DC=contoso,DC=com].containerInclusions["OU=Sales,DC=contoso,DC=com"]',
    oldValue: 'OU=Sales,DC=contoso,DC=com',
    importance: 'critical',
    area: 'ou-filter',
  },
  {
    kind: 'changed',
    path: 'onpremisesDirectoryPolicy[contoso.com].customSynchronizationRules["In from AD - User Custom"].precedence',
    oldValue: 90,
    newValue: 100,
    importance: 'review',
    area: 'custom-rule',
  },
  {
    kind: 'changed',
    path: 'onpremisesDirectoryPolicy[contoso.com].customSynchronizationRules["In from AD - User Custom"].description',
    oldValue: 'Sets department from extensionAttribute3',
    newValue: 'Sets department',
    importance: 'cosmetic',
    area: 'custom-rule',
  },
  {
    kind: 'added',
    path: 'azureDirectoryPolicy.standardSynchronizationRules["Out to AAD - User Identity"]',
    newValue: 'Out to AAD - User Identity (2.5.79.0)',
    importance: 'expected',
    area: 'standard-rule',
  },
];

/** The worst case: hundreds of differences with long paths and values, some hostile. */
export const worstDifferences: ConfigDifference[] = Array.from({ length: 400 }, (_, index) => ({
  kind: index % 3 === 0 ? 'changed' : index % 3 === 1 ? 'added' : 'removed',
  path: `onpremisesDirectoryPolicy[fabrikam.contoso.com].customSynchronizationRules["In from AD - Group Custom ${index}"].attributeFlowMappings[${index}].expression ${hostileText}`,
  oldValue: `IIF(IsPresent([extensionAttribute${index % 15}]), [extensionAttribute${index % 15}], ${'"default-value-that-is-long" & '.repeat(10)}"x")`,
  newValue: `IIF(IsPresent([extensionAttribute${(index + 1) % 15}]), [extensionAttribute${(index + 1) % 15}], ${'"another-long-default-value" & '.repeat(10)}"y")`,
  importance:
    index % 4 === 0
      ? 'critical'
      : index % 4 === 1
        ? 'review'
        : index % 4 === 2
          ? 'cosmetic'
          : 'expected',
  area: index % 2 === 0 ? 'custom-rule' : 'setting',
}));
