import type { EvaluationContext, EvidenceItem } from '../evidence/evidence-item';
import { findEvidence } from '../evidence/text-evidence';
import type { Judgment } from '../judgment';
import { activeServerFindings } from './active-server-findings';
import {
  incompleteEvidenceFinding,
  missingEvidenceFinding,
  missingEvidenceJudgment,
} from './evidence-requests';
import { deletionThresholdFindings, firstExportFindings } from './export-gate-findings';
import { judgmentFrom } from './judgment-from-findings';
import { runProfileFindings } from './run-profile-findings';
import { signInContinuityFindings } from './sign-in-continuity-findings';
import { factKey, factNames } from './recorded-facts';
import { schedulerFacts } from './settings-facts';
import { syncCycleFindings } from './sync-cycle-findings';

/**
 * Judges new-server-active: StagingModeEnabled False and SyncCycleEnabled True on the new server,
 * the deletion threshold confirmed, and the first Export run of the Microsoft Entra connector
 * finished cleanly (a Start-ADSyncSyncCycle Success alone only says a cycle was started), and
 * sign-in keeps working: password hash sync and writeback run there when the old server used them.
 */
export function judgeNewServerActive(
  items: readonly EvidenceItem[],
  context: EvaluationContext,
): Judgment {
  const found = findEvidence(items, 'scheduler');
  if (found === undefined) {
    return missingEvidenceJudgment('new-server-active', ['scheduler'], 'from the new server');
  }
  const scheduler = found.value;
  const unread = (['stagingModeEnabled', 'syncCycleEnabled'] as const).filter(
    (field) => scheduler[field] === undefined,
  );
  const findings = activeServerFindings(scheduler, context);
  if (unread.length > 0) {
    findings.push(
      incompleteEvidenceFinding(
        'scheduler',
        unread.map((field) =>
          field === 'stagingModeEnabled' ? 'StagingModeEnabled' : 'SyncCycleEnabled',
        ),
      ),
    );
  }
  const result = findEvidence(items, 'sync-cycle-result')?.value;
  if (result !== undefined) findings.push(...syncCycleFindings(result, 'Delta'));
  const threshold = findEvidence(items, 'deletion-threshold')?.value;
  if (threshold === undefined) {
    findings.push(
      missingEvidenceFinding(['deletion-threshold'], 'to confirm accidental-delete prevention'),
    );
  } else {
    findings.push(...deletionThresholdFindings(threshold, context));
  }
  const runs = findEvidence(items, 'run-profile-result')?.value;
  const runsReading = runs === undefined ? undefined : runProfileFindings(runs);
  const firstExport = runs === undefined ? undefined : firstExportFindings(runs);
  if (runsReading === undefined || firstExport === undefined) {
    findings.push(
      missingEvidenceFinding(['run-profile-result'], "for the new server's first export"),
    );
  } else {
    findings.push(...runsReading.findings, ...firstExport.findings);
  }
  findings.push(...signInContinuityFindings(items, context));
  return judgmentFrom({
    checkpoint: 'new-server-active',
    findings,
    facts: {
      ...schedulerFacts('new', scheduler),
      ...(result === undefined
        ? {}
        : { [factKey('new', factNames.lastSyncCycleResult)]: result.outcome.kind }),
    },
    undetermined:
      unread.length > 0 ||
      threshold === undefined ||
      runsReading === undefined ||
      runsReading.undetermined ||
      firstExport?.undetermined === true,
  });
}
