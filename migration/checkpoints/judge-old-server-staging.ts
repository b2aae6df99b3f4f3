import type { EvaluationContext, EvidenceItem } from '../evidence/evidence-item';
import { findEvidence } from '../evidence/text-evidence';
import type { Finding, Judgment } from '../judgment';
import { incompleteEvidenceFinding, missingEvidenceJudgment } from './evidence-requests';
import { judgmentFrom } from './judgment-from-findings';
import { onlyOneActiveFindings } from './only-one-active';
import { schedulerFacts } from './settings-facts';

/** Judges old-server-staging: passes only when the old server shows StagingModeEnabled True. */
export function judgeOldServerStaging(
  items: readonly EvidenceItem[],
  context: EvaluationContext,
): Judgment {
  const found = findEvidence(items, 'scheduler');
  if (found === undefined) {
    return missingEvidenceJudgment('old-server-staging', ['scheduler'], 'from the old server');
  }
  const scheduler = found.value;
  const findings: Finding[] = [];
  if (scheduler.stagingModeEnabled === undefined) {
    findings.push(incompleteEvidenceFinding('scheduler', ['StagingModeEnabled']));
  } else if (scheduler.stagingModeEnabled) {
    findings.push({
      severity: 'info',
      message:
        'The old server is in staging mode (StagingModeEnabled : True): it no longer exports.',
    });
    if (scheduler.syncCycleEnabled === false) {
      // Learn: how-to-connect-sync-staging-server: leave the sync process on so it can take over quickly.
      findings.push({
        severity: 'info',
        message:
          'The sync cycle is off on the old server; Learn recommends leaving it on in staging mode so the server stays ready as a fallback.',
        remediation: 'Run Set-ADSyncScheduler -SyncCycleEnabled $true on the old server.',
      });
    }
  }
  findings.push(...onlyOneActiveFindings('old', 'staging', scheduler.stagingModeEnabled, context));
  return judgmentFrom({
    checkpoint: 'old-server-staging',
    findings,
    facts: schedulerFacts('old', scheduler),
    undetermined: scheduler.stagingModeEnabled === undefined,
  });
}
