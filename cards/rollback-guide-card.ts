import { codeBlockData, migrationContextLine, type MigrationServers } from './card-parts';
import { expandCardTemplate, type AdaptiveCardJson } from './card-template';
import { cardText, plainCardText } from './card-text';
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
}

/**
 * Learn how-to-connect-sync-staging-server: switching servers is done with staging mode in the
 * wizard, and the server leaving service goes to staging before the other one leaves it.
 */
function rollbackSteps(servers: MigrationServers) {
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
  ].map((step, index) => ({
    number: `${index + 1}`,
    title: cardText(step.title),
    where: cardText(step.where),
    code: codeBlockData(step.code),
    expect: cardText(step.expect),
  }));
}

/** Renders the rollback guide: new server to staging first, then the old server active. */
export function renderRollbackGuideCard(view: RollbackGuideView): AdaptiveCardJson {
  const { servers, problem } = view;
  return expandCardTemplate('rollback guide', rollbackGuideTemplate, {
    fallbackText: plainCardText(
      `Rollback: first put ${servers.newServer} in staging mode, then make ${servers.oldServer} active again.`,
    ),
    context: migrationContextLine(servers),
    title: cardText(`Go back to ${servers.oldServer}`),
    reportedBy:
      problem === undefined
        ? ''
        : cardText(
            `Reported by ${problem.reportedBy}, ${formatInstant(problem.reportedAt, view.timeZone)}`,
          ),
    reason: problem === undefined ? '' : cardText(problem.text, 1500),
    steps: rollbackSteps(servers),
    done: actionData(cardVerbs.confirmRollback, { migrationId: view.migrationId }),
    resume: actionData(cardVerbs.resumeMonitoring, { migrationId: view.migrationId }),
  });
}
