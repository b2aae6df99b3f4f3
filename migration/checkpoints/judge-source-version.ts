import { azureADConnectVersionOf, parseConfigDocument } from '../config';
import type { EvaluationContext, EvidenceItem } from '../evidence/evidence-item';
import { findEvidence, looksLikeJsonDocument } from '../evidence/text-evidence';
import type { Finding, Judgment } from '../judgment';
import { assessConnectVersion, configExportMinimum } from '../version-policy';
import { missingEvidenceJudgment } from './evidence-requests';
import { judgmentFrom } from './judgment-from-findings';
import { factKey, factNames } from './recorded-facts';
import {
  applicationAuthenticationTargetMessage,
  enforcedMinimumMessage,
  supportFindings,
} from './version-findings';

/** Learn: how-to-connect-import-export-config ("Migrate settings from an existing server"). */
export const migrateSettingsSteps =
  'Start AzureADConnect.msi on the new server and stop at the Welcome page. Copy MigrateSettings.ps1 from C:\\Program Files\\Microsoft Azure Active Directory Connect\\Tools on the new server to the old server (for example C:\\setup) and run .\\MigrateSettings.ps1 there. Copy the whole Exported-ServerConfiguration-* folder it names to the new server; in the wizard choose Customize > Import synchronization settings and select MigratedPolicy.json. If the script stops with "A positional parameter cannot be found that accepts argument \'True\'", remove $true from the Get-ADSyncServerConfiguration line of the script and run it again.';

/** Judges source-version: the old server's version decides how its configuration can be exported. */
export function judgeSourceVersion(
  items: readonly EvidenceItem[],
  context: EvaluationContext,
): Judgment {
  const read = oldServerVersion(items);
  if (read === undefined) {
    return missingEvidenceJudgment('source-version', [
      'version',
      'global-settings',
      'migrated-policy',
    ]);
  }
  const assessment = assessConnectVersion(read.version, context.today);
  const findings: Finding[] = [
    {
      severity: 'info',
      message: `The old server runs Entra Connect ${read.version} (read from ${read.source}).`,
    },
  ];
  if (assessment.configExport === 'migrate-settings') {
    // Learn: reference-connect-version-history-archive: the JSON export arrived in 1.5.42.0.
    findings.push({
      severity: 'warning',
      message: `${read.version} is older than ${configExportMinimum}, which has no "View or export current configuration" JSON export: migrate the settings with MigrateSettings.ps1 instead.`,
      remediation: migrateSettingsSteps,
    });
  } else {
    findings.push({
      severity: 'info',
      message: `${read.version} can export its configuration as JSON.`,
      remediation:
        'On the old server open Microsoft Entra Connect > View or export current configuration > Export settings, and upload the JSON file at the config-export checkpoint.',
    });
  }
  findings.push(
    ...supportFindings(assessment, { retired: 'warning', unsupported: 'warning' }, 'old'),
  );
  if (!assessment.meetsEnforcedMinimum && assessment.support.kind !== 'v1') {
    findings.push({
      severity: 'warning',
      message: `${enforcedMinimumMessage(assessment)} Changes made on-premises do not reach Microsoft Entra ID until the new server is active.`,
      remediation: 'Keep this migration moving: the new server must run 2.5.79.0 or later.',
    });
  }
  if (assessment.meetsEnforcedMinimum && !assessment.meetsApplicationAuthenticationTarget) {
    // The old server only has to keep syncing until the cutover: a note before the deadline, a warning after it.
    findings.push(
      assessment.applicationAuthenticationTargetPassed
        ? {
            severity: 'warning',
            message: `${applicationAuthenticationTargetMessage(assessment)} Changes made on-premises do not reach Microsoft Entra ID until the new server is active.`,
            remediation: 'Keep this migration moving: the new server must run 2.6.84.0 or later.',
          }
        : {
            severity: 'info',
            message: `${applicationAuthenticationTargetMessage(assessment)} Finish the migration before then; the new server is installed with a current version.`,
          },
    );
  }
  return judgmentFrom({
    checkpoint: 'source-version',
    findings,
    facts: {
      [factKey('old', factNames.version)]: read.version,
      [factKey('old', factNames.configExport)]: assessment.configExport,
    },
  });
}

/** The version from global settings, version text or MigratedPolicy.json, preferring what the server itself reports. */
function oldServerVersion(
  items: readonly EvidenceItem[],
): { version: string; source: string } | undefined {
  const settings = findEvidence(items, 'global-settings')?.value.version;
  if (settings !== undefined) return { version: settings, source: 'the global settings' };
  const text = findEvidence(items, 'version')?.value.version;
  if (text !== undefined) return { version: text, source: 'the version text' };
  for (const item of items) {
    if (!looksLikeJsonDocument(item.text)) continue;
    const document = parseConfigDocument(item.text);
    if (document.kind === 'not-config') continue;
    const version = azureADConnectVersionOf(document.document);
    if (version !== undefined) return { version, source: 'policyMetadata.azureADConnectVersion' };
  }
  return undefined;
}
