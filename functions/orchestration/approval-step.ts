import { z } from 'zod';
import { approverName, decisionIdOf } from '../../migration/approval-rules';
import type { MigrationSignalOf } from '../../migration/migration-signals';
import { checkpointIds, type CheckpointId } from '../../migration/runbook';
import type { JudgmentStatus } from '../../migration/judgment';
import { nextWorkingTime } from '../../migration/working-hours';
import { sendApprovalRequests, type ApprovalDelivery } from '../migration-activities';
import {
  applyControl,
  now,
  publish,
  serversOf,
  waitForSignal,
  type MigrationRun,
  type Step,
} from './migration-run';
import { audit, conversationOf, post, replaceCard } from './orchestration-io';

const hour = 3600_000;

const deliverySchema = z.object({
  sent: z.array(
    z.object({
      target: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('conversation'), key: z.string() }),
        z.object({ kind: z.literal('personal'), aadObjectId: z.string() }),
      ]),
      activityId: z.string(),
    }),
  ),
  unreachable: z.array(z.string()),
});

type RoundEnd = 'approved' | 'rejected' | 'expired';

/**
 * The cutover gate: every approver gets the approval card; reminders while it is pending,
 * escalation to the owner (and the escalation channel) after a while, expiry after longer. A
 * rejected or expired request can be asked for again; the migration moves on only when approved.
 */
export function* approvalStep(run: MigrationRun): Step<void> {
  for (let round = 1; ; round++) {
    const end = yield* approvalRound(run, round);
    if (end === 'approved') {
      publish(run, {
        completedCheckpoints: [...run.status.completedCheckpoints, 'cutover-approval'],
        decisionId: null,
      });
      return;
    }
    yield* awaitNewRequest(run, end);
  }
}

function* approvalRound(run: MigrationRun, round: number): Step<RoundEnd> {
  const { start } = run;
  const decisionId = decisionIdOf(start.migrationId, round);
  const requestedAt = now(run);
  const approverNames = start.plan.approvers.map(approverName);
  const view = {
    migrationId: start.migrationId,
    decisionId,
    servers: serversOf(run),
    monitoringDays: start.plan.monitoringDays,
    requestedBy: start.owner.name,
    requestedAt: requestedAt.toISOString(),
    timeZone: start.plan.timeZone,
    approvers: approverNames,
    evidence: latestVerdicts(run),
  };
  // Published before the cards go out: a click the moment one arrives finds this decision pending.
  const expiresAt = new Date(requestedAt.getTime() + start.timing.approvalExpiresAfterHours * hour);
  const escalateAt = new Date(requestedAt.getTime() + start.timing.escalateAfterHours * hour);
  const working = (at: Date): Date =>
    nextWorkingTime(at, start.plan.timeZone, start.plan.workingHours);
  let remindAt = working(
    new Date(requestedAt.getTime() + start.timing.approvalReminderHours * hour),
  );
  let escalated = false;
  let reminders = 0;
  publish(run, {
    checkpoint: 'cutover-approval',
    awaiting: 'approval',
    awaitingWho: approverNames,
    decisionId,
    remindersSent: 0,
    nextReminderAt: remindAt.toISOString(),
  });

  const delivery: ApprovalDelivery = deliverySchema.parse(
    yield sendApprovalRequests({
      migrationId: start.migrationId,
      tenantId: start.tenantId,
      sendKeyPrefix: `${start.migrationId}:approval:${String(round)}`,
      approvers: start.plan.approvers,
      conversationKey: start.conversationKey,
      view,
    }),
  );
  if (delivery.unreachable.length > 0) {
    yield* post(run, conversationOf(run), `approval:${String(round)}:unreachable`, {
      text: `I could not send the approval request to ${delivery.unreachable.join(', ')}: they have not opened a chat with me yet. Ask them to open the bot once in Teams (or to approve from the card in this conversation).`,
    });
  }
  yield* audit(run, `approval:${String(round)}:requested`, {
    kind: 'notice',
    summary: `Cutover approval requested from ${approverNames.join(', ')} (round ${String(round)}).`,
  });

  for (;;) {
    const nudges = run.status.paused ? [] : [remindAt, ...(escalated ? [] : [escalateAt])];
    const until = new Date(Math.min(expiresAt.getTime(), ...nudges.map((d) => d.getTime())));
    const outcome = yield* waitForSignal(run, until);
    if (outcome.kind === 'unreadable') continue;
    if (outcome.kind === 'time') {
      if (now(run) >= expiresAt) {
        yield* settleCards(run, delivery, round, 'expired', null);
        return 'expired';
      }
      if (!run.status.paused && !escalated && now(run) >= escalateAt) {
        escalated = true;
        yield* escalate(run, round, requestedAt, reminders);
      }
      if (!run.status.paused && now(run) >= remindAt) {
        reminders++;
        yield* remindApprovers(run, round, reminders, requestedAt);
        remindAt = working(
          new Date(now(run).getTime() + start.timing.approvalReminderHours * hour),
        );
        publish(run, { remindersSent: reminders, nextReminderAt: remindAt.toISOString() });
      }
      continue;
    }
    const { signal } = outcome;
    const control = applyControl(run, signal, remindAt);
    if (control.handled) {
      remindAt = control.due ?? remindAt;
      continue;
    }
    if (signal.type !== 'decision' || signal.decisionId !== decisionId || !mayDecide(run, signal))
      continue;
    const end: RoundEnd = signal.approve ? 'approved' : 'rejected';
    yield* settleCards(run, delivery, round, end, signal);
    return end;
  }
}

/**
 * The bot checks who clicked before it signals; this repeats the cheap part of that check, so a
 * forged signal cannot pass: the decider must not be the owner and must be one of the approvers.
 */
function mayDecide(run: MigrationRun, signal: MigrationSignalOf<'decision'>): boolean {
  if (signal.by.aadObjectId === run.start.owner.aadObjectId) return false;
  return run.start.plan.approvers.some((a) => a.id === signal.approverId);
}

function* settleCards(
  run: MigrationRun,
  delivery: ApprovalDelivery,
  round: number,
  end: RoundEnd,
  signal: MigrationSignalOf<'decision'> | null,
): Step<void> {
  const { start } = run;
  run.journal = {
    ...run.journal,
    approvals: [
      ...run.journal.approvals,
      {
        decisionId: decisionIdOf(start.migrationId, round),
        outcome: end,
        by: signal?.by ?? null,
        comment: signal?.comment ?? null,
        requestedAt: run.status.updatedAt,
        at: now(run).toISOString(),
      },
    ],
  };
  if (signal !== null && end !== 'expired') {
    const outcomeView = {
      servers: serversOf(run),
      decision: end,
      decidedBy: signal.by.name,
      decidedAt: signal.at,
      requestedBy: start.owner.name,
      timeZone: start.plan.timeZone,
      ...(signal.comment === undefined ? {} : { comment: signal.comment }),
    };
    // The buttons go from every copy of the request: one decision, never a second.
    for (const sent of delivery.sent) {
      yield* replaceCard(run, sent.target, sent.activityId, {
        kind: 'approval-outcome',
        view: outcomeView,
      });
    }
    yield* audit(run, `approval:${String(round)}:${end}`, {
      kind: 'decision',
      actor: signal.by,
      summary: `${signal.by.name} ${end} the cutover${signal.comment === undefined ? '' : `: ${signal.comment}`}.`,
    });
    return;
  }
  yield* post(run, conversationOf(run), `approval:${String(round)}:expired`, {
    text: `The cutover approval request expired after ${String(start.timing.approvalExpiresAfterHours)} hours without a decision. Nothing was changed: the old server is still the active one. Type **request approval** to ask again, or **cancel** to stop the migration.`,
  });
  yield* audit(run, `approval:${String(round)}:expired`, {
    kind: 'notice',
    summary: 'The cutover approval request expired.',
  });
}

function* awaitNewRequest(run: MigrationRun, end: 'rejected' | 'expired'): Step<void> {
  publish(run, {
    awaiting: 'confirmation',
    awaitingWho: [run.start.owner.name],
    decisionId: null,
    nextReminderAt: null,
  });
  if (end === 'rejected') {
    yield* post(
      run,
      conversationOf(run),
      `approval:rejected:${String(run.journal.approvals.length)}`,
      {
        text: 'The cutover was rejected, so nothing changes: the old server stays active. Fix what the approver asked for, then type **request approval** to ask again (or **cancel**).',
      },
    );
  }
  for (;;) {
    const outcome = yield* waitForSignal(run, null);
    if (outcome.kind !== 'signal') continue;
    if (applyControl(run, outcome.signal, null).handled) continue;
    if (
      outcome.signal.type === 'request-approval' &&
      outcome.signal.by.aadObjectId === run.start.owner.aadObjectId
    )
      return;
  }
}

function* remindApprovers(
  run: MigrationRun,
  round: number,
  reminder: number,
  requestedAt: Date,
): Step<void> {
  const { start } = run;
  for (const approver of start.plan.approvers) {
    yield* post(
      run,
      { kind: 'personal', aadObjectId: approver.id },
      `approval:${String(round)}:reminder:${String(reminder)}:${approver.id}`,
      {
        card: {
          kind: 'reminder',
          view: {
            migrationId: start.migrationId,
            servers: serversOf(run),
            checkpointId: 'cutover-approval',
            awaiting: 'approval',
            waitingOn: run.status.awaitingWho,
            waitingSince: requestedAt.toISOString(),
            now: now(run).toISOString(),
            timeZone: start.plan.timeZone,
            reminderNumber: reminder,
          },
        },
      },
    );
  }
  yield* audit(run, `approval:${String(round)}:reminder:${String(reminder)}`, {
    kind: 'reminder',
    summary: `Approval reminder ${String(reminder)} sent to ${run.status.awaitingWho.join(', ')}.`,
  });
}

function* escalate(
  run: MigrationRun,
  round: number,
  requestedAt: Date,
  remindersSent: number,
): Step<void> {
  const { start } = run;
  const card = {
    kind: 'escalation' as const,
    view: {
      servers: serversOf(run),
      checkpointId: 'cutover-approval' as const,
      awaiting: 'approval' as const,
      waitingOn: run.status.awaitingWho,
      waitingSince: requestedAt.toISOString(),
      now: now(run).toISOString(),
      timeZone: start.plan.timeZone,
      remindersSent,
    },
  };
  // The owner follows the migration's conversation; that is where the escalation goes first.
  yield* post(run, conversationOf(run), `approval:${String(round)}:escalation:owner`, { card });
  if (start.escalationConversationKey !== null) {
    const channel = yield* post(
      run,
      { kind: 'conversation', key: start.escalationConversationKey },
      `approval:${String(round)}:escalation:channel`,
      { card },
    );
    if (!channel.reachable) {
      yield* post(run, conversationOf(run), `approval:${String(round)}:escalation:no-channel`, {
        text: 'I could not post the escalation to the escalation channel: install the bot in that channel (or check ESCALATION_CHANNEL_ID).',
      });
    }
  }
  yield* audit(run, `approval:${String(round)}:escalation`, {
    kind: 'escalation',
    summary: `No cutover decision after ${String(start.timing.escalateAfterHours)} hours: escalated to ${start.owner.name}${start.escalationConversationKey === null ? '' : ' and the escalation channel'}.`,
  });
}

/** The latest verdict of each judged checkpoint, in runbook order, for the approval card. */
function latestVerdicts(
  run: MigrationRun,
): { checkpointId: CheckpointId; status: JudgmentStatus }[] {
  const latest = new Map<CheckpointId, JudgmentStatus>();
  for (const entry of run.journal.judgments) latest.set(entry.checkpoint, entry.status);
  return checkpointIds.flatMap((id) => {
    const status = latest.get(id);
    return status === undefined ? [] : [{ checkpointId: id, status }];
  });
}
