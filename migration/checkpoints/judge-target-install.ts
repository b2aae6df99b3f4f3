import { formatCalendarDate } from '../calendar-date';
import type { EntraConnectorCredential } from '../evidence/entra-connector-credential';
import type { EvaluationContext, EvidenceItem } from '../evidence/evidence-item';
import { findEvidence } from '../evidence/text-evidence';
import type { Finding, Judgment } from '../judgment';
import {
  applicationAuthenticationTarget,
  applicationAuthenticationTargetPassedOn,
  assessConnectVersion,
  enforcedMinimum,
} from '../version-policy';
import { incompleteEvidenceFinding, missingEvidenceFinding } from './evidence-requests';
import { judgmentFrom } from './judgment-from-findings';
import { onlyOneActiveFindings } from './only-one-active';
import { factKey, factNames, recordedString } from './recorded-facts';
import { globalSettingsFacts, schedulerFacts } from './settings-facts';
import { expectedProfile, profileDifferences, profileOfSettings } from './sign-in-profile';
import {
  applicationAuthenticationTargetMessage,
  enforcedMinimumMessage,
  installNewestRelease,
  supportFindings,
} from './version-findings';

/**
 * Judges target-install: V2 at or above the enforced minimum and, by 7 April 2027, 2.6.84.0 with
 * application-based authentication; in staging mode; reproducing the old server.
 */
export function judgeTargetInstall(
  items: readonly EvidenceItem[],
  context: EvaluationContext,
): Judgment {
  const settings = findEvidence(items, 'global-settings')?.value;
  const scheduler = findEvidence(items, 'scheduler')?.value;
  const version = settings?.version ?? findEvidence(items, 'version')?.value.version;
  const staging = scheduler?.stagingModeEnabled ?? settings?.stagingModeEnabled;
  const credential = findEvidence(items, 'entra-connector-credential')?.value;
  const findings: Finding[] = [];
  if (version === undefined) {
    findings.push(
      missingEvidenceFinding(['global-settings', 'version'], 'for the installed version'),
    );
  } else {
    findings.push(...versionFindings(version, context));
  }
  if (staging === undefined) {
    findings.push(missingEvidenceFinding(['scheduler', 'global-settings'], 'for staging mode'));
  } else if (staging) {
    findings.push({
      severity: 'info',
      message:
        'The new server is in staging mode: it imports and synchronises but exports nothing.',
    });
    if (scheduler?.syncCycleEnabled === false) {
      // Learn: how-to-connect-sync-staging-server: before switching, the staging server's scheduler must be enabled.
      findings.push({
        severity: 'info',
        message:
          'The sync cycle is disabled on the new server; before the cutover it must be enabled and have synchronised recently.',
        remediation:
          'When the staging verification is done, run Set-ADSyncScheduler -SyncCycleEnabled $true.',
      });
    }
  }
  findings.push(...credentialFindings(credential, context));
  findings.push(...onlyOneActiveFindings('new', 'staging', staging, context));
  if (settings !== undefined) findings.push(...reproductionFindings(settings, context));
  return judgmentFrom({
    checkpoint: 'target-install',
    findings,
    facts: {
      ...(settings === undefined ? {} : globalSettingsFacts('new', settings)),
      ...(scheduler === undefined ? {} : schedulerFacts('new', scheduler)),
      ...(version === undefined ? {} : { [factKey('new', factNames.version)]: version }),
      ...(credential?.identityType === undefined
        ? {}
        : { [factKey('new', factNames.connectorIdentityType)]: credential.identityType }),
    },
    undetermined: version === undefined || staging === undefined,
  });
}

function versionFindings(version: string, context: EvaluationContext): Finding[] {
  const assessment = assessConnectVersion(version, context.today);
  const findings: Finding[] = [];
  if (!assessment.meetsEnforcedMinimum) {
    findings.push({
      severity: 'error',
      message: `${enforcedMinimumMessage(assessment)} The new server must run ${enforcedMinimum.version} or later.`,
      remediation: installNewestRelease(assessment.newestRelease),
    });
  }
  if (assessment.meetsEnforcedMinimum && !assessment.meetsApplicationAuthenticationTarget) {
    findings.push({
      severity: assessment.applicationAuthenticationTargetPassed ? 'error' : 'warning',
      message: applicationAuthenticationTargetMessage(assessment),
      remediation: `${installNewestRelease(assessment.newestRelease)} Keep staging mode on during the upgrade.`,
    });
  }
  // A V1 build is below the minimum already; its own finding would repeat the failure.
  if (assessment.support.kind !== 'v1') {
    findings.push(...supportFindings(assessment, { retired: 'warning', unsupported: 'error' }));
  }
  if (assessment.tls12RequiredBeforeInstall) {
    findings.push({
      severity: 'info',
      message: `${version} needs TLS 1.2 enforced before installation (Learn: TLS 1.2 enforcement for Microsoft Entra Connect): complete the tls12 checkpoint.`,
    });
  }
  return findings;
}

/**
 * Learn: authenticate-application-id: ConnectorIdentityType is Application or ServiceAccount; "New
 * installations ... are configured for application-based authentication during setup. Microsoft
 * Entra Connect doesn't automatically switch existing servers".
 */
function credentialFindings(
  credential: EntraConnectorCredential | undefined,
  context: EvaluationContext,
): Finding[] {
  const by = formatCalendarDate(applicationAuthenticationTarget.by);
  if (credential === undefined) {
    return [
      {
        ...missingEvidenceFinding(
          ['entra-connector-credential'],
          'to confirm application-based authentication',
        ),
        message: `No Get-ADSyncEntraConnectorCredential output was found: without it the bot cannot confirm that the Microsoft Entra connector uses application-based authentication, which Learn requires by ${by}.`,
      },
    ];
  }
  if (credential.identityType === undefined) {
    return [incompleteEvidenceFinding('entra-connector-credential', ['ConnectorIdentityType'])];
  }
  switch (credential.identityType) {
    case 'Application':
      return [
        {
          severity: 'info',
          message: `The Microsoft Entra connector uses application-based authentication (ConnectorIdentityType Application${credential.applicationId === undefined ? '' : `, application ID ${credential.applicationId}`}).`,
        },
      ];
    case 'ServiceAccount': {
      const passed = applicationAuthenticationTargetPassedOn(context.today);
      return [
        {
          severity: passed ? 'error' : 'warning',
          message: `The Microsoft Entra connector signs in with a directory synchronization account (ConnectorIdentityType ServiceAccount${credential.serviceAccount === undefined ? '' : `, ${credential.serviceAccount}`}): legacy authentication is being retired, and ${passed ? `since ${by}` : `after ${by}`} synchronization services stop without application-based authentication.`,
          remediation:
            'New installations are set up for application-based authentication, but a server is not switched automatically: switch it with the steps in the Manual section of Learn\'s "Authenticate to Microsoft Entra ID by using application identity" (authenticate-application-id), then run Get-ADSyncEntraConnectorCredential again and paste the output.',
        },
      ];
    }
  }
}

/** Where the new server's settings differ from what the old server recorded. */
function reproductionFindings(
  settings: Parameters<typeof profileOfSettings>[0],
  context: EvaluationContext,
): Finding[] {
  const findings: Finding[] = [];
  const expected = expectedProfile(context);
  if (expected !== undefined) {
    for (const difference of profileDifferences(expected, profileOfSettings(settings))) {
      findings.push({
        severity: 'warning',
        message: `${difference.choice} is ${difference.actual} on the new server but ${difference.expected} on the old one.`,
        remediation:
          'Run Microsoft Entra Connect on the new server (Change user sign-in, or Customize synchronization options for the optional features) and choose what the old server uses, keeping staging mode on.',
      });
    }
  }
  const oldAnchor = recordedString(context, factKey('old', factNames.anchorAttribute));
  if (
    oldAnchor !== undefined &&
    settings.anchorAttribute !== undefined &&
    oldAnchor.toLowerCase() !== settings.anchorAttribute.toLowerCase()
  ) {
    // Learn: how-to-connect-sync-staging-server ("Rebuild when needed"): sourceAnchor joins on-premises and cloud objects.
    findings.push({
      severity: 'error',
      message: `The sourceAnchor attribute differs: ${settings.anchorAttribute} on the new server, ${oldAnchor} on the old one. Objects would not join their cloud counterparts.`,
      remediation:
        "Uninstall Entra Connect on the new server and install it again with Customize > Import synchronization settings, using the old server's export, so it uses the same sourceAnchor.",
    });
  }
  return findings;
}
