import type { SyncCycleResult } from '../evidence/sync-cycle-result';
import type { Finding } from '../judgment';

/** Findings for a `Start-ADSyncSyncCycle` result; `expected` names the policy type the checkpoint asks for. */
export function syncCycleFindings(
  result: SyncCycleResult,
  expected: 'Delta' | 'Initial',
): Finding[] {
  const outcome = result.outcome;
  switch (outcome.kind) {
    case 'success': {
      const findings: Finding[] = [
        {
          severity: 'info',
          message: `Start-ADSyncSyncCycle${result.policyType === undefined ? '' : ` -PolicyType ${result.policyType}`} returned Success: the cycle was started.`,
        },
      ];
      if (result.policyType !== undefined && result.policyType !== expected) {
        findings.push({
          severity: 'warning',
          message: `The sync cycle was a ${result.policyType} cycle; this checkpoint asks for ${expected}.`,
          remediation: `Run Start-ADSyncSyncCycle -PolicyType ${expected} and send its result.`,
        });
      }
      return findings;
    }
    case 'other-result':
      return [
        {
          severity: 'error',
          message: `Start-ADSyncSyncCycle returned ${outcome.result}, not Success.`,
          remediation:
            'Open Synchronization Service Manager > Operations, look at the failed run profile and its errors, fix them and run the command again.',
        },
      ];
  }
}
