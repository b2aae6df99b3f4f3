import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderActionTakenCard } from '../../cards/action-taken-card';
import { renderApprovalOutcomeCard } from '../../cards/approval-outcome-card';
import { renderApprovalRequestCard } from '../../cards/approval-request-card';
import { renderCancelConfirmationCard } from '../../cards/cancel-confirmation-card';
import type { AdaptiveCardJson } from '../../cards/card-template';
import { renderCheckpointRequestCard } from '../../cards/checkpoint-request-card';
import { renderCheckpointResultCard } from '../../cards/checkpoint-result-card';
import { renderCloudSyncForm } from '../../cards/cloud-sync-form-card';
import { renderCloudSyncResult } from '../../cards/cloud-sync-result-card';
import { renderConfigDiffCard } from '../../cards/config-diff-card';
import { renderDecommissionChecklistCard } from '../../cards/decommission-checklist-card';
import { renderErrorCard } from '../../cards/error-card';
import { renderEscalationCard } from '../../cards/escalation-card';
import { renderFinalReportCard } from '../../cards/final-report-card';
import { renderHelpCard } from '../../cards/help-card';
import { renderHistoryCard } from '../../cards/history-card';
import { renderMonitoringCheckInCard } from '../../cards/monitoring-check-in-card';
import { renderReminderCard } from '../../cards/reminder-card';
import { renderRollbackGuideCard } from '../../cards/rollback-guide-card';
import { renderSignInFormCard } from '../../cards/sign-in-form-card';
import { renderStartForm } from '../../cards/start-form-card';
import { renderStatusDashboardCard } from '../../cards/status-dashboard-card';
import {
  sampleMigrationId,
  sampleOldServerCutoff,
  sampleStatus,
  sampleTimeZone,
} from '../../cards/samples/sample-migration';
import { decideCloudSyncFit, simpleTenantFeatures } from '../../migration/cloud-sync-fit';
import { checkpointById } from '../../migration/runbook';
import { hostileText } from '../support/hostile-text';
import { allObjects } from './card-json';
import { hasTemplateExpression, liveMarkup, unescapedMarkup } from './markup';

/** Text Teams reads as markdown and formats `{{DATE()}}` in: TextBlock and TextRun text, facts. */
function markdownTexts(card: unknown): string[] {
  return allObjects(card).flatMap((object) => {
    if (
      (object.type === 'TextBlock' || object.type === 'TextRun') &&
      typeof object.text === 'string'
    )
      return [object.text];
    if (object.type === 'FactSet' && Array.isArray(object.facts)) {
      return allObjects(object.facts).flatMap((fact) =>
        [fact.title, fact.value].filter((text) => typeof text === 'string'),
      );
    }
    return [];
  });
}

/**
 * Every card the bot renders, with the same text `t` in every field a person or their evidence can
 * fill: names and sign-in names, server names, comments and reasons, file names, pasted output.
 */
const renderers: Readonly<Record<string, (t: string) => AdaptiveCardJson>> = {
  renderActionTakenCard: (t) =>
    renderActionTakenCard({
      servers: { oldServer: t, newServer: t },
      title: t,
      done: t,
      by: t,
      at: '2026-10-20T10:12:00Z',
      timeZone: sampleTimeZone,
      footnote: t,
    }),
  renderApprovalOutcomeCard: (t) =>
    renderApprovalOutcomeCard({
      servers: { oldServer: t, newServer: t },
      decision: 'rejected',
      decidedBy: t,
      decidedAt: '2026-10-20T10:12:00Z',
      requestedBy: t,
      timeZone: sampleTimeZone,
      comment: t,
    }),
  renderApprovalRequestCard: (t) =>
    renderApprovalRequestCard({
      migrationId: sampleMigrationId,
      decisionId: 'cutover-approval#1',
      servers: { oldServer: t, newServer: t },
      monitoringDays: 7,
      requestedBy: t,
      requestedAt: '2026-10-20T09:30:00Z',
      timeZone: sampleTimeZone,
      approvers: [t, t],
      evidence: [{ checkpointId: 'staging-sync', status: 'pass' }],
      audience: 'shared',
      refreshUserIds: [t],
      comment: t,
      problem: t,
      oldServerCutoff: sampleOldServerCutoff,
    }),
  renderCancelConfirmationCard: (t) =>
    renderCancelConfirmationCard({
      migrationId: sampleMigrationId,
      servers: { oldServer: t, newServer: t },
    }),
  renderCheckpointRequestCard: (t) =>
    renderCheckpointRequestCard({
      place: 'shared',
      servers: { oldServer: t, newServer: t },
      checkpoint: checkpointById('old-server-staging'),
      oldServerOffline: { migrationId: sampleMigrationId, cutoff: sampleOldServerCutoff },
    }),
  renderCheckpointResultCard: (t) =>
    renderCheckpointResultCard({
      migrationId: sampleMigrationId,
      servers: { oldServer: t, newServer: t },
      judgment: {
        checkpoint: 'source-settings',
        status: 'warn',
        findings: [{ severity: 'warning', message: t, remediation: t }],
        facts: { [t]: t },
      },
      evidence: {
        submittedBy: t,
        submittedAt: '2026-10-14T13:42:00Z',
        sha256: '3f2a9c1d7b4e8f06a5d2c91b0e7f3a6d4c8b2e1f9a0d7c6b5e4f3a2b1c0d9e8f',
        bytes: 2174,
        fileName: t,
      },
      timeZone: sampleTimeZone,
    }),
  renderCloudSyncForm: (t) =>
    renderCloudSyncForm({
      prefill: { migrationId: sampleMigrationId, oldServer: t, taken: [t] },
      problem: t,
    }),
  // Its text is all Learn's: no field takes user text, and none may hold an expression.
  renderCloudSyncResult: () =>
    renderCloudSyncResult(decideCloudSyncFit({ ...simpleTenantFeatures, deviceWriteback: true })),
  renderConfigDiffCard: (t) =>
    renderConfigDiffCard({
      migrationId: sampleMigrationId,
      servers: { oldServer: t, newServer: t },
      differences: [
        {
          kind: 'changed',
          path: t,
          oldValue: t,
          newValue: t,
          importance: 'critical',
          area: 'ou-filter',
        },
      ],
      oldFile: t,
      newFile: t,
    }),
  renderDecommissionChecklistCard: (t) =>
    renderDecommissionChecklistCard({
      migrationId: sampleMigrationId,
      servers: { oldServer: t, newServer: t },
      timeZone: sampleTimeZone,
      confirmed: { 'uninstall-old-server': { by: t, at: '2026-10-28T09:10:00Z' } },
      adConnectorAccount: t,
      entraConnectorAccount: t,
    }),
  renderErrorCard: (t) =>
    renderErrorCard({
      message: t,
      correlationId: t,
      tips: [t],
      occurredAt: '2026-10-14T13:42:10Z',
    }),
  renderEscalationCard: (t) =>
    renderEscalationCard({
      servers: { oldServer: t, newServer: t },
      checkpointId: 'cutover-approval',
      awaiting: 'approval',
      waitingOn: [t, `${t} 2`],
      notReached: [t],
      waitingSince: '2026-10-20T09:30:00Z',
      now: '2026-10-23T07:00:00Z',
      timeZone: sampleTimeZone,
      remindersSent: 3,
    }),
  renderFinalReportCard: (t) =>
    renderFinalReportCard({
      servers: { oldServer: t, newServer: t },
      ownerName: t,
      startedAt: '2026-10-12T08:14:00Z',
      finishedAt: '2026-10-29T14:20:00Z',
      timeZone: sampleTimeZone,
      monitoringDays: 7,
      problemsReported: 1,
      timeline: [{ at: '2026-10-20T10:12:00Z', text: t }],
      approvals: [{ decision: 'rejected', by: t, at: '2026-10-20T10:12:00Z', comment: t }],
      evidence: [
        {
          checkpointId: 'config-export',
          status: 'pass',
          sha256: 'c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2',
          bytes: 398_044,
          fileName: t,
          submittedBy: t,
          submittedAt: '2026-10-12T10:30:00Z',
        },
      ],
      oldServerOffline: { how: 'isolated', by: t, at: '2026-10-20T11:05:00Z' },
    }),
  // The commands are the bot's own: none may hold an expression.
  renderHelpCard: () =>
    renderHelpCard({
      commands: [{ name: 'status', description: 'Show where the migration stands.' }],
      minimumSyncVersion: '2.5.79.0',
      enforcedSince: '30 September 2026',
      targetVersion: '2.6.84.0',
      targetBy: '7 April 2027',
    }),
  renderHistoryCard: (t) =>
    renderHistoryCard({
      servers: { oldServer: t, newServer: t },
      timeZone: sampleTimeZone,
      events: [{ at: '2026-10-05T08:00:00.000Z', by: t, summary: t, details: [t] }],
    }),
  renderMonitoringCheckInCard: (t) =>
    renderMonitoringCheckInCard({
      migrationId: sampleMigrationId,
      servers: { oldServer: t, newServer: t },
      day: 2,
      totalDays: 7,
      timeZone: sampleTimeZone,
      oldServer: { cutoff: sampleOldServerCutoff, offline: 'shut-down' },
    }),
  renderReminderCard: (t) =>
    renderReminderCard(
      {
        migrationId: sampleMigrationId,
        servers: { oldServer: t, newServer: t },
        checkpointId: 'tls12',
        awaiting: 'evidence',
        waitingOn: [t],
        waitingSince: '2026-10-12T14:05:00Z',
        now: '2026-10-14T07:00:00Z',
        timeZone: sampleTimeZone,
        reminderNumber: 2,
        nextReminderAt: '2026-10-16T07:00:00Z',
      },
      'shared',
    ),
  renderRollbackGuideCard: (t) =>
    renderRollbackGuideCard({
      migrationId: sampleMigrationId,
      servers: { oldServer: t, newServer: t },
      timeZone: sampleTimeZone,
      problem: { text: t, reportedBy: t, reportedAt: '2026-10-22T08:15:00Z' },
    }),
  renderSignInFormCard: (t) =>
    renderSignInFormCard({
      migrationId: sampleMigrationId,
      servers: { oldServer: t, newServer: t },
      prefill: { method: 'phs', seamlessSso: true, features: { exchangeHybrid: true } },
    }),
  renderStartForm: (t) =>
    renderStartForm({
      migrationId: sampleMigrationId,
      peoplePicker: true,
      values: {
        oldServer: t,
        newServer: t,
        approvers: [{ id: 'a8e3b6d2-17c4-4f59-9b0e-6d1f2c3a4e5b', name: t }],
        approversText: t,
        timeZone: t,
        workStart: t,
        workEnd: t,
      },
      problems: [
        { field: 'approversText', message: t },
        { field: t, message: t },
      ],
    }),
  renderStatusDashboardCard: (t) =>
    renderStatusDashboardCard({
      status: {
        ...sampleStatus,
        oldServer: t,
        newServer: t,
        ownerName: t,
        awaitingWho: [t],
        phase: 'monitor',
        checkpoint: 'monitoring',
        monitoring: { day: 2, of: 7, problem: t },
        oldServerOffline: { how: 'shut-down', by: t, at: '2026-10-20T11:05:00Z' },
      },
      timeZone: sampleTimeZone,
    }),
};

// A text with no markup at all: what each card shows of its own when the user's text is harmless.
const harmless = 'x';

describe.each(Object.entries(renderers))('%s with hostile user text', (_name, render) => {
  it('leaves no template expression anywhere in the card', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const card = render(text);

        expect(JSON.stringify(card)).not.toContain('${');
        for (const shown of [...markdownTexts(card), String(card.fallbackText)]) {
          expect(hasTemplateExpression(shown)).toBe(false);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('escapes every markup character in its markdown text', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const unescaped = markdownTexts(render(text)).flatMap((shown) =>
          unescapedMarkup(shown).map((found) => `${found} in ${JSON.stringify(shown)}`),
        );

        expect(unescaped).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('keeps its fallback text free of live markup from the user’s text', () => {
    const own = liveMarkup(String(render(harmless).fallbackText));
    fc.assert(
      fc.property(hostileText, (text) => {
        expect(liveMarkup(String(render(text).fallbackText))).toEqual(own);
      }),
      { numRuns: 150 },
    );
  });
});

it('covers every card renderer', () => {
  const cardsFolder = path.join(__dirname, '../../cards');
  const exported = readdirSync(cardsFolder)
    .filter((name) => name.endsWith('.ts'))
    .flatMap((name) =>
      [
        ...readFileSync(path.join(cardsFolder, name), 'utf8').matchAll(
          /^export function (render\w+)/gm,
        ),
      ].map((match) => match[1]),
    )
    // A building block of the notice cards, which are covered; its data must come escaped.
    .filter((name) => name !== 'renderNotice');

  expect(exported.sort()).toEqual(Object.keys(renderers).sort());
});
