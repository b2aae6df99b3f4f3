import type { EvaluationContext, EvidenceItem } from '../evidence/evidence-item';
import { findEvidence } from '../evidence/text-evidence';
import type { Finding, Judgment } from '../judgment';
import { missingEvidenceFinding, missingEvidenceJudgment } from './evidence-requests';
import { pendingExportFindings } from './export-gate-findings';
import { judgmentFrom } from './judgment-from-findings';
import { onlyOneActiveFindings } from './only-one-active';
import { definedFacts, factKey, factNames, recordedBoolean } from './recorded-facts';
import { runProfileFindings } from './run-profile-findings';
import { syncCycleFindings } from './sync-cycle-findings';

/**
 * Judges staging-sync: a full sync cycle started and finished cleanly on the staging server, and
 * what it would export at cutover was reviewed (deletes above the threshold fail; any pending
 * change warns, so going on is an explicit, audited decision).
 */
export function judgeStagingSync(
  items: readonly EvidenceItem[],
  context: EvaluationContext,
): Judgment {
  const result = findEvidence(items, 'sync-cycle-result')?.value;
  const status = findEvidence(items, 'connector-run-status')?.value;
  const runs = findEvidence(items, 'run-profile-result')?.value;
  const pending = findEvidence(items, 'pending-exports')?.value;
  if (result === undefined && status === undefined && runs === undefined && pending === undefined) {
    return missingEvidenceJudgment('staging-sync', [
      'sync-cycle-result',
      'connector-run-status',
      'run-profile-result',
    ]);
  }
  const findings: Finding[] = [];
  let undetermined = false;
  const runsReading = runs === undefined ? undefined : runProfileFindings(runs);
  if (result === undefined) {
    findings.push({
      severity: 'warning',
      message:
        'No Start-ADSyncSyncCycle result was given, so it is not shown that a full sync ran.',
      remediation:
        'Run Start-ADSyncSyncCycle -PolicyType Initial on the new server and send its result.',
    });
  } else {
    findings.push(...syncCycleFindings(result, 'Initial'));
  }
  if (runsReading !== undefined) {
    findings.push(...runsReading.findings);
    undetermined = runsReading.undetermined;
  }
  if (status === undefined) {
    if (result?.outcome.kind === 'success' && runsReading?.allSucceeded !== true) {
      findings.push({
        severity: 'warning',
        message: 'Success only means the cycle started; it is not shown that it finished.',
        remediation:
          'Run Get-ADSyncConnectorRunStatus until it returns nothing, check the runs in Synchronization Service Manager > Operations, and send the Get-ADSyncConnectorRunStatus output.',
        needs: ['connector-run-status'],
        neededFor: 'to show the cycle finished',
      });
    }
  } else if (status.state === 'busy') {
    findings.push({
      severity: 'warning',
      message: `The sync is still running${status.connectors.length === 0 ? '' : ` (${status.connectors.join(', ')})`}.`,
      remediation:
        'Wait until Get-ADSyncConnectorRunStatus returns nothing, then send its output again.',
    });
    undetermined = true;
  } else {
    findings.push({
      severity: 'info',
      message: 'The sync engine is idle: no connector is running.',
    });
  }
  if (pending === undefined) {
    findings.push(
      missingEvidenceFinding(['pending-exports'], 'to review what the cutover would export'),
    );
    undetermined = true;
  } else {
    findings.push(...pendingExportFindings(pending, context));
  }
  const newStaging = recordedBoolean(context, factKey('new', factNames.stagingModeEnabled));
  findings.push(...onlyOneActiveFindings('new', 'staging', newStaging, context));
  return judgmentFrom({
    checkpoint: 'staging-sync',
    findings,
    facts: definedFacts({
      [factKey('new', factNames.lastSyncCycleResult)]: result?.outcome.kind,
      [factKey('new', factNames.pendingDeletes)]: pending?.deletes,
    }),
    undetermined,
  });
}
