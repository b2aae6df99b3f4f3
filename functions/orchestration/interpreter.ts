import { z } from 'zod';
import { judgmentSchema } from '../../migration/judgment';
import type {
  ApprovalDelivery,
  CloudSyncReading,
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
        const outcome = yield* waitForSignal(run, next.until);
        // An unreadable signal changes nothing: the same wait goes on.
        if (outcome.kind === 'unreadable') continue;
        input = outcome.kind === 'time' ? { kind: 'time' } : outcome;
        break;
      }
    }
    decision = rules.on(run.start, record(run), decision.state, input, now(run));
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
  if (decision.record.status !== run.status) {
    run.status = decision.record.status;
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
      yield updateCard({
        migrationId: start.migrationId,
        tenantId: start.tenantId,
        target,
        activityId: effect.activityId,
        card: content.card,
      });
      return;
    }
    case 'audit':
      yield* audit(run, effect.key, effect.note);
      return;
    case 'post-config-diff':
      yield postConfigDiff({
        migrationId: start.migrationId,
        tenantId: start.tenantId,
        target: { kind: 'conversation', key: start.conversationKey },
        sendKey: `${start.migrationId}:${effect.purpose}`,
        servers: serversOf(run),
        oldRef: effect.oldRef,
        newRef: effect.newRef,
      });
      return;
  }
}

/** Asks an activity what a request needs to know; its answer is the step's next input. */
function* fulfil(run: MigrationRun, request: Request): Step<Input> {
  const { start } = run;
  switch (request.kind) {
    case 'judge': {
      const result: unknown = yield judgeEvidence({
        tenantId: start.tenantId,
        checkpointId: request.checkpointId,
        evidence: request.evidence,
        recorded: run.journal.recorded,
        today: today(run),
        servers: serversOf(run),
      });
      return { kind: 'judged', judgment: judgmentSchema.parse(result) };
    }
    case 'send-approvals': {
      const result: unknown = yield sendApprovalRequests({
        migrationId: start.migrationId,
        tenantId: start.tenantId,
        sendKeyPrefix: `${start.migrationId}:approval:${String(request.round)}`,
        approvers: start.plan.approvers,
        conversationKey: start.conversationKey,
        view: request.request,
      });
      const parsed = deliverySchema.parse(result);
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
      const reading: CloudSyncReading | null = cloudSyncSchema.parse(yield readCloudSync(null));
      return { kind: 'cloud-sync', reading };
    }
  }
}
