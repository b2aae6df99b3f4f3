import type { EvaluationContext } from '../evidence/evidence-item';
import type { DeletionThreshold } from '../evidence/deletion-threshold';
import { isEntraConnectorName } from '../evidence/entra-connector';
import type { PendingExports } from '../evidence/pending-exports';
import {
  lastRunsCommand,
  type RunProfileResults,
  type RunProfileRun,
} from '../evidence/run-profile-result';
import type { Finding } from '../judgment';
import { factKey, factNames, recordedBoolean, recordedNumber } from './recorded-facts';

/** Learn (how-to-connect-sync-feature-prevent-accidental-deletes): enabled by default at 500 objects. */
export const defaultDeletionThreshold = 500;

/** Turns accidental-delete prevention on at Learn's default; newer builds ask for the admin's UPN. */
const enableDeletionThreshold = `Enable-ADSyncExportDeletionThreshold -DeletionThreshold ${String(defaultDeletionThreshold)} -AADUserName <your admin UPN>`;

const reviewDeletes =
  'Open %TEMP%\\export.csv on the new server and look at the rows with OMODT Delete: a difference in domain or OU filtering, group filtering or sync rules between the two servers is the usual cause. Fix the new server (it stays in staging mode), run Start-ADSyncSyncCycle -PolicyType Initial and send the summary again. Do not disable the deletion threshold to get past this.';

/**
 * What the new server would export at cutover. Learn (how-to-connect-sync-staging-server, "Verify"):
 * "Verify the pending exports and confirm that there aren't significant updates, and such updates
 * are expected" before switching a staging server to active. Deletes above the threshold fail:
 * the first export would stop, or delete them once someone raises the threshold.
 */
export function pendingExportFindings(
  pending: PendingExports,
  context: EvaluationContext,
): Finding[] {
  const findings: Finding[] = [];
  if (pending.connector !== undefined && !isEntraConnectorName(pending.connector)) {
    findings.push({
      severity: 'warning',
      message: `The counts are for connector “${pending.connector}”, which is not the Microsoft Entra connector; what reaches the cloud is not shown.`,
      remediation:
        'Run the summary for the Microsoft Entra connector (its name ends in “- AAD”) and send it again.',
    });
  }
  const threshold = recordedThreshold(context);
  const removals = pending.deletes + pending.other;
  if (threshold.enabled && removals > threshold.count) {
    findings.push({
      severity: 'error',
      message: `${String(removals)} objects would be deleted${pending.other > 0 ? ' or replaced' : ''} in Microsoft Entra ID at the new server's first export, more than the deletion threshold of ${String(threshold.count)}: the export would stop (stopped-deletion-threshold-exceeded), and raising the threshold would delete them.`,
      remediation: reviewDeletes,
    });
  } else if (pending.deletes > 0) {
    findings.push({
      severity: 'warning',
      message: `${String(pending.deletes)} objects would be deleted in Microsoft Entra ID at the new server's first export.`,
      remediation: `Confirm that every one of them is expected. ${reviewDeletes}`,
    });
  }
  if (pending.other > 0 && removals <= threshold.count) {
    findings.push({
      severity: 'warning',
      message: `${String(pending.other)} objects have a pending change other than add, update or delete (a delete-add replaces the object in the cloud).`,
      remediation:
        'Look at those rows in %TEMP%\\export.csv and confirm each is expected before the cutover.',
    });
  }
  const changes = pending.adds + pending.updates;
  if (changes > 0) {
    findings.push({
      severity: 'warning',
      message: `${String(pending.adds)} objects would be added and ${String(pending.updates)} updated in Microsoft Entra ID at the first export.`,
      remediation:
        'Learn asks to confirm before the cutover that there are no significant updates and that those shown are expected: read the OMODT Add and Update rows of %TEMP%\\export.csv (AMODT names each attribute). Continue anyway once they are; otherwise fix the new configuration and send the summary again.',
    });
  }
  if (changes + removals === 0) {
    findings.push({
      severity: 'info',
      message:
        'Nothing is waiting to be exported to Microsoft Entra ID: the new server agrees with the cloud.',
    });
  }
  if (!threshold.enabled) {
    findings.push({
      severity: 'warning',
      message:
        'Accidental-delete prevention was recorded as off: nothing would stop a mass delete at the first export.',
      remediation: `Run ${enableDeletionThreshold} before the cutover.`,
    });
  }
  return findings;
}

/** The threshold as recorded from the servers' settings, else Learn's default. */
function recordedThreshold(context: EvaluationContext): { enabled: boolean; count: number } {
  const enabled =
    recordedBoolean(context, factKey('new', factNames.deletionThresholdEnabled)) ??
    recordedBoolean(context, factKey('old', factNames.deletionThresholdEnabled)) ??
    true;
  const count =
    recordedNumber(context, factKey('new', factNames.deletionThreshold)) ??
    recordedNumber(context, factKey('old', factNames.deletionThreshold)) ??
    defaultDeletionThreshold;
  return { enabled, count };
}

/**
 * The deletion threshold confirmed at cutover. Learn (how-to-connect-sync-staging-server): before
 * a staging server becomes active, "confirm that your Microsoft Entra Connect Sync Server is
 * configured to prevent accidental deletes". The threshold lives in Microsoft Entra ID, so either
 * server shows the tenant's value.
 */
export function deletionThresholdFindings(
  threshold: DeletionThreshold,
  context: EvaluationContext,
): Finding[] {
  if (!threshold.enabled) {
    return [
      {
        severity: 'error',
        message:
          'Accidental-delete prevention is off (DeletionPrevention 0): the new server’s first exports could delete any number of objects in Microsoft Entra ID.',
        remediation: `Run ${enableDeletionThreshold} (older builds: without -AADUserName), then send Get-ADSyncExportDeletionThreshold again.`,
      },
    ];
  }
  const count = threshold.count;
  const findings: Finding[] = [
    {
      severity: 'info',
      message:
        count === undefined
          ? 'Accidental-delete prevention is on.'
          : `Accidental-delete prevention is on: an export with more than ${String(count)} deletes is stopped.`,
    },
  ];
  const pendingDeletes = recordedNumber(context, factKey('new', factNames.pendingDeletes));
  if (count !== undefined && pendingDeletes !== undefined && pendingDeletes > count) {
    findings.push({
      severity: 'warning',
      message: `The staging check showed ${String(pendingDeletes)} pending deletes, more than this threshold of ${String(count)}: the first export will stop.`,
      remediation: reviewDeletes,
    });
  }
  return findings;
}

/**
 * The first export of the new active server. `Start-ADSyncSyncCycle` answering Success only means a
 * cycle was started; only the Export run of the Microsoft Entra connector shows what reached the
 * cloud. Its own finding (run-profile-findings) says how it ended; this adds what is missing.
 */
export function firstExportFindings(results: RunProfileResults): {
  findings: Finding[];
  undetermined: boolean;
} {
  const exports = results.runs.filter(isEntraExport);
  if (exports.length === 0) {
    return {
      findings: [
        {
          severity: 'warning',
          message:
            'No Export run of the Microsoft Entra connector is shown, so it is not known whether anything reached the cloud (Start-ADSyncSyncCycle returning Success only means a cycle was started).',
          remediation: `Wait until Get-ADSyncConnectorRunStatus returns nothing, then run ${lastRunsCommand} and send the output with the Export run of the “- AAD” connector.`,
        },
      ],
      undetermined: true,
    };
  }
  const stopped = exports.find((run) =>
    /^stopped-deletion-threshold-exceeded$/i.test(run.result ?? ''),
  );
  if (stopped === undefined) return { findings: [], undetermined: false };
  return {
    findings: [
      {
        severity: 'error',
        message:
          'The first export stopped at the deletion threshold: more objects were to be deleted in Microsoft Entra ID than the threshold allows, and nothing was exported.',
        remediation: `Put the new server back in staging mode if the deletes are not expected. ${reviewDeletes}`,
      },
    ],
    undetermined: false,
  };
}

function isEntraExport(run: RunProfileRun): boolean {
  return /^Export$/i.test(run.runProfile ?? '') && isEntraConnectorName(run.connector ?? '');
}
