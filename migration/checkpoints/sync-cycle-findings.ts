import type { SyncCycleResult } from '../evidence/sync-cycle-result';
import type { Finding } from '../judgment';

/** What a sync cycle result means for a checkpoint, and whether it leaves the checkpoint undecided. */
export interface SyncCycleReading {
  findings: Finding[];
  undetermined: boolean;
}

/** Learn: how-to-connect-sync-feature-scheduler: the cmdlets need the ADSync module. */
const importModule =
  'Run Import-Module ADSync in an elevated PowerShell on the Entra Connect server, then run the command again.';

/** Findings for a `Start-ADSyncSyncCycle` result; `expected` names the policy type the checkpoint asks for. */
export function syncCycleFindings(
  result: SyncCycleResult,
  expected: 'Delta' | 'Initial',
): SyncCycleReading {
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
      return { findings, undetermined: false };
    }
    case 'already-running':
      return {
        findings: [
          {
            severity: 'warning',
            message: `A sync cycle was already running, so none was started: "${outcome.message}".`,
            remediation: `Wait until Get-ADSyncConnectorRunStatus returns nothing, then run Start-ADSyncSyncCycle -PolicyType ${expected} again.`,
          },
        ],
        undetermined: true,
      };
    case 'cmdlet-missing':
      return {
        findings: [
          {
            severity: 'warning',
            message: 'Start-ADSyncSyncCycle was not recognised: the ADSync module is not loaded.',
            remediation: importModule,
          },
        ],
        undetermined: true,
      };
    case 'error':
      return {
        findings: [
          {
            severity: 'error',
            message: `Start-ADSyncSyncCycle failed: ${outcome.message}`,
            remediation:
              'Check that the ADSync service is running (Get-Service ADSync) and look at the Application event log (source ADSync) for the cause; fix it and run the command again.',
          },
        ],
        undetermined: false,
      };
    case 'other-result':
      return {
        findings: [
          {
            severity: 'error',
            message: `Start-ADSyncSyncCycle returned ${outcome.result}, not Success.`,
            remediation:
              'Open Synchronization Service Manager > Operations, look at the failed run profile and its errors, fix them and run the command again.',
          },
        ],
        undetermined: false,
      };
  }
}
