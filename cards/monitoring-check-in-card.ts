import { offlineText, type OldServerStanding } from '../migration/old-server-cutoff';
import { syncFreshness } from '../migration/workflow/sync-freshness';
import { migrationContextLine, type MigrationServers } from './card-parts';
import { expandCardTemplate, type AdaptiveCardJson } from './card-template';
import { cardText, markdownLine } from './card-text';
import { formatElapsed, formatInstant } from './card-time';
import monitoringCheckInTemplate from './templates/monitoring-check-in.json';
import { actionData, cardVerbs } from './verbs';

/** The Graph check of `organization.onPremisesLastSyncDateTime`, when Graph is configured. */
export interface CloudSyncCheck {
  /** The last sync Microsoft Entra ID saw, or null when it reports none. */
  readonly lastSyncAt: string | null;
  readonly checkedAt: string;
  /** Older than this is stale: a few sync cycles (30 minutes each by default). */
  readonly maxAgeMinutes: number;
}

/** What the daily check-in during monitoring shows. */
export interface MonitoringCheckInView {
  readonly migrationId: string;
  readonly servers: MigrationServers;
  /** Day k of N, 1-based. */
  readonly day: number;
  readonly totalDays: number;
  readonly timeZone: string;
  readonly cloudSync?: CloudSyncCheck;
  /** Set when the old server is below a cutoff: it cannot take over, so it is no fallback. */
  readonly oldServer?: OldServerStanding;
}

function oldServerCheck(view: MonitoringCheckInView): string {
  const { oldServer, servers } = view;
  if (oldServer === undefined) {
    return `${servers.oldServer} is still in staging mode: StagingModeEnabled True.`;
  }
  const stays = offlineText(oldServer.offline, servers.oldServer, 'stays');
  const why =
    oldServer.cutoff.rule === 'sync-stopped'
      ? `it cannot synchronise (${oldServer.cutoff.version} is below ${oldServer.cutoff.minimum})`
      : `its wizard cannot sign in (${oldServer.cutoff.version} is below ${oldServer.cutoff.minimum})`;
  return `${stays}. It is no fallback: ${why}, so a problem is fixed on ${servers.newServer}.`;
}

function cloudSection(check: CloudSyncCheck | undefined, timeZone: string) {
  if (check === undefined) {
    return { shown: false, style: 'default', color: 'Default', headline: '', detail: '' };
  }
  const checked = formatInstant(check.checkedAt, timeZone);
  if (check.lastSyncAt === null) {
    return {
      shown: true,
      style: 'attention',
      color: 'Attention',
      headline: '☁️ Microsoft Entra ID reports no sync from on-premises',
      detail: `Checked ${checked}. Directory synchronisation may be off for the tenant.`,
    };
  }
  const freshness = syncFreshness(check.lastSyncAt, check.checkedAt, check.maxAgeMinutes);
  const ago = formatElapsed(check.lastSyncAt, check.checkedAt);
  const last = formatInstant(check.lastSyncAt, timeZone);
  return freshness.state === 'fresh'
    ? {
        shown: true,
        style: 'good',
        color: 'Good',
        headline: `☁️ Cloud sync is fresh: last sync ${ago} before the check`,
        detail: `Last sync ${last}; checked ${checked}.`,
      }
    : {
        shown: true,
        style: 'attention',
        color: 'Attention',
        headline: `☁️ No sync for ${ago}`,
        detail: `Last sync ${last}; checked ${checked}. The new server may have stopped exporting: check it now.`,
      };
}

/** Renders the daily monitoring check-in: day k of N, cloud freshness, Healthy or Report a problem. */
export function renderMonitoringCheckInCard(view: MonitoringCheckInView): AdaptiveCardJson {
  const { servers } = view;
  const ids = {
    migrationId: view.migrationId,
    checkpointId: 'monitoring' as const,
    day: view.day,
  };
  const done = Math.min(view.day, view.totalDays);
  return expandCardTemplate('monitoring check-in', monitoringCheckInTemplate, {
    fallbackText: markdownLine`Monitoring day ${view.day} of ${view.totalDays}: is ${servers.newServer} healthy?`,
    context: migrationContextLine(servers),
    dayLine: `Monitoring · day ${view.day} of ${view.totalDays}`,
    title: cardText(`Is ${servers.newServer} syncing well?`),
    progress: `${'🟩'.repeat(done)}${'⬜'.repeat(Math.max(0, view.totalDays - done))}`,
    cloud: cloudSection(view.cloudSync, view.timeZone),
    checks: [
      `Synchronization Service Manager on ${servers.newServer}: the latest runs show success, with no export errors.`,
      `Get-ADSyncScheduler on ${servers.newServer}: SyncCycleEnabled True and StagingModeEnabled False.`,
      oldServerCheck(view),
    ].map((check) => cardText(check)),
    closing:
      view.oldServer === undefined
        ? 'Is everything healthy? If not, report the problem: I will send the rollback guide, and the old server is still ready to take over.'
        : cardText(
            `Is everything healthy? If not, report the problem: I will send the guide to fix it on ${servers.newServer}, since ${servers.oldServer} cannot take over.`,
          ),
    healthy: actionData(cardVerbs.reportHealthy, ids),
    problem: actionData(cardVerbs.reportProblem, ids),
  });
}
