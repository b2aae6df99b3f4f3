import type { EvaluationContext, EvidenceItem } from '../evidence/evidence-item';
import { findEvidence } from '../evidence/text-evidence';
import type { Finding, Judgment } from '../judgment';
import { activeServerFindings } from './active-server-findings';
import { missingEvidenceJudgment } from './evidence-requests';
import { judgmentFrom } from './judgment-from-findings';
import { runProfileFindings } from './run-profile-findings';
import { definedFacts, factKey, factNames } from './recorded-facts';
import { schedulerFacts } from './settings-facts';
import { syncCycleFindings } from './sync-cycle-findings';

/** Judges monitoring: the new server stays the only active one, its scheduler runs, and its syncs succeed. */
export function judgeMonitoring(
  items: readonly EvidenceItem[],
  context: EvaluationContext,
): Judgment {
  const scheduler = findEvidence(items, 'scheduler')?.value;
  const result = findEvidence(items, 'sync-cycle-result')?.value;
  const status = findEvidence(items, 'connector-run-status')?.value;
  const runs = findEvidence(items, 'run-profile-result')?.value;
  if (
    scheduler === undefined &&
    result === undefined &&
    status === undefined &&
    runs === undefined
  ) {
    return missingEvidenceJudgment(
      'monitoring',
      ['scheduler', 'sync-cycle-result', 'connector-run-status', 'run-profile-result'],
      'from the new server',
    );
  }
  const findings: Finding[] =
    scheduler === undefined ? [] : activeServerFindings(scheduler, context);
  if (result !== undefined) findings.push(...syncCycleFindings(result, 'Delta'));
  // During monitoring a run still going is what the scheduler should be doing.
  if (runs !== undefined)
    findings.push(...runProfileFindings(runs, { runningIs: 'info' }).findings);
  if (status?.state === 'busy') {
    findings.push({
      severity: 'info',
      message: `A connector is running${status.connectors.length === 0 ? '' : ` (${status.connectors.join(', ')})`}.`,
    });
  }
  return judgmentFrom({
    checkpoint: 'monitoring',
    findings,
    facts: {
      ...(scheduler === undefined ? {} : schedulerFacts('new', scheduler)),
      ...definedFacts({ [factKey('new', factNames.lastSyncCycleResult)]: result?.outcome.kind }),
    },
  });
}
