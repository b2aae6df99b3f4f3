import { TeamsInfo, type AdaptiveCardInvokeResponse, type TurnContext } from 'botbuilder';
import { renderApprovalOutcomeCard } from '../cards/approval-outcome-card';
import { renderApprovalRequestCard } from '../cards/approval-request-card';
import type { AdaptiveCardJson } from '../cards/card-template';
import { renderCheckpointRequestCard } from '../cards/checkpoint-request-card';
import { renderDecommissionChecklistCard } from '../cards/decommission-checklist-card';
import { renderStatusDashboardCard } from '../cards/status-dashboard-card';
import {
  cardVerbs,
  parseCardAction,
  type CardAction,
  type CardActionOf,
  type SnoozeDuration,
} from '../cards/verbs';
import { approverName, decisionRight, type DecidingUser } from '../migration/approval-rules';
import type { Actor } from '../migration/migration-signals';
import {
  isMigrationActive,
  type MigrationRuntimeView,
  type MigrationStatus,
} from '../migration/migration-status';
import { checkpointById } from '../migration/runbook';
import type { MigrationEntry } from '../platform/migration-registry';
import {
  actorOf,
  roleOf,
  senderOf,
  tenantOf,
  type ActiveMigration,
  type MigrationRole,
} from './active-migration';
import { adaptiveCardMessage } from './card-message';
import type { Logger } from './logger';
import { migrationOfCard, signalMigration } from './migration-signals-out';
import type { MigrationServices } from './migration-services';

/** An updated card replacing the one that was clicked. */
export function cardResponse(card: AdaptiveCardJson): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
}

/** A short message Teams shows for the click, leaving the card as it is. */
export function messageResponse(text: string): AdaptiveCardInvokeResponse {
  // Teams takes a plain string here; botframework-schema types every value as an object.
  const value = text as unknown as Record<string, unknown>;
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value };
}

/** The dashboard card of a migration, from its durable summary. */
export function dashboardCard(view: MigrationRuntimeView): AdaptiveCardJson | undefined {
  if (view.status === undefined) return undefined;
  return renderStatusDashboardCard({
    status: view.status,
    timeZone: view.status.timeZone,
    finished: view.runtimeStatus === 'Completed',
    failed: view.runtimeStatus === 'Failed' || view.runtimeStatus === 'Terminated',
  });
}

const snoozeMinutes: Readonly<Record<SnoozeDuration, number>> = { PT1H: 60, PT4H: 240, P1D: 1440 };

/** Who may click what: the owner steers; approvers decide the cutover, snooze, check in and confirm. */
const allowedRoles: Readonly<Record<CardAction['verb'], readonly MigrationRole[]>> = {
  [cardVerbs.startMigration]: [],
  [cardVerbs.submitSignIn]: [],
  [cardVerbs.showInstructions]: ['owner', 'approver', 'viewer'],
  [cardVerbs.refreshStatus]: ['owner', 'approver', 'viewer'],
  [cardVerbs.sendFullDiff]: ['owner', 'approver', 'viewer'],
  [cardVerbs.snoozeReminder]: ['owner', 'approver'],
  [cardVerbs.approveCutover]: ['approver'],
  [cardVerbs.rejectCutover]: ['approver'],
  [cardVerbs.refreshApproval]: ['owner', 'approver', 'viewer'],
  [cardVerbs.reportHealthy]: ['owner', 'approver'],
  [cardVerbs.reportProblem]: ['owner', 'approver'],
  [cardVerbs.confirmRollback]: ['owner'],
  [cardVerbs.resumeMonitoring]: ['owner'],
  [cardVerbs.confirmDecommissionItem]: ['owner', 'approver'],
  [cardVerbs.continueAnyway]: ['owner'],
  [cardVerbs.confirmCancel]: ['owner'],
};

/**
 * Answers an Action.Execute click at once. Card data is never trusted: it is parsed, the migration it
 * names must belong to the clicker's tenant, the clicker's role comes from the registry, and a
 * decision is accepted only while the orchestration waits for exactly that decision. A stale or
 * repeated click gets the current state, never a second decision.
 */
export async function answerCardAction(
  context: TurnContext,
  services: MigrationServices,
  logger: Logger,
): Promise<AdaptiveCardInvokeResponse> {
  const parsed = parseCardAction(context.activity.value);
  if (!parsed.ok) {
    logger.warn('Card action with invalid data', { reason: parsed.error });
    return messageResponse(
      parsed.error.includes('comment')
        ? 'Say in the comment box why you reject the cutover, then press Reject again.'
        : 'That card is out of date or damaged. Type status to get a fresh one.',
    );
  }
  const { action } = parsed;
  const target = await migrationOfCard(services, context, action.migrationId);
  if (target?.entry === undefined) {
    logger.warn('Card action for a migration outside the clicker’s tenant', { verb: action.verb });
    // Recorded on the migration the card names, whichever tenant owns it.
    const named = await services.control.view(action.migrationId);
    if (named?.status !== undefined) {
      await services.audit.append({
        migrationId: action.migrationId,
        kind: 'forged-action',
        at: services.now().toISOString(),
        actor: actorOf(context),
        summary: `A click on “${action.verb}” came from another tenant (${tenantOf(context)}) and was refused.`,
      });
    }
    return messageResponse('That migration is not one of your organisation’s.');
  }
  const actor = actorOf(context);
  const role = roleOf(target.entry, context);
  if (!allowedRoles[action.verb].includes(role)) {
    await recordForged(
      services,
      target.entry,
      actor,
      `${actor.name} (${role}) clicked “${action.verb}”, which is not theirs to use.`,
    );
    return messageResponse(
      role === 'viewer'
        ? 'Only the owner or the approvers of this migration can do that.'
        : 'That is not yours to decide on this migration.',
    );
  }
  return answerFor(context, services, action, { ...target, entry: target.entry }, actor);
}

async function answerFor(
  context: TurnContext,
  services: MigrationServices,
  action: CardAction,
  target: ActiveMigration & { entry: MigrationEntry },
  actor: Actor,
): Promise<AdaptiveCardInvokeResponse> {
  const { view, entry } = target;
  const status = view.status;
  const active = isMigrationActive(view.runtimeStatus) && status !== undefined;
  const current = (): AdaptiveCardInvokeResponse => {
    const card = dashboardCard(view);
    return card === undefined
      ? messageResponse('This migration has no status to show yet.')
      : cardResponse(card);
  };
  const signal = async (
    body: Parameters<typeof signalMigration>[3],
    summary: string,
    kind: Parameters<typeof signalMigration>[4]['kind'] = 'command',
  ): Promise<boolean> =>
    (await signalMigration(services, entry, actor, body, {
      kind,
      summary,
      key: `${body.type}:${context.activity.id ?? services.now().toISOString()}`,
    })) === 'accepted';

  switch (action.verb) {
    case cardVerbs.refreshStatus:
      return current();
    case cardVerbs.showInstructions: {
      if (!active || status.checkpoint !== action.checkpointId) {
        return messageResponse(
          'That step is not the current one any more. Type status to see where the migration stands.',
        );
      }
      await context.sendActivity(
        adaptiveCardMessage(
          renderCheckpointRequestCard({
            servers: status,
            checkpoint: checkpointById(action.checkpointId),
          }),
        ),
      );
      return messageResponse('The instructions are in the chat.');
    }
    case cardVerbs.sendFullDiff:
      return messageResponse(
        'Every difference is listed in the audit log of this migration; the card shows the most important ones.',
      );
    case cardVerbs.snoozeReminder: {
      if (!active) return current();
      await signal(
        { type: 'snooze', minutes: snoozeMinutes[action.snooze] },
        `${actor.name} snoozed the reminders (${action.snooze}).`,
        'snooze',
      );
      return messageResponse('Snoozed. The next reminder comes later, inside working hours.');
    }
    case cardVerbs.approveCutover:
    case cardVerbs.rejectCutover:
      return decide(context, services, action, target, actor, signal);
    case cardVerbs.refreshApproval: {
      if (!active || status.awaiting !== 'approval' || status.decisionId !== action.decisionId)
        return current();
      const right = decisionRight(await decidingUser(context), entry.approvers, ownerOf(entry));
      return cardResponse(
        approvalCard(entry, status, action.decisionId, right.allowed ? 'approver' : 'shared'),
      );
    }
    case cardVerbs.reportHealthy:
    case cardVerbs.reportProblem: {
      if (!active || status.monitoring === null)
        return messageResponse('Monitoring is not running, so there is nothing to check in to.');
      const healthy = action.verb === cardVerbs.reportHealthy;
      await signal(
        healthy
          ? { type: 'check-in', day: action.day, healthy: true }
          : { type: 'check-in', day: action.day, healthy: false, problem: action.problem },
        healthy
          ? `${actor.name}: day ${String(action.day)} healthy.`
          : `${actor.name} reported a problem on day ${String(action.day)}.`,
        healthy ? 'command' : 'notice',
      );
      return messageResponse(
        healthy
          ? `Thanks: day ${String(action.day)} recorded as healthy.`
          : 'Problem recorded: the rollback guide follows.',
      );
    }
    case cardVerbs.confirmRollback:
    case cardVerbs.resumeMonitoring: {
      if (!active || (status.monitoring?.problem ?? null) === null) {
        return messageResponse('No monitoring problem is open.');
      }
      const rollback = action.verb === cardVerbs.confirmRollback;
      await signal(
        { type: rollback ? 'rollback-done' : 'resume-monitoring' },
        rollback ? `${actor.name} confirmed the rollback.` : `${actor.name} resumed monitoring.`,
      );
      return messageResponse(
        rollback ? 'Rollback recorded.' : 'Monitoring resumes where it stopped.',
      );
    }
    case cardVerbs.confirmDecommissionItem: {
      if (!active || status.checkpoint !== 'decommission') return current();
      const already = status.decommissionConfirmed.some((c) => c.item === action.item);
      if (!already) {
        await signal(
          { type: 'decommission-confirm', item: action.item },
          `${actor.name} confirmed ${action.item}.`,
          'decision',
        );
      }
      const confirmed = [
        ...status.decommissionConfirmed,
        ...(already
          ? []
          : [{ item: action.item, by: actor.name, at: services.now().toISOString() }]),
      ];
      return cardResponse(
        renderDecommissionChecklistCard({
          migrationId: entry.migrationId,
          servers: entry,
          timeZone: status.timeZone,
          confirmed: Object.fromEntries(confirmed.map((c) => [c.item, { by: c.by, at: c.at }])),
        }),
      );
    }
    case cardVerbs.continueAnyway: {
      if (
        !active ||
        status.checkpoint !== action.checkpointId ||
        status.lastJudgment?.status !== 'warn' ||
        status.awaiting !== 'confirmation'
      ) {
        return messageResponse('That step is not waiting for a decision to continue any more.');
      }
      await signal(
        { type: 'continue-anyway', checkpoint: action.checkpointId },
        `${actor.name} continued past the warnings.`,
        'decision',
      );
      return messageResponse('Noted: moving on despite the warnings.');
    }
    case cardVerbs.confirmCancel: {
      if (!active) return current();
      await signal({ type: 'cancel' }, `${actor.name} cancelled the migration.`);
      return messageResponse('Cancelling the migration.');
    }
    case cardVerbs.startMigration:
    case cardVerbs.submitSignIn:
      return messageResponse('Submit the form with its button.');
  }
}

async function decide(
  context: TurnContext,
  services: MigrationServices,
  action:
    CardActionOf<typeof cardVerbs.approveCutover> | CardActionOf<typeof cardVerbs.rejectCutover>,
  target: ActiveMigration & { entry: MigrationEntry },
  actor: Actor,
  signal: (
    body: Parameters<typeof signalMigration>[3],
    summary: string,
    kind?: Parameters<typeof signalMigration>[4]['kind'],
  ) => Promise<boolean>,
): Promise<AdaptiveCardInvokeResponse> {
  const { entry, view } = target;
  const status = view.status;
  const pending =
    isMigrationActive(view.runtimeStatus) &&
    status?.awaiting === 'approval' &&
    status.decisionId === action.decisionId;
  if (!pending) {
    await recordForged(
      services,
      entry,
      actor,
      `${actor.name} clicked a stale or repeated approval (${action.decisionId}).`,
    );
    const card = dashboardCard(view);
    return card === undefined
      ? messageResponse('This approval request is no longer open.')
      : cardResponse(card);
  }
  const right = decisionRight(await decidingUser(context), entry.approvers, ownerOf(entry));
  if (!right.allowed) {
    await recordForged(
      services,
      entry,
      actor,
      `${actor.name} tried to decide the cutover: ${right.reason}`,
    );
    return messageResponse(right.reason);
  }
  const approve = action.verb === cardVerbs.approveCutover;
  const comment =
    action.comment === undefined || action.comment === '' ? undefined : action.comment;
  const accepted = await signal(
    {
      type: 'decision',
      decisionId: action.decisionId,
      approve,
      approverId: right.approver.id,
      ...(comment === undefined ? {} : { comment }),
    },
    `${actor.name} ${approve ? 'approved' : 'rejected'} the cutover${comment === undefined ? '' : `: ${comment}`}.`,
    'decision',
  );
  if (!accepted) return messageResponse('The migration has just finished; nothing was changed.');
  return cardResponse(
    renderApprovalOutcomeCard({
      servers: entry,
      decision: approve ? 'approved' : 'rejected',
      decidedBy: actor.name,
      decidedAt: services.now().toISOString(),
      requestedBy: entry.ownerName,
      timeZone: status.timeZone,
      ...(comment === undefined ? {} : { comment }),
    }),
  );
}

/** The clicker, with their sign-in name when Teams can tell it (approvers may be named by UPN). */
async function decidingUser(context: TurnContext): Promise<DecidingUser> {
  const sender = senderOf(context);
  const known = { aadObjectId: sender.aadObjectId, name: sender.name, teamsUserId: sender.id };
  try {
    const upn = (await TeamsInfo.getMember(context, sender.id)).userPrincipalName;
    return upn === undefined || upn === '' ? known : { ...known, userPrincipalName: upn };
  } catch {
    // Outside Teams (or without the member API) the ids alone decide.
    return known;
  }
}

function ownerOf(entry: MigrationEntry): { id: string; aadObjectId: string; name: string } {
  return { id: entry.ownerAadObjectId, aadObjectId: entry.ownerAadObjectId, name: entry.ownerName };
}

function approvalCard(
  entry: MigrationEntry,
  status: MigrationStatus,
  decisionId: string,
  audience: 'approver' | 'shared',
): AdaptiveCardJson {
  return renderApprovalRequestCard({
    migrationId: entry.migrationId,
    decisionId,
    servers: entry,
    monitoringDays: entry.monitoringDays,
    requestedBy: entry.ownerName,
    requestedAt: status.updatedAt,
    timeZone: status.timeZone,
    approvers: entry.approvers.map(approverName),
    evidence: status.completedCheckpoints.map((checkpointId) => ({
      checkpointId,
      status: 'pass' as const,
    })),
    audience,
  });
}

async function recordForged(
  services: MigrationServices,
  entry: MigrationEntry,
  actor: Actor,
  summary: string,
): Promise<void> {
  await services.audit.append({
    migrationId: entry.migrationId,
    kind: 'forged-action',
    at: services.now().toISOString(),
    actor,
    summary,
  });
}
