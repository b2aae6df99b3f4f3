import type { EvaluationContext } from '../evidence/evidence-item';
import type { Finding } from '../judgment';
import {
  factKey,
  factNames,
  recordedBoolean,
  recordedString,
  type FactServer,
} from './recorded-facts';

/** Learn: how-to-upgrade-previous-version (swing migration): the "rogue" server note. */
export const rogueServerWarning =
  'Learn warns that a "rogue" sync server (one left active, or powered up again later by mistake) can still connect to Microsoft Entra ID and overwrite its data with old information, making attribute values revert in every sync cycle.';

/** Learn: how-to-connect-sync-staging-server ("Switch active server"): Active-Passive only. */
const onlyOneActiveRule =
  'Only one Entra Connect server may be active: Learn says Entra Connect cannot run Active-Active, and "Ensure that only 1 Microsoft Entra Connect server is actively syncing changes". With password writeback, a second active server also disrupts the first one\'s service bus communication.';

/** Learn: how-to-connect-sync-staging-server ("Change currently Active Sync Server to staging mode"). */
export function enableStagingModeSteps(server: FactServer): string {
  return `On the ${server} server open Microsoft Entra Connect > Configure staging mode > Next, sign in, tick Enable staging mode, select Next and Configure (leave the sync process on). Then run Get-ADSyncScheduler and check StagingModeEnabled : True.${
    server === 'old'
      ? ' If the old server cannot be reached, shut it down or cut its outbound connections so it cannot sync again.'
      : ''
  }`;
}

/** What the runbook needs a server to be at this point. */
export type ExpectedRole = 'staging' | 'active';

/**
 * The loud failures of the only-one-active rule: a server active when the runbook needs it in
 * staging, or two servers active at once (this one, and the other one as last recorded).
 */
export function onlyOneActiveFindings(
  server: FactServer,
  expected: ExpectedRole,
  stagingModeEnabled: boolean | undefined,
  context: EvaluationContext,
): Finding[] {
  if (stagingModeEnabled !== false) return [];
  const other: FactServer = server === 'old' ? 'new' : 'old';
  // A server confirmed shut down or isolated no longer exports, whatever its scheduler last said.
  const otherActive =
    recordedBoolean(context, factKey(other, factNames.stagingModeEnabled)) === false &&
    recordedString(context, factKey(other, factNames.outOfService)) === undefined;
  const both = otherActive
    ? ` The ${other} server was last recorded as active too: both servers are exporting to Microsoft Entra ID now.`
    : '';
  if (expected === 'staging') {
    return [
      {
        severity: 'error',
        message: `TWO ACTIVE SERVERS RISK: the ${server} server is ACTIVE (StagingModeEnabled : False) but must be in staging mode now.${both} ${onlyOneActiveRule} ${rogueServerWarning}`,
        remediation: enableStagingModeSteps(server),
      },
    ];
  }
  if (!otherActive) return [];
  return [
    {
      severity: 'error',
      message: `TWO ACTIVE SERVERS: the ${server} server is active and the ${other} server was last recorded as active (StagingModeEnabled : False). ${onlyOneActiveRule} ${rogueServerWarning}`,
      remediation: `${enableStagingModeSteps(other)} Then send its Get-ADSyncScheduler output again.`,
    },
  ];
}
