import { snoozeTexts } from './migration-text';
import type { AdaptiveCardInvokeResponse, TurnContext } from 'botbuilder';
import { renderActionTakenCard } from '../cards/action-taken-card';
import { renderApprovalOutcomeCard } from '../cards/approval-outcome-card';
import { renderApprovalRequestCard } from '../cards/approval-request-card';
import type { AdaptiveCardJson } from '../cards/card-template';
import { renderCheckpointRequestCard } from '../cards/checkpoint-request-card';
import { renderDecommissionChecklistCard } from '../cards/decommission-checklist-card';
import { renderStatusDashboardCard } from '../cards/status-dashboard-card';
import {
  approvalCommentInput,
  cardVerbs,
  parseCardAction,
  type CardActionOf,
  type CardVerb,
  type MigrationCardVerb,
  type SnoozeDuration,
} from '../cards/verbs';
import type { Actor } from '../migration/migration-signals';
import {
  isMigrationActive,
  type MigrationRuntimeView,
  type MigrationStatus,
} from '../migration/migration-status';
import { offlineText } from '../migration/old-server-cutoff';
import { checkpointById } from '../migration/runbook';
import { approverName, decisionRight } from '../migration/workflow/approval';
import { approvalRequestOf, type ApprovalFacts } from '../migration/workflow/approval-request';
import {
  actionApplies,
  mayAct,
  type ActionTarget,
  type WorkflowAction,
} from '../migration/workflow/permissions';
import type { MigrationEntry } from '../platform/migration-registry';
import { actorOf, decidingUser, roleOf, tenantOf } from './active-migration';
import { adaptiveCardMessage } from './card-message';
import type { Logger } from './logger';
import {
  migrationOfCard,
  signalMigration,
  signalReply,
  type SignalBody,
} from './migration-signals-out';
import type { MigrationServices } from './migration-services';
import type { AuditEntryKind } from '../platform/audit-log';
import { offerCloudSyncCheck } from './cloud-sync-check';

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

/** The dashboard card of a migration, from its durable summary and the app's settings problems. */
export function dashboardCard(
  view: MigrationRuntimeView,
  services: Pick<MigrationServices, 'settingsProblems'>,
): AdaptiveCardJson | undefined {
  if (view.status === undefined) return undefined;
  return renderStatusDashboardCard({
    status: view.status,
    timeZone: view.status.timeZone,
    settings: services.settingsProblems,
    finished: view.runtimeStatus === 'Completed',
    failed: view.runtimeStatus === 'Failed' || view.runtimeStatus === 'Terminated',
  });
}

const snoozeMinutes: Readonly<Record<SnoozeDuration, number>> = { PT1H: 60, PT4H: 240, P1D: 1440 };

/** One click being answered: the parsed action, its migration (of the clicker's tenant) and who clicked. */
interface Click<V extends CardVerb> {
  readonly context: TurnContext;
  readonly services: MigrationServices;
  readonly action: CardActionOf<V>;
  readonly entry: MigrationEntry;
  readonly view: MigrationRuntimeView;
  /** The summary while the migration runs; undefined once it has finished. */
  readonly status: MigrationStatus | undefined;
  readonly actor: Actor;
}

/** How one verb is answered. */
interface VerbRule<V extends CardVerb> {
  /** The workflow action it is: who may click it, and when it applies. Null: not a click at all. */
  readonly action: WorkflowAction | null;
  /** What the action is aimed at, from the card's (parsed) data. */
  readonly target?: (action: CardActionOf<V>) => ActionTarget;
  /** The answer while the migration does not wait for it (or has finished); the dashboard when absent. */
  readonly notWaiting?: string;
  /** The answer when it applies (runs only then). */
  readonly answer: (click: Click<V>) => Promise<AdaptiveCardInvokeResponse>;
}

type VerbTable = { readonly [V in MigrationCardVerb]: VerbRule<V> };

/**
 * Every verb: which workflow action it is (roles and applicability come from
 * migration/workflow/permissions) and how it is answered.
 */
const verbRules: VerbTable = {
  [cardVerbs.refreshStatus]: {
    action: 'view',
    answer: (click) => Promise.resolve(current(click.view, click.services)),
  },
  [cardVerbs.showInstructions]: {
    action: 'view',
    async answer({ context, action, status }) {
      if (status?.checkpoint !== action.checkpointId) {
        return messageResponse(
          'That step is not the current one any more. Type status to see where the migration stands.',
        );
      }
      const cutoff = actionApplies('confirm-old-server-offline', status)
        ? (status.oldServerCutoff ?? null)
        : null;
      await context.sendActivity(
        adaptiveCardMessage(
          renderCheckpointRequestCard({
            servers: status,
            checkpoint: checkpointById(action.checkpointId),
            ...(cutoff === null
              ? {}
              : { oldServerOffline: { migrationId: status.migrationId, cutoff } }),
          }),
        ),
      );
      return messageResponse('The instructions are in the chat.');
    },
  },
  [cardVerbs.sendFullDiff]: {
    action: 'view',
    answer: () =>
      Promise.resolve(
        messageResponse(
          'Every difference is listed in the audit log of this migration; the card shows the most important ones.',
        ),
      ),
  },
  [cardVerbs.snoozeReminder]: {
    action: 'snooze',
    answer: (click) => {
      const minutes = snoozeMinutes[click.action.snooze];
      const { summary, reply } = snoozeTexts(click.actor.name, minutes);
      return deliver(click, { type: 'snooze', minutes }, 'snooze', summary, reply);
    },
  },
  [cardVerbs.approveCutover]: { action: 'decide-cutover', target: decisionTarget, answer: decide },
  [cardVerbs.rejectCutover]: { action: 'decide-cutover', target: decisionTarget, answer: decide },
  [cardVerbs.refreshApproval]: {
    action: 'view',
    async answer({ context, services, action, entry, status, view }) {
      if (
        status === undefined ||
        status.approval === null ||
        !actionApplies('decide-cutover', status, { decisionId: action.decisionId })
      ) {
        return current(view, services);
      }
      const right = decisionRight(await decidingUser(context), entry.approvers, {
        aadObjectId: entry.ownerAadObjectId,
      });
      return cardResponse(
        renderApprovalRequestCard({
          ...approvalRequestOf(approvalFactsOf(entry, status), action.decisionId, status.approval),
          audience: right.allowed ? 'approver' : 'shared',
        }),
      );
    },
  },
  [cardVerbs.reportHealthy]: {
    action: 'check-in',
    notWaiting: 'Monitoring is not running, so there is nothing to check in to.',
    answer: (click) =>
      deliver(
        click,
        { type: 'check-in', day: click.action.day, healthy: true },
        'command',
        `${click.actor.name}: day ${String(click.action.day)} healthy.`,
        `Thanks: day ${String(click.action.day)} recorded as healthy.`,
        { title: `Monitoring · day ${String(click.action.day)}` },
      ),
  },
  [cardVerbs.reportProblem]: {
    action: 'check-in',
    notWaiting: 'Monitoring is not running, so there is nothing to check in to.',
    answer: (click) =>
      deliver(
        click,
        { type: 'check-in', day: click.action.day, healthy: false, problem: click.action.problem },
        'notice',
        `${click.actor.name} reported a problem on day ${String(click.action.day)}.`,
        'Problem recorded: the rollback guide follows.',
        { title: `Monitoring · day ${String(click.action.day)}` },
      ),
  },
  [cardVerbs.confirmRollback]: {
    action: 'confirm-rollback',
    notWaiting:
      'Nothing to roll back: no monitoring problem is open, or the old server is below a version cutoff and cannot take over again (fix forward on the new server, as the guide says).',
    answer: (click) =>
      deliver(
        click,
        { type: 'rollback-done' },
        'command',
        `${click.actor.name} confirmed the rollback.`,
        'Rollback recorded.',
      ),
  },
  [cardVerbs.resumeMonitoring]: {
    action: 'resume-monitoring',
    notWaiting: 'No monitoring problem is open.',
    answer: (click) =>
      deliver(
        click,
        { type: 'resume-monitoring' },
        'command',
        `${click.actor.name} resumed monitoring.`,
        'Monitoring resumes where it stopped.',
      ),
  },
  [cardVerbs.confirmDecommissionItem]: { action: 'confirm-decommission', answer: confirmItem },
  [cardVerbs.continueAnyway]: {
    action: 'continue-anyway',
    target: (action) => ({ checkpointId: action.checkpointId }),
    notWaiting: 'That step is not waiting for a decision to continue any more.',
    answer: (click) =>
      deliver(
        click,
        { type: 'continue-anyway', checkpoint: click.action.checkpointId },
        'decision',
        `${click.actor.name} continued past the warnings.`,
        'Noted: moving on despite the warnings.',
        {
          title: checkpointById(click.action.checkpointId).title,
          footnote: 'The warnings stay in the history of this migration: type history to see them.',
        },
      ),
  },
  [cardVerbs.confirmOldServerOffline]: {
    action: 'confirm-old-server-offline',
    target: (action) => ({ checkpointId: action.checkpointId }),
    notWaiting:
      'That does not apply: the migration is not waiting for the old server to leave service, or its version can still be put in staging mode with the wizard.',
    answer: (click) =>
      deliver(
        click,
        { type: 'old-server-offline', how: click.action.how },
        'decision',
        `${click.actor.name} confirmed that ${offlineText(click.action.how, click.entry.oldServer)} instead of being put in staging mode.`,
        click.action.how === 'shut-down'
          ? `Noted: ${click.entry.oldServer} is shut down. Keep it off until it is decommissioned; next, make the new server active.`
          : `Noted: ${click.entry.oldServer} is isolated. Keep it isolated until it is decommissioned; next, make the new server active.`,
      ),
  },
  [cardVerbs.confirmCancel]: {
    action: 'cancel',
    answer: (click) =>
      deliver(
        click,
        { type: 'cancel' },
        'command',
        `${click.actor.name} cancelled the migration.`,
        'Cancelling the migration.',
      ),
  },
  // Forms arrive as Action.Submit messages (migration-bot.ts), never as a click to answer here.
  [cardVerbs.startMigration]: { action: null, answer: submitWithButton },
  [cardVerbs.submitSignIn]: { action: null, answer: submitWithButton },
};

function submitWithButton(): Promise<AdaptiveCardInvokeResponse> {
  return Promise.resolve(messageResponse('Submit the form with its button.'));
}

function decisionTarget(
  action: CardActionOf<typeof cardVerbs.approveCutover | typeof cardVerbs.rejectCutover>,
): ActionTarget {
  return { decisionId: action.decisionId };
}

function current(
  view: MigrationRuntimeView,
  services: Pick<MigrationServices, 'settingsProblems'>,
): AdaptiveCardInvokeResponse {
  const card = dashboardCard(view, services);
  return card === undefined
    ? messageResponse('This migration has no status to show yet.')
    : cardResponse(card);
}

/**
 * Answers an Action.Execute click at once. Card data is never trusted: it is parsed, the migration it
 * names must belong to the clicker's tenant, the clicker's role comes from the registry, and the
 * click must apply to what the migration waits for now. A stale or repeated click gets the current
 * state, never a second decision.
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
      parsed.problems.some((problem) => problem.field === approvalCommentInput)
        ? 'Say in the comment box why you reject the cutover, then press Reject again.'
        : 'That card is out of date or damaged. Type status to get a fresh one.',
    );
  }
  const { action } = parsed;
  if (action.verb === cardVerbs.openCloudSyncCheck) {
    await offerCloudSyncCheck(context, services);
    return messageResponse('The Cloud Sync check is in the chat.');
  }
  if (action.verb === cardVerbs.checkCloudSync || action.verb === cardVerbs.continueToMigration) {
    return submitWithButton();
  }
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
  const { entry, view } = target;
  const actor = actorOf(context);
  const role = roleOf(entry, context);
  const rule = verbRules[action.verb] as VerbRule<typeof action.verb>;
  if (rule.action === null || !mayAct(rule.action, role)) {
    await recordForged(
      services,
      entry,
      actor,
      `${actor.name} (${role}) clicked “${action.verb}”, which is not theirs to use.`,
    );
    return messageResponse(
      role === 'viewer'
        ? 'Only the owner or the approvers of this migration can do that.'
        : 'That is not yours to decide on this migration.',
    );
  }
  const status = isMigrationActive(view.runtimeStatus) ? view.status : undefined;
  const aimedAt = rule.target?.(action) ?? {};
  if (status === undefined || !actionApplies(rule.action, status, aimedAt)) {
    if (rule.action === 'view') {
      return rule.answer({ context, services, action, entry, view, status, actor });
    }
    if (rule.action === 'decide-cutover') {
      await recordForged(
        services,
        entry,
        actor,
        `${actor.name} clicked a stale or repeated approval (${aimedAt.decisionId ?? ''}).`,
      );
      const card = dashboardCard(view, services);
      return card === undefined
        ? messageResponse('This approval request is no longer open.')
        : cardResponse(card);
    }
    return rule.notWaiting === undefined
      ? current(view, services)
      : messageResponse(rule.notWaiting);
  }
  return rule.answer({ context, services, action, entry, view, status, actor });
}

/** Signals the migration, then answers with what came of it (delivered, or why nothing changed). */
async function deliver<V extends CardVerb>(
  click: Click<V>,
  body: SignalBody,
  kind: AuditEntryKind,
  summary: string,
  reply: string,
  ended?: { readonly title?: string; readonly footnote?: string },
): Promise<AdaptiveCardInvokeResponse> {
  const at = click.services.now();
  const result = await signalMigration(click.services, click.entry, click.actor, body, {
    kind,
    summary,
    key: `${body.type}:${click.context.activity.id ?? at.toISOString()}`,
  });
  if (result !== 'accepted' || click.status === undefined) {
    return messageResponse(signalReply(result, reply));
  }
  // The clicked card ends with its action: what was done, by whom, when, and no buttons left.
  return cardResponse(
    renderActionTakenCard({
      servers: click.status,
      title: ended?.title ?? currentStepTitle(click.status),
      done: reply,
      by: click.actor.name,
      at: at.toISOString(),
      timeZone: click.status.timeZone,
      ...(ended?.footnote === undefined ? {} : { footnote: ended.footnote }),
    }),
  );
}

/** The step a migration is at, as the clicked card most likely named it. */
function currentStepTitle(status: MigrationStatus): string {
  return status.checkpoint === null
    ? `${status.oldServer} → ${status.newServer}`
    : checkpointById(status.checkpoint).title;
}

async function decide<V extends typeof cardVerbs.approveCutover | typeof cardVerbs.rejectCutover>(
  click: Click<V>,
): Promise<AdaptiveCardInvokeResponse> {
  const { context, services, entry, actor, status } = click;
  const action: CardActionOf<typeof cardVerbs.approveCutover | typeof cardVerbs.rejectCutover> =
    click.action;
  if (status === undefined) return current(click.view, click.services);
  const right = decisionRight(await decidingUser(context), entry.approvers, {
    aadObjectId: entry.ownerAadObjectId,
  });
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
  const result = await signalMigration(
    services,
    entry,
    actor,
    {
      type: 'decision',
      decisionId: action.decisionId,
      approve,
      approverId: right.approver.id,
      ...(comment === undefined ? {} : { comment }),
    },
    {
      kind: 'decision',
      summary: `${actor.name} ${approve ? 'approved' : 'rejected'} the cutover${comment === undefined ? '' : `: ${comment}`}.`,
      key: `decision:${context.activity.id ?? services.now().toISOString()}`,
    },
  );
  if (result !== 'accepted') return messageResponse(signalReply(result, ''));
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

async function confirmItem(
  click: Click<typeof cardVerbs.confirmDecommissionItem>,
): Promise<AdaptiveCardInvokeResponse> {
  const { services, action, entry, actor } = click;
  const status = click.status;
  if (status === undefined) return current(click.view, click.services);
  const already = status.decommissionConfirmed.some((c) => c.item === action.item);
  let confirmed = status.decommissionConfirmed;
  if (!already) {
    const result = await signalMigration(
      services,
      entry,
      actor,
      { type: 'decommission-confirm', item: action.item },
      {
        kind: 'decision',
        summary: `${actor.name} confirmed ${action.item}.`,
        key: `decommission-confirm:${click.context.activity.id ?? services.now().toISOString()}`,
      },
    );
    if (result !== 'accepted') return messageResponse(signalReply(result, ''));
    confirmed = [
      ...confirmed,
      { item: action.item, by: actor.name, at: services.now().toISOString() },
    ];
  }
  return cardResponse(
    renderDecommissionChecklistCard({
      migrationId: entry.migrationId,
      servers: entry,
      timeZone: status.timeZone,
      confirmed: Object.fromEntries(confirmed.map((c) => [c.item, { by: c.by, at: c.at }])),
    }),
  );
}

/** The request's facts from the registry: the same ones the orchestration builds the cards from. */
function approvalFactsOf(entry: MigrationEntry, status: MigrationStatus): ApprovalFacts {
  return {
    migrationId: entry.migrationId,
    servers: { oldServer: entry.oldServer, newServer: entry.newServer },
    monitoringDays: entry.monitoringDays,
    requestedBy: entry.ownerName,
    timeZone: status.timeZone,
    approvers: entry.approvers.map(approverName),
  };
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
