import type { EvaluationContext, EvidenceItem } from '../evidence/evidence-item';
import { globalSettingNames, type GlobalSettings } from '../evidence/global-settings';
import type { SchedulerSettings } from '../evidence/scheduler-output';
import { findEvidence } from '../evidence/text-evidence';
import type { Finding, Judgment } from '../judgment';
import { optionalFeatures } from '../optional-features';
import { signInMethodLabels } from '../sign-in-answers';
import { incompleteEvidenceFinding, missingEvidenceJudgment } from './evidence-requests';
import { judgmentFrom } from './judgment-from-findings';
import { schedulerHealthFindings } from './scheduler-health';
import { globalSettingsFacts, schedulerFacts } from './settings-facts';

/** Judges source-settings: records what the new server must reproduce; the old server must be the active one. */
export function judgeSourceSettings(
  items: readonly EvidenceItem[],
  context: EvaluationContext,
): Judgment {
  const settings = findEvidence(items, 'global-settings');
  if (settings === undefined) {
    return missingEvidenceJudgment('source-settings', ['global-settings']);
  }
  const scheduler = findEvidence(items, 'scheduler')?.value;
  const findings: Finding[] = [];
  const staging = scheduler?.stagingModeEnabled ?? settings.value.stagingModeEnabled;
  if (staging === undefined) {
    findings.push(incompleteEvidenceFinding('global-settings', [globalSettingNames.stagingMode]));
  } else if (staging) {
    findings.push({
      severity: 'error',
      message:
        'This server is in staging mode (StagingModeEnabled : True), so it is not the server that exports to Microsoft Entra ID: the settings to reproduce must come from the active server.',
      remediation:
        'Run the commands on the active Entra Connect server (the one whose Get-ADSyncScheduler shows StagingModeEnabled : False) and send that output. If no server is active, synchronization is stopped: find out why before migrating.',
    });
  }
  if (
    scheduler?.stagingModeEnabled !== undefined &&
    settings.value.stagingModeEnabled !== undefined &&
    scheduler.stagingModeEnabled !== settings.value.stagingModeEnabled
  ) {
    findings.push({
      severity: 'warning',
      message:
        'Get-ADSyncScheduler and the global settings disagree about staging mode: they may come from different servers or different times.',
      remediation:
        'Run both commands again on the old server, one right after the other, and send both outputs.',
    });
  }
  findings.push(...reproductionFindings(settings.value, scheduler));
  if (scheduler !== undefined) {
    findings.push(...schedulerHealthFindings(scheduler, context.today, { expectRunning: false }));
  }
  return judgmentFrom({
    checkpoint: 'source-settings',
    findings,
    facts: {
      ...globalSettingsFacts('old', settings.value),
      ...(scheduler === undefined ? {} : schedulerFacts('old', scheduler)),
    },
    undetermined: staging === undefined,
  });
}

/** What the new server must reproduce, and what the import will not carry over by itself. */
function reproductionFindings(
  settings: GlobalSettings,
  scheduler: SchedulerSettings | undefined,
): Finding[] {
  const findings: Finding[] = [recordedSummary(settings)];
  if (settings.signOnMethodValue !== undefined && settings.signInMethod === undefined) {
    findings.push({
      severity: 'warning',
      message: `The sign-on method "${settings.signOnMethodValue}" is not one the evaluator recognises.`,
      remediation:
        'On the old server open Microsoft Entra Connect > Change user sign-in, note the selected option and give it in the sign-in form.',
    });
  }
  if (settings.signInMethod === 'adfs' || settings.signInMethod === 'pingfederate') {
    // Learn: how-to-connect-import-export-config: federation parameters must be supplied interactively.
    findings.push({
      severity: 'info',
      message: `The old server uses ${signInMethodLabels[settings.signInMethod]}: the import preselects it, but every federation parameter and credential is asked again on the new server.`,
    });
  }
  if (settings.deletionThresholdEnabled === false) {
    // Learn: how-to-connect-sync-staging-server ("Switch active server" prerequisites): prevent accidental deletes.
    findings.push({
      severity: 'warning',
      message:
        'Accidental-delete prevention is off (ExportDeletionThreshold False): a mistake at cutover could delete many objects in Microsoft Entra ID.',
      remediation:
        'Run Enable-ADSyncExportDeletionThreshold -DeletionThreshold 500 on the active server.',
    });
  }
  if (settings.features.deviceWriteback === true) {
    // Learn: how-to-connect-import-export-config: device writeback settings are cataloged, not applied.
    findings.push({
      severity: 'info',
      message:
        'Device writeback is on: the import does not apply it, so it must be configured again on the new server.',
      remediation:
        'After installing the new server run Microsoft Entra Connect > Configure device options > Configure device writeback with the same forest and container.',
    });
  }
  if (scheduler?.customizedSyncCycleInterval != null) {
    // Learn: how-to-connect-sync-feature-scheduler: the scheduler configuration is stored in Microsoft Entra ID.
    findings.push({
      severity: 'info',
      message: `The sync interval is customised to ${scheduler.customizedSyncCycleInterval}; the scheduler configuration is stored in Microsoft Entra ID, so the new server uses it too.`,
    });
  }
  if (settings.truncated.length > 0) {
    findings.push({
      severity: 'info',
      message: `Format-Table cut these values short with "...": ${settings.truncated.join(', ')}.`,
      remediation: `To record them in full run (Get-ADSyncGlobalSettings).Parameters | Where-Object Name -in '${settings.truncated.join("','")}' | Format-List Name,Value and send the output.`,
    });
  }
  return findings;
}

function recordedSummary(settings: GlobalSettings): Finding {
  const method =
    settings.signInMethod === undefined
      ? (settings.signOnMethodValue ?? 'not shown')
      : signInMethodLabels[settings.signInMethod];
  const features = optionalFeatures
    .filter((feature) => settings.features[feature.key] === true)
    .map((feature) => feature.label);
  const threshold =
    settings.deletionThresholdEnabled === true
      ? `on (${settings.deletionThreshold ?? '?'} objects)`
      : settings.deletionThresholdEnabled === false
        ? 'off'
        : 'not shown';
  return {
    severity: 'info',
    message: `Recorded for the new server: sign-on method ${method}; seamless SSO ${flagText(settings.seamlessSso)}; optional features ${features.length === 0 ? 'none' : features.join(', ')}; deletion threshold ${threshold}; sync interval ${settings.syncInterval ?? 'not shown'}.`,
  };
}

function flagText(flag: boolean | undefined): string {
  return flag === undefined ? 'not shown' : flag ? 'on' : 'off';
}
