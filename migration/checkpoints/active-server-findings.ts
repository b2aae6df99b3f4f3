import type { EvaluationContext } from '../evidence/evidence-item';
import type { SchedulerSettings } from '../evidence/scheduler-output';
import type { Finding } from '../judgment';
import { onlyOneActiveFindings } from './only-one-active';
import { factKey, factNames, recordedBoolean, recordedString } from './recorded-facts';
import { schedulerHealthFindings } from './scheduler-health';

/** Learn: how-to-connect-sync-staging-server ("Change current Staging Sync server to active mode"). */
const disableStagingModeSteps =
  'On the new server open Microsoft Entra Connect > Configure staging mode > Next, sign in, clear Enable staging mode, select Next, tick Start the synchronization process and select Configure. Then run Get-ADSyncScheduler and check StagingModeEnabled : False.';

/** Findings for the scheduler of the server that must now be the only active one (the new server). */
export function activeServerFindings(
  scheduler: SchedulerSettings,
  context: EvaluationContext,
): Finding[] {
  const findings: Finding[] = [];
  if (scheduler.stagingModeEnabled === true) {
    findings.push({
      severity: 'error',
      message:
        'The new server is still in staging mode (StagingModeEnabled : True): it exports nothing, so no changes reach Microsoft Entra ID.',
      remediation: disableStagingModeSteps,
    });
  }
  findings.push(...onlyOneActiveFindings('new', 'active', scheduler.stagingModeEnabled, context));
  const oldOutOfService = recordedString(context, factKey('old', factNames.outOfService));
  if (scheduler.stagingModeEnabled === false && oldOutOfService !== undefined) {
    findings.push({
      severity: 'info',
      message: `The old server was confirmed ${oldOutOfService === 'isolated' ? 'isolated' : 'shut down'} instead of put in staging mode: it must stay so until it is decommissioned.`,
    });
  } else if (
    scheduler.stagingModeEnabled === false &&
    recordedBoolean(context, factKey('old', factNames.stagingModeEnabled)) !== true
  ) {
    findings.push({
      severity: 'info',
      message:
        'No evidence was recorded that the old server is in staging mode: make sure it is (old-server-staging) so that only one server is active.',
    });
  }
  // Learn: how-to-connect-sync-feature-scheduler: re-enable with Set-ADSyncScheduler -SyncCycleEnabled $true.
  if (scheduler.syncCycleEnabled === false) {
    findings.push({
      severity: 'error',
      message:
        'The sync cycle is disabled (SyncCycleEnabled : False): the scheduler runs no import, sync or export.',
      remediation: 'Run Set-ADSyncScheduler -SyncCycleEnabled $true on the new server.',
    });
  }
  findings.push(...schedulerHealthFindings(scheduler, context.today, { expectRunning: true }));
  return findings;
}
