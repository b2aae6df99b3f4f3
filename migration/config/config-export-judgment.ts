import type { EvaluationContext, EvidenceItem } from '../evidence/evidence-item';
import type { FactValue, Finding, Judgment } from '../judgment';
import {
  parseConfigDocument,
  type ConfigDocument,
  type ConfigDocumentKind,
} from './config-document';
import { azureADConnectVersionOf, hostNameOf, timeCreatedOf } from './config-metadata';
import { summarizeConfig, type ConfigSummary } from './config-summary';
import { howToExportOldSettings, notCarriedByExport, onDemandExportNote } from './export-guidance';
import { listFact } from './list-fact';

/** Judges the config-export checkpoint: a valid export (or MigratedPolicy.json) of the old server, summarised. */
export function judgeConfigExport(
  items: readonly EvidenceItem[],
  _context: EvaluationContext,
): Judgment {
  const [item, ...ignored] = items;
  if (item === undefined) {
    return {
      checkpoint: 'config-export',
      status: 'unknown',
      findings: [
        {
          severity: 'warning',
          message:
            "No configuration export was given: upload the old server's exported settings JSON.",
          remediation: howToExportOldSettings,
        },
      ],
      facts: {},
    };
  }
  const extra: Finding[] =
    ignored.length > 0
      ? [
          {
            severity: 'info',
            message: `Judged the first file${item.name === undefined ? '' : ` (${item.name})`}; the other ${ignored.length} file(s) were not used.`,
          },
        ]
      : [];
  const parsed = parseConfigDocument(item.text);
  if (parsed.kind === 'not-config') {
    return {
      checkpoint: 'config-export',
      status: 'fail',
      findings: [
        {
          severity: 'error',
          message: `${fileLabel(item)} is not a usable configuration export. ${parsed.reason}`,
          remediation: howToExportOldSettings,
        },
        ...extra,
      ],
      facts: { exportKind: 'not-config' },
    };
  }
  if (parsed.kind === 'migrated-policy') return judgeMigratedPolicy(parsed.document, item, extra);
  return judgeExport(parsed.document, item, extra);
}

function judgeExport(
  document: ConfigDocument,
  item: EvidenceItem,
  extra: readonly Finding[],
): Judgment {
  const summary = summarizeConfig(document);
  const findings: Finding[] = [...problemsOf(summary)];
  findings.push(signInFinding(summary), notCarriedByExport);
  if (item.name !== undefined && /^applied-/i.test(item.name.trim()))
    findings.push(onDemandExportNote);
  findings.push(...extra);
  const status = findings.some((finding) => finding.severity === 'error')
    ? 'fail'
    : findings.some((finding) => finding.severity === 'warning')
      ? 'warn'
      : 'pass';
  return {
    checkpoint: 'config-export',
    status,
    findings,
    facts: { ...metadataFacts(document, 'config-export', item), ...summaryFacts(summary) },
  };
}

function problemsOf(summary: ConfigSummary): Finding[] {
  const problems: Finding[] = [];
  if (summary.directories.length === 0) {
    problems.push({
      severity: 'error',
      message:
        'The export lists no on-premises directory (onpremisesDirectoryPolicy is empty), so it cannot reproduce a configured server.',
      remediation: `Export again from the configured old server. ${howToExportOldSettings}`,
    });
  }
  for (const directory of summary.directoriesWithoutPartitions) {
    problems.push({
      severity: 'warning',
      message: `No domain (partition) is selected for the directory "${directory}": nothing from it would be synchronised.`,
      remediation:
        'On the old server check Customize synchronization options > Domain and OU filtering in the Entra Connect wizard; if domains are selected there, export the settings again.',
    });
  }
  // Learn how-to-connect-import-export-config: a custom rule outside 0-99 "might result in your custom rule being shifted around".
  for (const rule of summary.customRules) {
    if (rule.precedence !== undefined && (rule.precedence < 0 || rule.precedence > 99)) {
      problems.push({
        severity: 'warning',
        message: `Custom sync rule "${rule.name}" (${rule.directory}) has precedence ${rule.precedence}, outside the range 0 to 99 reserved for custom rules: the import may move it among the standard rules.`,
        remediation:
          'Give it a precedence between 0 and 99 in the Synchronization Rules Editor on the old server and export again, or check its precedence on the new server after the import.',
      });
    }
  }
  return problems;
}

// Learn how-to-connect-import-export-config: the import preselects the sign-on options, but AD FS and
// PingFederate parameters (and credentials) are supplied again in the wizard.
function signInFinding(summary: ConfigSummary): Finding {
  const remediation =
    'Record the sign-in method, seamless SSO and the optional features at the sign-in-settings checkpoint and choose the same on the new server.';
  return summary.signInKeys.length === 0
    ? {
        severity: 'info',
        message:
          'No sign-in settings (sign-on method, SSO, password or federation keys) were recognised in this export.',
        remediation,
      }
    : {
        severity: 'info',
        message: `The export carries sign-in related keys (${listFact(summary.signInKeys, 5)}); the wizard preselects the sign-on method from them, but AD FS and PingFederate parameters and all credentials are asked again.`,
        remediation,
      };
}

// 03c: MigratedPolicy.json holds only policyMetadata and deploymentMetadata; the settings are the XML
// files Get-ADSyncServerConfiguration writes into the same Exported-ServerConfiguration-* folder.
function judgeMigratedPolicy(
  document: ConfigDocument,
  item: EvidenceItem,
  extra: readonly Finding[],
): Judgment {
  return {
    checkpoint: 'config-export',
    status: 'pass',
    findings: [
      {
        severity: 'info',
        message:
          'MigratedPolicy.json only names the exporting server and version; the settings themselves are the files next to it in the Exported-ServerConfiguration-* folder, so directories, OU filters and rules cannot be summarised here.',
        // Learn how-to-connect-import-export-config: "You must copy the entire Exported-ServerConfiguration-* folder to the new server."
        remediation:
          'Copy the entire Exported-ServerConfiguration-* folder to the new server and select MigratedPolicy.json in it under Customize > Import synchronization settings.',
      },
      notCarriedByExport,
      ...extra,
    ],
    facts: metadataFacts(document, 'migrated-policy', item),
  };
}

function metadataFacts(
  document: ConfigDocument,
  kind: ConfigDocumentKind,
  item: EvidenceItem,
): Record<string, FactValue> {
  return {
    exportKind: kind,
    exportFileName: item.name ?? null,
    azureADConnectVersion: azureADConnectVersionOf(document) ?? null,
    exportHostName: hostNameOf(document) ?? null,
    exportTimeCreated: timeCreatedOf(document) ?? null,
  };
}

function summaryFacts(summary: ConfigSummary): Record<string, FactValue> {
  return {
    directoryCount: summary.directories.length,
    directories: listFact(summary.directories),
    partitionCount: summary.partitions.length,
    partitions: listFact(summary.partitions),
    ouInclusionCount: summary.ouInclusionCount,
    ouExclusionCount: summary.ouExclusionCount,
    customRuleCount: summary.customRules.length,
    customRules: listFact(
      summary.customRules.map((rule) =>
        rule.direction === undefined ? rule.name : `${rule.name} (${rule.direction})`,
      ),
    ),
    standardRuleCount: summary.standardRuleCount,
    signInSettingsInExport: summary.signInKeys.length > 0,
    signInKeys: listFact(summary.signInKeys),
  };
}

function fileLabel(item: EvidenceItem): string {
  return item.name === undefined ? 'The file' : `"${item.name}"`;
}
