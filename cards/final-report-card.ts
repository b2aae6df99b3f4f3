import type { JudgmentStatus } from '../migration/judgment';
import type { OldServerOfflineMode } from '../migration/migration-signals';
import type { CheckpointId } from '../migration/runbook';
import { checkpointById } from '../migration/runbook';
import {
  formatBytes,
  judgmentPresentation,
  migrationContextLine,
  type MigrationServers,
} from './card-parts';
import { expandCardTemplate, type AdaptiveCardJson } from './card-template';
import { cardText, countOf, limitList, markdownLine } from './card-text';
import { formatDay, formatElapsed, formatInstant } from './card-time';
import finalReportTemplate from './templates/final-report.json';

/** One event of the migration, as the audit log records it. */
export interface TimelineEvent {
  readonly at: string;
  readonly text: string;
}

/** One approval decision. */
export interface ApprovalRecord {
  readonly decision: 'approved' | 'rejected';
  readonly by: string;
  readonly at: string;
  readonly comment?: string;
}

/** One piece of evidence that was judged, with its digest. */
export interface EvidenceRecord {
  readonly checkpointId: CheckpointId;
  readonly status: JudgmentStatus;
  readonly sha256: string;
  readonly bytes: number;
  readonly fileName?: string;
  readonly submittedBy: string;
  readonly submittedAt: string;
}

/** What the final report shows. */
export interface FinalReportView {
  readonly servers: MigrationServers;
  readonly ownerName: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly timeZone: string;
  readonly monitoringDays: number;
  readonly problemsReported: number;
  readonly timeline: readonly TimelineEvent[];
  readonly approvals: readonly ApprovalRecord[];
  readonly evidence: readonly EvidenceRecord[];
  /** How the old server left service when the wizard could not put it in staging mode. */
  readonly oldServerOffline?: {
    readonly how: OldServerOfflineMode;
    readonly by: string;
    readonly at: string;
  };
}

/** Rows shown before the rest is left to the audit log (the worst case stays far under 28 KB). */
export const MAX_TIMELINE_EVENTS = 12;
export const MAX_APPROVALS = 6;
export const MAX_EVIDENCE = 12;

const AUDIT_LOG = 'Type history in this chat to see every recorded event.';

/** Renders the final report: duration, timeline, approvals and evidence digests. */
export function renderFinalReportCard(view: FinalReportView): AdaptiveCardJson {
  const { servers, timeZone } = view;
  const timeline = limitList(view.timeline, MAX_TIMELINE_EVENTS);
  const approvals = limitList(view.approvals, MAX_APPROVALS);
  const evidence = limitList(view.evidence, MAX_EVIDENCE);
  const duration = formatElapsed(view.startedAt, view.finishedAt);
  const approvedBy = view.approvals
    .filter((approval) => approval.decision === 'approved')
    .map((approval) => approval.by);
  return expandCardTemplate('final report', finalReportTemplate, {
    fallbackText: markdownLine`Migration from ${servers.oldServer} to ${servers.newServer} complete after ${duration}.`,
    context: migrationContextLine(servers),
    title: cardText(
      `${servers.newServer} is the active server; ${servers.oldServer} is decommissioned`,
    ),
    facts: [
      {
        title: 'Duration',
        value: `${duration} (${formatDay(view.startedAt, timeZone)} to ${formatDay(view.finishedAt, timeZone)})`,
      },
      { title: 'Owner', value: cardText(view.ownerName, 200) },
      {
        title: 'Approved by',
        value: approvedBy.length === 0 ? '—' : cardText(approvedBy.join(', '), 400),
      },
      {
        title: 'Monitoring',
        value: `${countOf(view.monitoringDays, 'day')}, ${view.problemsReported === 0 ? 'no problems reported' : countOf(view.problemsReported, 'problem') + ' reported'}`,
      },
      ...(view.oldServerOffline === undefined
        ? []
        : [
            {
              title: 'Old server',
              value: cardText(
                `${view.oldServerOffline.how === 'shut-down' ? 'Shut down' : 'Isolated'} instead of staging mode, confirmed by ${view.oldServerOffline.by}, ${formatInstant(view.oldServerOffline.at, timeZone)}`,
              ),
            },
          ]),
      { title: 'Evidence', value: `${countOf(view.evidence.length, 'item')} judged` },
    ],
    timeline: timeline.shown.map((event) => ({
      when: formatDay(event.at, timeZone),
      text: cardText(event.text, 200),
    })),
    moreTimeline:
      timeline.hidden === 0 ? '' : `…and ${countOf(timeline.hidden, 'more event')}. ${AUDIT_LOG}`,
    approvals: approvals.shown.map((approval) => ({
      icon: approval.decision === 'approved' ? '✅' : '⛔',
      text: cardText(
        `${approval.decision === 'approved' ? 'Approved' : 'Rejected'} by ${approval.by}, ${formatInstant(approval.at, timeZone)}`,
      ),
      comment: approval.comment === undefined ? '' : cardText(`“${approval.comment}”`, 240),
    })),
    evidence: evidence.shown.map((record) => ({
      icon: judgmentPresentation(record.status).icon,
      text: cardText(
        `${checkpointById(record.checkpointId).title}: ${record.fileName ?? 'pasted text'}, ${formatBytes(record.bytes)}, ${record.submittedBy}, ${formatDay(record.submittedAt, timeZone)}`,
        240,
      ),
      digest: cardText(digestGroups(record.sha256), 80),
    })),
    moreEvidence:
      evidence.hidden === 0 ? '' : `…and ${countOf(evidence.hidden, 'more item')}. ${AUDIT_LOG}`,
    // Learn how-to-connect-install-prerequisites (Tier 0, hardening) and
    // reference-connect-accounts-permissions (the installer's role is not needed after setup).
    tier0: cardText(
      `${servers.newServer} holds the keys to Microsoft Entra ID: keep it a Tier 0 server. Only domain admins or another tightly controlled group sign in to it, nobody browses the web or reads mail on it, it is patched and managed from a privileged access workstation. The Hybrid Identity Administrator role used to install it is not needed after setup: lower that account's role, and keep the Directory Synchronization Accounts role excluded from Conditional Access policies that would block the sync.`,
      800,
    ),
  });
}

/** A SHA-256 digest in groups of 16 hex digits, so a narrow card wraps it between groups. */
function digestGroups(sha256: string): string {
  return (sha256.match(/.{1,16}/g) ?? []).join(' ');
}
