import { z } from 'zod';
import { judgmentSchema, type Judgment } from '../../migration/judgment';
import type { CheckpointId } from '../../migration/runbook';
import type {
  ApprovalDelivery,
  Decision,
  Effect,
  Input,
  Request,
  StepRules,
} from '../../migration/workflow/workflow';
import {
  judgeEvidence,
  postConfigDiff,
  readCloudSync,
  sendApprovalRequests,
  updateCard,
} from '../migration-activities';
import {
  now,
  serversOf,
  today,
  waitForSignal,
  type MigrationRun,
  type Step,
} from './migration-run';
import { attempt, doOrLeaveUndone, redoUndone, retryPolicies } from './activity-calls';
import { contentOf, targetOf } from './notices';
import { audit, post } from './orchestration-io';

// Activity results come back through Durable as JSON: parsed here, once.
const targetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('conversation'), key: z.string() }),
  z.object({ kind: z.literal('personal'), aadObjectId: z.string() }),
]);
const deliverySchema = z.object({
  sent: z.array(z.object({ target: targetSchema, activityId: z.string() })),
  unreachable: z.array(z.string()),
  undelivered: z.array(z.object({ name: z.string(), reason: z.string() })).optional(),
  sharedInPersonalChat: z.boolean().optional(),
});
const cloudSyncSchema = z
  .object({ lastSyncAt: z.string().nullable(), checkedAt: z.string(), maxAgeMinutes: z.number() })
  .nullable();

/** How a step ended: done (the runbook moves on) or the migration ended. */
export type StepEnd =
  | { readonly kind: 'done' }
  | { readonly kind: 'end'; readonly outcome: 'cancelled' | 'rolled-back'; readonly by: string };

/**
 * Runs one step of the runbook from its rules: publishes the summary a decision changed, carries
 * out its effects in order, then waits, asks, or ends as the decision says. Every decision is made
 * by `rules` (migration/workflow); this only does what they say, deterministically on replay.
 */
export function* runStep<S>(run: MigrationRun, rules: StepRules<S>): Step<StepEnd> {
  let decision = rules.begin(run.start, record(run), now(run));
  for (;;) {
    adopt(run, decision);
    for (const effect of decision.effects) yield* perform(run, effect);
    const { next } = decision;
    let input: Input;
    switch (next.kind) {
      case 'done':
        return { kind: 'done' };
      case 'end':
        return { kind: 'end', outcome: next.outcome, by: next.by };
      case 'request':
        input = yield* fulfil(run, next.request);
        break;
      case 'wait': {
        const awaited = yield* awaitInput(run, next.until);
        // An unreadable signal changes nothing: the same decision is taken again, its effects
        // too (each is idempotent), as running migrations recorded it.
        if (awaited === 'unreadable') continue;
        input = awaited;
        break;
      }
    }
    decision = rules.on(run.start, record(run), decision.state, input, now(run));
  }
}

/**
 * Waits for the step's next input. `retry` redoes the step's undone work and waits on for the same
 * deadline; when the deadline comes, undone work is redone before the step hears of it.
 */
function* awaitInput(run: MigrationRun, until: Date | null): Step<Input | 'unreadable'> {
  for (;;) {
    const outcome = yield* waitForSignal(run, until);
    if (outcome.kind === 'unreadable') return 'unreadable';
    if (outcome.kind === 'signal' && outcome.signal.type === 'retry') {
      yield* redoUndone(run);
      continue;
    }
    if (outcome.kind === 'time') {
      yield* redoUndone(run);
      return { kind: 'time' };
    }
    return outcome;
  }
}

function record(run: MigrationRun): {
  status: MigrationRun['status'];
  journal: MigrationRun['journal'];
} {
  return { status: run.status, journal: run.journal };
}

/** Takes a decision's record; a changed summary is published before any effect runs. */
function adopt<S>(run: MigrationRun, decision: Decision<S>): void {
  run.journal = decision.record.journal;
  // Undone work is the interpreter's, never the rules': a decision taken again after its effects
  // left work undone keeps what they recorded.
  const { undone } = run.status;
  const status =
    decision.record.status.undone === undone
      ? decision.record.status
      : { ...decision.record.status, undone };
  if (status !== run.status) {
    run.status = status;
    run.context.df.setCustomStatus(run.status);
  }
}

/** Carries out one effect. */
export function* perform(run: MigrationRun, effect: Effect): Step<void> {
  const { start } = run;
  switch (effect.kind) {
    case 'post': {
      const target = targetOf(start, effect.to);
      if (target === null) return;
      const outcome = yield* post(run, target, effect.purpose, contentOf(start, effect.notice));
      if (!outcome.reachable && effect.ifUnreachable !== undefined) {
        yield* perform(run, {
          kind: 'post',
          purpose: effect.ifUnreachable.purpose,
          to: { kind: 'migration' },
          notice: effect.ifUnreachable.notice,
        });
      }
      return;
    }
    case 'replace': {
      const target = targetOf(start, effect.to);
      const content = contentOf(start, effect.notice);
      if (target === null || !('card' in content)) return;
      // A card that cannot be replaced keeps its buttons; a click on them is answered as stale.
      yield* doOrLeaveUndone(
        run,
        {
          key: `replace:${effect.activityId}`,
          what: `update the ${content.card.kind.replaceAll('-', ' ')} card`,
          why: "Teams or the bot's storage did not answer",
        },
        () =>
          attempt(
            updateCard({
              migrationId: start.migrationId,
              tenantId: start.tenantId,
              target,
              activityId: effect.activityId,
              card: content.card,
            }),
            retryPolicies.send,
            () => undefined,
          ),
      );
      return;
    }
    case 'audit':
      yield* audit(run, effect.key, effect.note);
      return;
    case 'post-config-diff':
      yield* doOrLeaveUndone(
        run,
        {
          key: `post:${effect.purpose}`,
          what: 'send the configuration comparison',
          why: 'the stored exports could not be read, or Teams did not answer',
        },
        () =>
          attempt(
            postConfigDiff({
              migrationId: start.migrationId,
              tenantId: start.tenantId,
              target: { kind: 'conversation', key: start.conversationKey },
              sendKey: `${start.migrationId}:${effect.purpose}`,
              servers: serversOf(run),
              oldRef: effect.oldRef,
              newRef: effect.newRef,
            }),
            retryPolicies.send,
            () => undefined,
          ),
      );
      return;
  }
}

/** Asks an activity what a request needs to know; its answer is the step's next input. */
function* fulfil(run: MigrationRun, request: Request): Step<Input> {
  const { start } = run;
  switch (request.kind) {
    case 'judge': {
      const judged = yield* attempt(
        judgeEvidence({
          tenantId: start.tenantId,
          checkpointId: request.checkpointId,
          evidence: request.evidence,
          recorded: run.journal.recorded,
          today: today(run),
          servers: serversOf(run),
        }),
        retryPolicies.judge,
        (raw) => judgmentSchema.parse(raw),
      );
      if (judged.ok) return { kind: 'judged', judgment: judged.value };
      yield* auditFailure(run, `judge:${request.checkpointId}`, 'judge the evidence', judged.error);
      return { kind: 'judged', judgment: unjudged(request.checkpointId) };
    }
    case 'send-approvals': {
      const sent = yield* attempt(
        sendApprovalRequests({
          migrationId: start.migrationId,
          tenantId: start.tenantId,
          sendKeyPrefix: `${start.migrationId}:approval:${String(request.round)}`,
          approvers: start.plan.approvers,
          conversationKey: start.conversationKey,
          view: request.request,
        }),
        retryPolicies.send,
        (raw) => deliverySchema.parse(raw),
      );
      if (!sent.ok) {
        yield* auditFailure(
          run,
          `approval:${String(request.round)}`,
          'send the approval request',
          sent.error,
        );
        return { kind: 'approvals-sent', delivery: notDelivered(run) };
      }
      const parsed = sent.value;
      const delivery: ApprovalDelivery = {
        sent: parsed.sent.map((sent) => ({ to: sent.target, activityId: sent.activityId })),
        unreachable: parsed.unreachable,
        ...(parsed.undelivered === undefined ? {} : { undelivered: parsed.undelivered }),
        ...(parsed.sharedInPersonalChat === undefined
          ? {}
          : { sharedInPersonalChat: parsed.sharedInPersonalChat }),
      };
      return { kind: 'approvals-sent', delivery };
    }
    case 'read-cloud-sync': {
      // Optional: a check-in without the cloud's view is still a check-in.
      const read = yield* attempt(readCloudSync(null), retryPolicies.optional, (raw) =>
        cloudSyncSchema.parse(raw),
      );
      if (!read.ok)
        yield* auditFailure(run, 'cloud-sync', "read the cloud's last sync", read.error);
      return { kind: 'cloud-sync', reading: read.ok ? read.value : null };
    }
  }
}

/**
 * A judgment the activity could not give: the step stays undecided and the card asks for the output
 * again, which judges it afresh.
 */
function unjudged(checkpointId: CheckpointId): Judgment {
  return {
    checkpoint: checkpointId,
    status: 'unknown',
    findings: [
      {
        severity: 'error',
        message:
          'I could not judge this output: its stored copy could not be read, or judging it failed. Nothing was decided.',
        remediation:
          "Paste or upload the output again. If this happens again, the function app's log and its storage account say why.",
      },
    ],
    facts: {},
  };
}

/** Approval requests that could not be sent at all: every approver is told about as not reached. */
function notDelivered(run: MigrationRun): ApprovalDelivery {
  return {
    sent: [],
    unreachable: [],
    undelivered: run.start.plan.approvers.map((approver) => ({
      name: approver.name ?? approver.id,
      reason:
        'the bot could not send it (its storage or Teams did not answer; the audit log has the error)',
    })),
  };
}

/** Audits a request that failed after its retries; the step goes on with its fallback answer. */
function* auditFailure(run: MigrationRun, key: string, what: string, error: string): Step<void> {
  yield* audit(run, `failed:${key}:${now(run).toISOString()}`, {
    kind: 'notice',
    summary: `Could not ${what} after retries; the migration goes on without it.`,
    detail: { error },
  });
}
