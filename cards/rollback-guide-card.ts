import { lastRunsCommand } from '../migration/evidence/run-profile-result';
import { noWayBackText, offlineText, type OldServerStanding } from '../migration/old-server-cutoff';
import { enforcedMinimum } from '../migration/version-policy';
import {
  codeBlockData,
  migrationContextLine,
  pasteWhere,
  type CardPlace,
  type MigrationServers,
} from './card-parts';
import { expandCardTemplate, type AdaptiveCardJson } from './card-template';
import { cardText, markdownLine } from './card-text';
import { formatInstant } from './card-time';
import rollbackGuideTemplate from './templates/rollback-guide.json';
import { actionData, cardVerbs } from './verbs';

/** What the rollback guide shows: the reported problem and the ordered steps back to the old server. */
export interface RollbackGuideView {
  readonly migrationId: string;
  readonly servers: MigrationServers;
  readonly timeZone: string;
  /** The problem that started the rollback, as reported (user text). */
  readonly problem?: {
    readonly text: string;
    readonly reportedBy: string;
    readonly reportedAt: string;
  };
  /** Set when the old server is below a cutoff: it cannot take over, so the guide fixes forward. */
  readonly oldServer?: OldServerStanding;
}

interface GuideStep {
  readonly title: string;
  readonly where: string;
  readonly code: string;
  readonly expect: string;
}

/**
 * Learn how-to-connect-sync-staging-server: switching servers is done with staging mode in the
 * wizard, and the server leaving service goes to staging before the other one leaves it.
 */
function rollbackSteps(servers: MigrationServers): GuideStep[] {
  return [
    {
      title: `Put ${servers.newServer} in staging mode`,
      where: `On ${servers.newServer} (the new server), as an administrator`,
      code: [
        '# Entra Connect wizard > Configure staging mode > select Enable staging mode, then:',
        'Get-ADSyncScheduler',
      ].join('\n'),
      expect:
        'Expect StagingModeEnabled : True. The new server stops exporting to Microsoft Entra ID.',
    },
    {
      title: `Make ${servers.oldServer} active again`,
      where: `On ${servers.oldServer} (the old server), only after step 1`,
      code: [
        '# Entra Connect wizard > Configure staging mode > clear Enable staging mode, then:',
        'Get-ADSyncScheduler',
        'Start-ADSyncSyncCycle -PolicyType Delta',
      ].join('\n'),
      expect: 'Expect StagingModeEnabled : False, SyncCycleEnabled : True, and Result : Success.',
    },
    {
      title: 'Check that only one server is active',
      where: 'On both servers',
      code: 'Get-ADSyncScheduler | Select-Object StagingModeEnabled, SyncCycleEnabled',
      expect: `Expect ${servers.newServer}: StagingModeEnabled True; ${servers.oldServer}: StagingModeEnabled False.`,
    },
  ];
}

/**
 * For an old server below a cutoff, going back restores nothing: it stays out of service, the
 * problem is fixed on the new server, or another server is built from the old server's export
 * (Learn how-to-upgrade-previous-version, swing migration).
 */
function fixForwardSteps(
  servers: MigrationServers,
  oldServer: OldServerStanding,
  place: CardPlace,
): GuideStep[] {
  const keepOut: GuideStep =
    oldServer.offline === null
      ? {
          title: `Leave ${servers.oldServer} in staging mode`,
          where: `On ${servers.oldServer} (the old server)`,
          code: 'Get-ADSyncScheduler | Select-Object StagingModeEnabled',
          expect: 'Expect StagingModeEnabled : True. Do not make it active again.',
        }
      : {
          title: `Keep ${servers.oldServer} ${oldServer.offline === 'shut-down' ? 'shut down' : 'isolated'}`,
          where: `On ${servers.oldServer} (the old server), only if it is running`,
          code: 'Get-Service ADSync | Select-Object Status, StartType',
          expect: `${offlineText(oldServer.offline, servers.oldServer)}: keep it so (Status Stopped, StartType Disabled whenever it runs). Do not turn it back on or reconnect it.`,
        };
  return [
    keepOut,
    {
      title: `Fix the problem on ${servers.newServer}`,
      where: `On ${servers.newServer} (the new server, still active)`,
      code: [
        'Get-ADSyncScheduler',
        lastRunsCommand,
        'Start-ADSyncSyncCycle -PolicyType Delta',
      ].join('\n'),
      expect: `Read the errors of the last runs, fix them, and run a delta sync: expect Result : Success on every connector. Paste the output ${pasteWhere(place)} to have it judged.`,
    },
    {
      title: `If ${servers.newServer} cannot be fixed: build another server from the export`,
      where: 'A new server, with the same preparation as the new one',
      code: [
        `# Install Entra Connect Sync ${enforcedMinimum.version} or later in staging mode, importing the configuration exported from ${servers.oldServer},`,
        `# verify it, then put ${servers.newServer} in staging mode FIRST, and only then clear staging mode on the replacement:`,
        'Get-ADSyncScheduler',
      ].join('\n'),
      expect: 'Only one server may be active: check StagingModeEnabled on both before and after.',
    },
  ];
}

function stepRows(steps: readonly GuideStep[]) {
  return steps.map((step, index) => ({
    number: `${index + 1}`,
    title: cardText(step.title),
    where: cardText(step.where),
    code: codeBlockData(step.code),
    expect: cardText(step.expect, 1000),
  }));
}

/**
 * Renders the rollback guide: new server to staging first, then the old server active; or, when the
 * old server is below a cutoff, why there is no way back and how to fix forward.
 */
export function renderRollbackGuideCard(
  view: RollbackGuideView,
  place: CardPlace = 'personal',
): AdaptiveCardJson {
  const { servers, problem, oldServer } = view;
  const reported = {
    reportedBy:
      problem === undefined
        ? ''
        : cardText(
            `Reported by ${problem.reportedBy}, ${formatInstant(problem.reportedAt, view.timeZone)}`,
          ),
    reason: problem === undefined ? '' : cardText(problem.text, 1500),
    done: actionData(cardVerbs.confirmRollback, { migrationId: view.migrationId }),
    resume: actionData(cardVerbs.resumeMonitoring, { migrationId: view.migrationId }),
  };
  if (oldServer !== undefined) {
    return expandCardTemplate('rollback guide', rollbackGuideTemplate, {
      ...reported,
      fallbackText: markdownLine`No way back to ${servers.oldServer}: fix the problem on ${servers.newServer}, or build another server from the export.`,
      context: migrationContextLine(servers),
      title: cardText(`No way back to ${servers.oldServer}: fix forward on ${servers.newServer}`),
      warning: cardText(`⚠️ ${noWayBackText(oldServer, servers.oldServer)}`, 1000),
      steps: stepRows(fixForwardSteps(servers, oldServer, place)),
      closing: 'When the problem is fixed, select Problem solved: keep monitoring.',
      showDone: false,
    });
  }
  return expandCardTemplate('rollback guide', rollbackGuideTemplate, {
    ...reported,
    fallbackText: markdownLine`Rollback: first put ${servers.newServer} in staging mode, then make ${servers.oldServer} active again.`,
    context: migrationContextLine(servers),
    title: cardText(`Go back to ${servers.oldServer}`),
    warning:
      '⚠️ In this order only: the new server goes to staging FIRST. Two active servers export conflicting changes to Microsoft Entra ID.',
    steps: stepRows(rollbackSteps(servers)),
    closing: `When both checks look right, paste both Get-ADSyncScheduler outputs ${pasteWhere(place)}, then select Rollback done.`,
    showDone: true,
  });
}
