import { renderCancelConfirmationCard } from '../cancel-confirmation-card';
import { renderSignInFormCard } from '../sign-in-form-card';
import { renderApprovalOutcomeCard } from '../approval-outcome-card';
import { renderApprovalRequestCard, type ApprovalRequestView } from '../approval-request-card';
import { renderCheckpointResultCard } from '../checkpoint-result-card';
import { renderConfigDiffCard } from '../config-diff-card';
import { renderDecommissionChecklistCard } from '../decommission-checklist-card';
import { renderErrorCard } from '../error-card';
import { renderEscalationCard } from '../escalation-card';
import { renderFinalReportCard, type FinalReportView } from '../final-report-card';
import { renderHistoryCard } from '../history-card';
import { renderMonitoringCheckInCard } from '../monitoring-check-in-card';
import { renderRollbackGuideCard } from '../rollback-guide-card';
import type { CardSample } from './card-sample';
import {
  failJudgment,
  passJudgment,
  pastedEvidence,
  realisticDifferences,
  unknownJudgment,
  warnJudgment,
  worstDifferences,
  worstJudgment,
} from './result-samples';
import {
  hostileText,
  sampleApprovers,
  sampleMigrationId,
  sampleOldServerCutoff,
  sampleOwner,
  sampleServers,
  sampleTimeZone,
  staleCloudSync,
} from './sample-migration';

const base = { migrationId: sampleMigrationId, servers: sampleServers, timeZone: sampleTimeZone };

const uploadedExport = {
  ...pastedEvidence,
  fileName: 'Applied-SynchronizationPolicy-20261016-0912.json',
  bytes: 421_337,
  submittedAt: '2026-10-16T07:15:00Z',
};

const approval: ApprovalRequestView = {
  migrationId: sampleMigrationId,
  decisionId: 'cutover-approval#1',
  servers: sampleServers,
  monitoringDays: 7,
  requestedBy: sampleOwner,
  requestedAt: '2026-10-20T09:30:00Z',
  timeZone: sampleTimeZone,
  approvers: [...sampleApprovers],
  evidence: [
    { checkpointId: 'source-version', status: 'pass' },
    { checkpointId: 'source-settings', status: 'warn' },
    { checkpointId: 'sign-in-settings', status: 'pass' },
    { checkpointId: 'config-export', status: 'pass' },
    { checkpointId: 'target-os', status: 'pass' },
    { checkpointId: 'tls12', status: 'pass' },
    { checkpointId: 'target-install', status: 'pass' },
    { checkpointId: 'config-match', status: 'warn' },
    { checkpointId: 'staging-sync', status: 'pass' },
  ],
  audience: 'approver',
};

const approverUserIds = [
  '29:1Xk3pQ8vN2mR7tY4wZ6aB9cD0eF5gH1iJ3kL8mN2oP4qR6sT',
  '29:1Ab4cD7eF0gH3iJ6kL9mN2oP5qR8sT1uV4wX7yZ0aB3cD6eF',
];

const timelineEvents = [
  [
    '2026-10-12T08:14:00Z',
    'Megan Bowen started the migration from AADC01 to AADC-NEW01.contoso.com.',
  ],
  ['2026-10-12T08:40:00Z', 'Source version 1.6.16.0 recorded: JSON export available.'],
  ['2026-10-12T09:05:00Z', 'Current settings captured; AADC01 is the only active server.'],
  [
    '2026-10-12T10:30:00Z',
    'Configuration exported (Exported-SynchronizationPolicy-20261012-1028.json).',
  ],
  ['2026-10-14T13:42:00Z', 'TLS 1.2 enforced on AADC-NEW01.contoso.com.'],
  [
    '2026-10-16T07:15:00Z',
    'Entra Connect Sync 2.5.79.0 installed in staging mode; configuration matches.',
  ],
  ['2026-10-19T15:02:00Z', 'Full sync on the staging server verified.'],
  ['2026-10-20T10:12:00Z', 'Lee Gu approved the cutover.'],
  ['2026-10-20T11:05:00Z', 'AADC01 put in staging mode; AADC-NEW01.contoso.com made active.'],
  ['2026-10-27T08:00:00Z', 'Seven days of monitoring ended with no problem reported.'],
  [
    '2026-10-29T14:20:00Z',
    'Decommission confirmed: AADC01 uninstalled, MSOL_ and Sync_ accounts removed.',
  ],
] as const;

const finalReport: FinalReportView = {
  servers: sampleServers,
  ownerName: sampleOwner,
  startedAt: '2026-10-12T08:14:00Z',
  finishedAt: '2026-10-29T14:20:00Z',
  timeZone: sampleTimeZone,
  monitoringDays: 7,
  problemsReported: 0,
  timeline: timelineEvents.map(([at, text]) => ({ at, text })),
  approvals: [
    {
      decision: 'approved',
      by: 'Lee Gu',
      at: '2026-10-20T10:12:00Z',
      comment: 'Staging sync clean, pending deletes reviewed with the AD team.',
    },
  ],
  evidence: [
    {
      checkpointId: 'source-version',
      status: 'pass',
      sha256: 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90',
      bytes: 318,
      submittedBy: sampleOwner,
      submittedAt: '2026-10-12T08:40:00Z',
    },
    {
      checkpointId: 'source-settings',
      status: 'warn',
      sha256: 'b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1',
      bytes: 6120,
      submittedBy: sampleOwner,
      submittedAt: '2026-10-12T09:05:00Z',
    },
    {
      checkpointId: 'config-export',
      status: 'pass',
      sha256: 'c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2',
      bytes: 398_044,
      fileName: 'Exported-SynchronizationPolicy-20261012-1028.json',
      submittedBy: sampleOwner,
      submittedAt: '2026-10-12T10:30:00Z',
    },
    {
      checkpointId: 'tls12',
      status: 'pass',
      sha256: pastedEvidence.sha256,
      bytes: 2174,
      submittedBy: sampleOwner,
      submittedAt: '2026-10-14T13:42:00Z',
    },
    {
      checkpointId: 'config-match',
      status: 'warn',
      sha256: 'd4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3',
      bytes: 421_337,
      fileName: uploadedExport.fileName,
      submittedBy: sampleOwner,
      submittedAt: '2026-10-16T07:15:00Z',
    },
    {
      checkpointId: 'new-server-active',
      status: 'pass',
      sha256: 'e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4',
      bytes: 1450,
      submittedBy: 'Lee Gu',
      submittedAt: '2026-10-20T11:05:00Z',
    },
  ],
};

export const laterCardSamples: readonly CardSample[] = [
  {
    name: 'checkpoint-result-pass',
    card: 'checkpoint result',
    description: 'Checkpoint result: passed, with the facts read from the evidence',
    render: () =>
      renderCheckpointResultCard({ ...base, judgment: passJudgment, evidence: pastedEvidence }),
  },
  {
    name: 'checkpoint-result-warn',
    card: 'checkpoint result',
    description: 'Checkpoint result: passed with a warning and its fix',
    render: () =>
      renderCheckpointResultCard({ ...base, judgment: warnJudgment, evidence: pastedEvidence }),
  },
  {
    name: 'checkpoint-result-fail',
    card: 'checkpoint result',
    description: 'Checkpoint result: failed, findings with remediation',
    render: () =>
      renderCheckpointResultCard({ ...base, judgment: failJudgment, evidence: pastedEvidence }),
  },
  {
    name: 'checkpoint-result-unknown',
    card: 'checkpoint result',
    description: 'Checkpoint result: the evidence could not be judged',
    render: () =>
      renderCheckpointResultCard({ ...base, judgment: unknownJudgment, evidence: pastedEvidence }),
  },
  {
    name: 'checkpoint-result-partial',
    card: 'checkpoint result',
    description: 'Checkpoint result: one of three outputs received, the other two still missing',
    render: () =>
      renderCheckpointResultCard({
        ...base,
        judgment: {
          checkpoint: 'target-install',
          status: 'unknown',
          findings: [
            {
              severity: 'warning',
              message:
                'What you sent as global settings (Get-ADSyncGlobalSettings) does not show what is needed for staging mode: send the whole Get-ADSyncScheduler output or global settings (Get-ADSyncGlobalSettings).',
              remediation:
                'Run Get-ADSyncScheduler in PowerShell on the server and paste the whole output.',
            },
            {
              severity: 'warning',
              message:
                'No Get-ADSyncEntraConnectorCredential output was found (needed to confirm application-based authentication).',
              remediation:
                'Run Get-ADSyncEntraConnectorCredential in PowerShell on the server and paste the whole output (it shows ConnectorIdentityType: Application or ServiceAccount).',
            },
            {
              severity: 'info',
              message: '2.6.92.0 is supported; no end-of-support date is set yet.',
            },
          ],
          facts: { 'new.version': '2.6.92.0' },
          progress: {
            received: ['global settings (Get-ADSyncGlobalSettings)'],
            missing: [
              'Get-ADSyncScheduler output or global settings (Get-ADSyncGlobalSettings), for staging mode',
              'Get-ADSyncEntraConnectorCredential output, to confirm application-based authentication',
            ],
          },
        },
        evidence: pastedEvidence,
      }),
  },
  {
    name: 'checkpoint-result-worst-case',
    card: 'checkpoint result',
    description: 'Checkpoint result, worst case: 60 long findings, 40 facts, hostile evidence text',
    hostile: true,
    worstCase: true,
    render: () =>
      renderCheckpointResultCard({ ...base, judgment: worstJudgment, evidence: uploadedExport }),
  },
  {
    name: 'config-diff',
    card: 'configuration diff',
    description: 'Configuration diff summary: one critical difference',
    render: () =>
      renderConfigDiffCard({
        migrationId: sampleMigrationId,
        servers: sampleServers,
        differences: realisticDifferences,
        oldFile: 'Exported-SynchronizationPolicy-20261012-1028.json',
        newFile: uploadedExport.fileName,
      }),
  },
  {
    name: 'config-diff-worst-case',
    card: 'configuration diff',
    description: 'Configuration diff, worst case: 400 long differences, hostile text',
    hostile: true,
    worstCase: true,
    render: () =>
      renderConfigDiffCard({
        migrationId: sampleMigrationId,
        servers: sampleServers,
        differences: worstDifferences,
        oldFile: 'Exported-SynchronizationPolicy-20261012-1028.json',
        newFile: uploadedExport.fileName,
      }),
  },
  {
    name: 'approval-request',
    card: 'approval request',
    description: "Approval request in an approver's personal chat: Approve / Reject",
    render: () => renderApprovalRequestCard(approval),
  },
  {
    name: 'approval-request-shared',
    card: 'approval request',
    description:
      'Approval request in a channel: pending state; refresh gives approvers the buttons',
    render: () =>
      renderApprovalRequestCard({
        ...approval,
        audience: 'shared',
        refreshUserIds: approverUserIds,
      }),
  },
  {
    name: 'approval-request-reason-missing',
    card: 'approval request',
    description: 'Approval request sent back: a rejection needs a reason',
    hostile: true,
    render: () =>
      renderApprovalRequestCard({
        ...approval,
        refreshUserIds: approverUserIds,
        comment: hostileText,
        problem: 'Say why the cutover is rejected.',
      }),
  },
  {
    name: 'approval-outcome-approved',
    card: 'approval outcome',
    description: 'Approval outcome: approved, no buttons left',
    render: () =>
      renderApprovalOutcomeCard({
        servers: sampleServers,
        decision: 'approved',
        decidedBy: 'Lee Gu',
        decidedAt: '2026-10-20T10:12:00Z',
        requestedBy: sampleOwner,
        timeZone: sampleTimeZone,
        comment: 'Staging sync clean, pending deletes reviewed with the AD team.',
      }),
  },
  {
    name: 'approval-outcome-rejected',
    card: 'approval outcome',
    description: 'Approval outcome: rejected, with a comment holding markup',
    hostile: true,
    render: () =>
      renderApprovalOutcomeCard({
        servers: sampleServers,
        decision: 'rejected',
        decidedBy: 'Adele Vance',
        decidedAt: '2026-10-20T10:12:00Z',
        requestedBy: sampleOwner,
        timeZone: sampleTimeZone,
        comment: `Not before the quarter-end freeze ends. ${hostileText}`,
      }),
  },
  {
    name: 'escalation',
    card: 'escalation',
    description: 'Escalation notice: the approvers have not answered for three days',
    render: () =>
      renderEscalationCard({
        servers: sampleServers,
        checkpointId: 'cutover-approval',
        awaiting: 'approval',
        waitingOn: [...sampleApprovers],
        waitingSince: '2026-10-20T09:30:00Z',
        now: '2026-10-23T07:00:00Z',
        timeZone: sampleTimeZone,
        remindersSent: 3,
      }),
  },
  {
    name: 'monitoring-check-in',
    card: 'monitoring check-in',
    description: 'Monitoring check-in, day 3 of 7, cloud sync fresh',
    render: () =>
      renderMonitoringCheckInCard({
        ...base,
        day: 3,
        totalDays: 7,
        cloudSync: {
          lastSyncAt: '2026-10-23T06:42:00Z',
          checkedAt: '2026-10-23T07:00:00Z',
          maxAgeMinutes: 90,
        },
      }),
  },
  {
    name: 'monitoring-check-in-stale',
    card: 'monitoring check-in',
    description: 'Monitoring check-in, day 5 of 7, cloud sync stale',
    render: () =>
      renderMonitoringCheckInCard({
        ...base,
        day: 5,
        totalDays: 7,
        cloudSync: staleCloudSync,
      }),
  },
  {
    name: 'monitoring-check-in-no-graph',
    card: 'monitoring check-in',
    description: 'Monitoring check-in, last day of 30, no Graph configured',
    render: () => renderMonitoringCheckInCard({ ...base, day: 30, totalDays: 30 }),
  },
  {
    name: 'rollback-guide',
    card: 'rollback guide',
    description: 'Rollback guide after a reported problem (text holding markup)',
    hostile: true,
    render: () =>
      renderRollbackGuideCard({
        ...base,
        problem: {
          text: `Users in OU=Sales lost their licences after the cutover. ${hostileText}`,
          reportedBy: 'Lee Gu',
          reportedAt: '2026-10-22T08:15:00Z',
        },
      }),
  },
  {
    name: 'monitoring-check-in-old-server-shut-down',
    card: 'monitoring check-in',
    description: 'Monitoring check-in when the old server, below 2.5.79.0, was shut down',
    render: () =>
      renderMonitoringCheckInCard({
        ...base,
        day: 2,
        totalDays: 7,
        oldServer: { cutoff: sampleOldServerCutoff, offline: 'shut-down' },
      }),
  },
  {
    name: 'rollback-guide-no-way-back',
    card: 'rollback guide',
    description:
      'Rollback guide when the old server, below 2.5.79.0, is isolated: fix forward (text holding markup)',
    hostile: true,
    render: () =>
      renderRollbackGuideCard({
        ...base,
        problem: {
          text: `Password changes stopped reaching the cloud. ${hostileText}`,
          reportedBy: 'Lee Gu',
          reportedAt: '2026-11-25T08:15:00Z',
        },
        oldServer: { cutoff: sampleOldServerCutoff, offline: 'isolated' },
      }),
  },
  {
    name: 'decommission-checklist',
    card: 'decommission checklist',
    description: 'Decommission checklist, one item confirmed',
    render: () =>
      renderDecommissionChecklistCard({
        ...base,
        confirmed: {
          'uninstall-old-server': { by: sampleOwner, at: '2026-10-28T09:10:00Z' },
        },
        adConnectorAccount: 'MSOL_4f8a2c1e9b7d',
        entraConnectorAccount: 'Sync_AADC01_4f8a2c1e9b7d@contoso.onmicrosoft.com',
      }),
  },
  {
    name: 'decommission-checklist-done',
    card: 'decommission checklist',
    description: 'Decommission checklist, every item confirmed',
    render: () =>
      renderDecommissionChecklistCard({
        ...base,
        confirmed: {
          'uninstall-old-server': { by: sampleOwner, at: '2026-10-28T09:10:00Z' },
          'remove-ad-connector-account': { by: 'Lee Gu', at: '2026-10-28T11:30:00Z' },
          'remove-entra-connector-account': { by: 'Lee Gu', at: '2026-10-28T11:42:00Z' },
          'delete-old-app-registration': { by: 'Lee Gu', at: '2026-10-28T11:50:00Z' },
          'register-new-health-agent': { by: sampleOwner, at: '2026-10-29T14:05:00Z' },
          'remove-from-connect-health': { by: sampleOwner, at: '2026-10-29T14:20:00Z' },
        },
      }),
  },
  {
    name: 'final-report',
    card: 'final report',
    description: 'Final report: timeline, approvals, evidence digests, duration',
    render: () => renderFinalReportCard(finalReport),
  },
  {
    name: 'final-report-worst-case',
    card: 'final report',
    description: 'Final report, worst case: 200 events, 12 approvals, 80 evidence items',
    hostile: true,
    worstCase: true,
    render: () =>
      renderFinalReportCard({
        ...finalReport,
        problemsReported: 2,
        timeline: Array.from({ length: 200 }, (_, index) => ({
          at: '2026-10-20T10:12:00Z',
          text: `Event ${index + 1}: ${hostileText} ${'evidence resubmitted after a failed judgment; '.repeat(5)}`,
        })),
        approvals: Array.from({ length: 12 }, (_, index) => ({
          decision: index % 2 === 0 ? 'rejected' : 'approved',
          by: `Approver ${index + 1} ${hostileText}`,
          at: '2026-10-20T10:12:00Z',
          comment: `${hostileText} ${'a long comment about the staging sync; '.repeat(12)}`,
        })),
        evidence: Array.from({ length: 80 }, (_, index) =>
          finalReport.evidence.map((record) => ({
            ...record,
            fileName: `Applied-SynchronizationPolicy-${index}-${'x'.repeat(120)}.json`,
          })),
        )
          .flat()
          .slice(0, 80),
      }),
  },
  {
    name: 'error',
    card: 'error',
    description: 'Error card: what went wrong, a correlation id, no stack trace',
    render: () =>
      renderErrorCard({
        message:
          'I could not store the evidence you uploaded, so the checkpoint was not judged.\n    at BlobClient.upload (storage.js:120:11)',
        correlationId: '4c1f7e2a-9b3d-4e8f-a6c5-1d2e3f4a5b6c',
        occurredAt: '2026-10-14T13:42:10Z',
        timeZone: sampleTimeZone,
        tips: [
          'Send the file again in a few minutes: nothing else was changed.',
          'Type status to see where the migration stands.',
        ],
      }),
  },
  {
    name: 'sign-in-form',
    card: 'sign-in form',
    description: 'Sign-in settings of the old server, asked for at the sign-in step',
    render: () => renderSignInFormCard({ migrationId: sampleMigrationId, servers: sampleServers }),
  },
  {
    name: 'sign-in-form-prefilled',
    card: 'sign-in form',
    description: "Sign-in form started from what the old server's global settings showed",
    render: () =>
      renderSignInFormCard({
        migrationId: sampleMigrationId,
        servers: sampleServers,
        prefill: {
          method: 'phs',
          seamlessSso: true,
          features: { exchangeHybrid: true, directoryExtensions: true, groupWriteback: false },
        },
      }),
  },
  {
    name: 'history',
    card: 'history',
    description: 'The history command: recorded events with who acted, judgments with findings',
    hostile: true,
    render: () =>
      renderHistoryCard({
        servers: sampleServers,
        timeZone: sampleTimeZone,
        events: [
          {
            at: '2026-10-05T08:00:00.000Z',
            by: 'Alex Wilber',
            summary: 'Migration started: AADC01 → AADC-NEW01.contoso.com; approvers Megan Bowen.',
          },
          {
            at: '2026-10-05T08:03:10.000Z',
            by: 'Alex Wilber',
            summary:
              'Alex Wilber sent global settings (Get-ADSyncGlobalSettings) for “Record the version of the current server”.',
          },
          {
            at: '2026-10-05T08:03:11.000Z',
            summary:
              '“Record the version of the current server” passed with warnings on evidence from Alex Wilber.',
            details: [
              'The old server runs Entra Connect 2.2.1.0 (read from the global settings).',
              '2.2.1.0 retired on 11 October 2024 and is no longer supported; the newest release is 2.6.92.0.',
              hostileText,
            ],
          },
          {
            at: '2026-10-05T08:05:00.000Z',
            by: 'Alex Wilber',
            summary:
              'Alex Wilber continued past the warnings of “Record the version of the current server”.',
          },
        ],
      }),
  },
  {
    name: 'history-worst-case',
    card: 'history',
    description: 'History, worst case: 400 events with long summaries and 20 findings each',
    worstCase: true,
    hostile: true,
    render: () =>
      renderHistoryCard({
        servers: sampleServers,
        timeZone: sampleTimeZone,
        events: Array.from({ length: 400 }, (_, index) => ({
          at: new Date(Date.UTC(2026, 9, 5, 8, index)).toISOString(),
          by: `${hostileText} ${'Person '.repeat(20)}`,
          summary: `${String(index)}: ${hostileText} ${'x'.repeat(900)}`,
          details: Array.from({ length: 20 }, () => `${hostileText} ${'y'.repeat(300)}`),
        })),
      }),
  },
  {
    name: 'cancel-confirmation',
    card: 'cancel confirmation',
    description: 'Confirmation before a migration is cancelled',
    render: () =>
      renderCancelConfirmationCard({ migrationId: sampleMigrationId, servers: sampleServers }),
  },
];
