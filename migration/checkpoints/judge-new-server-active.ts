import type { EvaluationContext, EvidenceItem } from '../evidence/evidence-item';
import { findEvidence } from '../evidence/text-evidence';
import type { Judgment } from '../judgment';
import { activeServerFindings } from './active-server-findings';
import { incompleteEvidenceFinding, missingEvidenceJudgment } from './evidence-requests';
import { judgmentFrom } from './judgment-from-findings';
import { runProfileFindings } from './run-profile-findings';
import { factKey, factNames } from './recorded-facts';
import { schedulerFacts } from './settings-facts';
import { syncCycleFindings } from './sync-cycle-findings';

/** Judges new-server-active: StagingModeEnabled False, SyncCycleEnabled True, and a given delta sync must be Success. */
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
  const runs = findEvidence(items, 'run-profile-result')?.value;
  const runsReading = runs === undefined ? undefined : runProfileFindings(runs);
  if (runsReading !== undefined) findings.push(...runsReading.findings);
  return judgmentFrom({
    checkpoint: 'new-server-active',
    findings,
    facts: {
      ...schedulerFacts('new', scheduler),
      ...(result === undefined
        ? {}
        : { [factKey('new', factNames.lastSyncCycleResult)]: result.outcome.kind }),
    },
    // The delta sync result and the runs are optional: a run still going leaves a warning, not an unknown.
    undetermined: unread.length > 0,
  });
}
