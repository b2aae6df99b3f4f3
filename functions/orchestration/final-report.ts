import type { FinalReportView, TimelineEvent } from '../../cards/final-report-card';
import { offlineText } from '../../migration/old-server-cutoff';
import { checkpointById } from '../../migration/runbook';
import { now, serversOf, type MigrationRun } from './migration-run';

/** The final report from the journal: what was judged, who approved, when each thing happened. */
export function finalReportOf(run: MigrationRun): FinalReportView {
  const { start, journal, status } = run;
  // Optional: journals of migrations started before the old server could be confirmed offline lack it.
  const offline = journal.oldServerOffline ?? null;
  const timeline: TimelineEvent[] = [
    { at: status.startedAt, text: `Migration started by ${start.owner.name}` },
    ...journal.judgments.map((j) => ({
      at: j.at,
      text: `${checkpointById(j.checkpoint).title}: ${j.status} (${j.by})`,
    })),
    ...journal.continuedAnyway.map((c) => ({
      at: c.at,
      text: `${c.by.name} continued past the warnings of "${checkpointById(c.checkpoint).title}"`,
    })),
    ...(offline === null
      ? []
      : [
          {
            at: offline.at,
            text: `${offline.by.name} confirmed that ${offlineText(offline.how, start.plan.oldServer)}, instead of staging mode`,
          },
        ]),
    ...journal.approvals.map((a) => ({
      at: a.at,
      text: a.by === null ? 'Approval request expired' : `Cutover ${a.outcome} by ${a.by.name}`,
    })),
    ...journal.checkIns.map((c) => ({
      at: c.at,
      text: `Monitoring day ${String(c.day)}: ${c.healthy ? 'healthy' : `problem reported (${c.problem ?? ''})`} by ${c.by.name}`,
    })),
    ...journal.confirmations.map((c) => ({
      at: c.at,
      text: `Decommission: ${c.item} confirmed by ${c.by.name}`,
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return {
    ...(offline === null
      ? {}
      : { oldServerOffline: { how: offline.how, by: offline.by.name, at: offline.at } }),
    servers: serversOf(run),
    ownerName: start.owner.name,
    startedAt: status.startedAt,
    finishedAt: now(run).toISOString(),
    timeZone: start.plan.timeZone,
    monitoringDays: start.plan.monitoringDays,
    problemsReported: journal.checkIns.filter((c) => !c.healthy).length,
    timeline,
    approvals: journal.approvals.flatMap((a) =>
      a.by === null || a.outcome === 'expired'
        ? []
        : [
            {
              decision: a.outcome,
              by: a.by.name,
              at: a.at,
              ...(a.comment === null ? {} : { comment: a.comment }),
            },
          ],
    ),
    evidence: journal.judgments.flatMap((j) =>
      j.evidence.slice(-1).map((e) => ({
        checkpointId: j.checkpoint,
        status: j.status,
        sha256: e.sha256,
        bytes: e.bytes,
        ...(e.fileName === undefined ? {} : { fileName: e.fileName }),
        submittedBy: j.by,
        submittedAt: j.at,
      })),
    ),
  };
}
