import type { EvaluationContext, EvidenceItem } from '../evidence/evidence-item';
import type { FactValue, Finding, Judgment, JudgmentStatus } from '../judgment';
import type { ConfigDifference, DifferenceImportance, DifferenceKind } from './config-difference';
import { diffConfigurations } from './config-diff';
import {
  parseConfigDocument,
  type ConfigDocument,
  type ConfigDocumentParse,
} from './config-document';
import { azureADConnectVersionOf, hostNameOf, timeCreatedOf } from './config-metadata';
import { findingForDifference } from './difference-finding';
import { howToExportOldSettings, howToGetNewSettings, notCarriedByExport } from './export-guidance';

/** How many differences are listed one by one; the counts are in the facts. */
const listedDifferences = 12;

/** Judges the config-match checkpoint: items[0] is the old server's export, items[1] the new server's applied settings. */
export function judgeConfigMatch(
  items: readonly EvidenceItem[],
  _context: EvaluationContext,
): Judgment {
  const [oldItem, newItem] = items;
  if (oldItem === undefined || newItem === undefined) return missingEvidence(oldItem === undefined);
  const oldParse = parseConfigDocument(oldItem.text);
  const newParse = parseConfigDocument(newItem.text);
  const unusable = [
    unusableFinding(oldParse, oldItem, "The old server's export"),
    unusableFinding(newParse, newItem, "The new server's applied settings"),
  ].filter((finding) => finding !== undefined);
  if (oldParse.kind === 'not-config' || newParse.kind === 'not-config' || unusable.length > 0) {
    return { checkpoint: 'config-match', status: 'fail', findings: unusable, facts: {} };
  }
  const oldDoc = oldParse.document;
  const newDoc = newParse.document;
  if (oldParse.kind === 'migrated-policy') return migratedPolicyJudgment(oldDoc, newDoc);
  const differences = diffConfigurations(oldDoc, newDoc);
  const findings = [...sameServerFindings(oldDoc, newDoc), ...differenceFindings(differences)];
  findings.push(notCarriedByExport);
  return {
    checkpoint: 'config-match',
    status: statusOf(findings),
    findings,
    facts: { ...versionFacts(oldDoc, newDoc), ...countFacts(differences) },
  };
}

function missingEvidence(oldMissing: boolean): Judgment {
  const finding: Finding = oldMissing
    ? {
        severity: 'warning',
        message:
          "Two files are needed: the old server's exported settings and the new server's applied settings.",
        remediation: `${howToExportOldSettings} Then: ${howToGetNewSettings}`,
      }
    : {
        severity: 'warning',
        message:
          "Only the old server's export was given: the new server's applied settings are needed to compare.",
        remediation: howToGetNewSettings,
      };
  return { checkpoint: 'config-match', status: 'unknown', findings: [finding], facts: {} };
}

function unusableFinding(
  parse: ConfigDocumentParse,
  item: EvidenceItem,
  role: string,
): Finding | undefined {
  const name = item.name === undefined ? '' : ` (${item.name})`;
  if (parse.kind === 'not-config') {
    return {
      severity: 'error',
      message: `${role}${name} is not a usable settings file. ${parse.reason}`,
      remediation: role.startsWith('The old') ? howToExportOldSettings : howToGetNewSettings,
    };
  }
  if (parse.kind === 'migrated-policy' && role.startsWith('The new')) {
    return {
      severity: 'error',
      message: `${role}${name} is a MigratedPolicy.json, which only the old server's MigrateSettings.ps1 writes; the new server's settings are in Applied-SynchronizationPolicy-*.json.`,
      remediation: howToGetNewSettings,
    };
  }
  return undefined;
}

// 03c: MigratedPolicy.json has no directories or rules in JSON, only metadata; the settings are the
// XML files of the Exported-ServerConfiguration-* folder, so they cannot be compared here.
function migratedPolicyJudgment(oldDoc: ConfigDocument, newDoc: ConfigDocument): Judgment {
  return {
    checkpoint: 'config-match',
    status: 'warn',
    findings: [
      {
        severity: 'warning',
        message:
          "The old server's settings came from MigrateSettings.ps1 (MigratedPolicy.json), which holds no directories, OU filters or rules in JSON, so the new server's settings cannot be compared automatically.",
        // Learn how-to-connect-import-export-config: "Comparing the settings for the original server to a newly created server quickly visualizes the changes".
        remediation:
          "Compare by hand: on both servers check the directories and Domain and OU filtering in the Entra Connect wizard, and the custom rules in the Synchronization Rules Editor (or compare the XML files of the Exported-ServerConfiguration-* folder with the new server's Applied-SynchronizationPolicy-*.json side by side).",
      },
      notCarriedByExport,
    ],
    facts: versionFacts(oldDoc, newDoc),
  };
}

// The new server's file written on the old server means the same export was sent twice.
function sameServerFindings(oldDoc: ConfigDocument, newDoc: ConfigDocument): Finding[] {
  const oldHost = hostNameOf(oldDoc);
  const newHost = hostNameOf(newDoc);
  const sameHost = oldHost !== undefined && oldHost.toLowerCase() === newHost?.toLowerCase();
  const oldTime = timeCreatedOf(oldDoc);
  const sameFile = !sameHost && oldTime !== undefined && oldTime === timeCreatedOf(newDoc);
  if (!sameHost && !sameFile) return [];
  return [
    {
      severity: 'warning',
      message: sameHost
        ? `Both files were written on the same server (${oldHost}): the second file must come from the new server.`
        : `Both files carry the same time stamp (${oldTime ?? ''}): the same export may have been sent twice.`,
      remediation: howToGetNewSettings,
    },
  ];
}

function differenceFindings(differences: readonly ConfigDifference[]): Finding[] {
  const unexpected = differences.filter((difference) => difference.importance !== 'expected');
  const expected = differences.length - unexpected.length;
  const findings = unexpected.slice(0, listedDifferences).map(findingForDifference);
  const unlisted = unexpected.slice(listedDifferences);
  const [firstUnlisted] = unlisted;
  if (firstUnlisted !== undefined) {
    findings.push({
      ...findingForDifference(firstUnlisted),
      message: `${unlisted.length} more differences are not listed (the counts are in the facts); the next is: ${findingForDifference(firstUnlisted).message}`,
    });
  }
  if (expected > 0) {
    findings.push({
      severity: 'info',
      message: `${expected} difference(s) in standard sync rules or new settings come from the different Entra Connect versions and are expected.`,
    });
  }
  if (unexpected.length === 0) {
    findings.push({
      severity: 'info',
      message:
        "No unexpected difference: the directories, domains, OU filters and custom sync rules of the new server match the old server's export.",
    });
  }
  return findings;
}

function statusOf(findings: readonly Finding[]): JudgmentStatus {
  if (findings.some((finding) => finding.severity === 'error')) return 'fail';
  if (findings.some((finding) => finding.severity === 'warning')) return 'warn';
  return 'pass';
}

function versionFacts(oldDoc: ConfigDocument, newDoc: ConfigDocument): Record<string, FactValue> {
  return {
    oldAzureADConnectVersion: azureADConnectVersionOf(oldDoc) ?? null,
    newAzureADConnectVersion: azureADConnectVersionOf(newDoc) ?? null,
    oldHostName: hostNameOf(oldDoc) ?? null,
    newHostName: hostNameOf(newDoc) ?? null,
  };
}

function countFacts(differences: readonly ConfigDifference[]): Record<string, FactValue> {
  const byKind: Record<DifferenceKind, number> = { added: 0, removed: 0, changed: 0 };
  const byImportance: Record<DifferenceImportance, number> = {
    critical: 0,
    review: 0,
    cosmetic: 0,
    expected: 0,
  };
  for (const difference of differences) {
    byKind[difference.kind] += 1;
    byImportance[difference.importance] += 1;
  }
  return {
    differencesTotal: differences.length,
    differencesAdded: byKind.added,
    differencesRemoved: byKind.removed,
    differencesChanged: byKind.changed,
    criticalDifferences: byImportance.critical,
    reviewDifferences: byImportance.review,
    cosmeticDifferences: byImportance.cosmetic,
    expectedDifferences: byImportance.expected,
  };
}
