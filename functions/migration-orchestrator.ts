import * as df from 'durable-functions';
import type { OrchestrationContext, OrchestrationHandler } from 'durable-functions';
import { z } from 'zod';
import { emptyJournal, migrationJournalSchema } from '../migration/migration-journal';
import { migrationStartSchema } from '../migration/migration-start';
import {
  initialMigrationStatus,
  migrationStatusSchema,
  type MigrationOutcome,
} from '../migration/migration-status';
import { phaseIds, runbook, type CheckpointId, type PhaseId } from '../migration/runbook';
import { phaseInstanceId, orchestratorNames } from './durable-names';
import { releaseMigrationSlot } from './migration-activities';
import { approvalRules } from '../migration/workflow/approval';
import { decommissionRules } from '../migration/workflow/decommission';
import { evidenceRules } from '../migration/workflow/evidence';
import { monitoringRules } from '../migration/workflow/monitoring';
import { attempt, forgetEarlierUndone, retryPolicies } from './orchestration/activity-calls';
import { finalReportOf } from './orchestration/final-report';
import { runStep, type StepEnd } from './orchestration/interpreter';
import { endedNoticeText } from './orchestration/notices';
import { publish, type MigrationRun, type Step } from './orchestration/migration-run';
import { audit, conversationOf, post } from './orchestration/orchestration-io';

// Orchestrators are deterministic glue: time comes from context.df.currentUtcDateTime only, and
// every decision is made by the workflow rules in migration/workflow, which the steps interpret.

const phaseInputSchema = z.object({
  start: migrationStartSchema,
  phase: z.enum(phaseIds),
  status: migrationStatusSchema,
  journal: migrationJournalSchema,
});
type PhaseInput = z.infer<typeof phaseInputSchema>;

const endedSchema = z
  .object({ outcome: z.enum(['cancelled', 'rolled-back']), by: z.string() })
  .nullable();
const phaseResultSchema = z.object({
  status: migrationStatusSchema,
  journal: migrationJournalSchema,
  ended: endedSchema,
});
type PhaseResult = z.infer<typeof phaseResultSchema>;

/** One migration from start to the final report; each phase runs as a sub-orchestration to keep histories small. */
const migrationOrchestrator: OrchestrationHandler = function* (context: OrchestrationContext) {
  const start = migrationStartSchema.parse(context.df.getInput());
  const run: MigrationRun = {
    context,
    start,
    status: initialMigrationStatus(start, context.df.currentUtcDateTime),
    journal: emptyJournal(),
    redo: new Map(),
  };
  let ended: PhaseResult['ended'] = null;
  for (const phase of phaseIds) {
    const childId = phaseInstanceId(start.migrationId, phase);
    publish(run, { phase, phaseInstanceId: childId });
    const input: PhaseInput = { start, phase, status: run.status, journal: run.journal };
    const result = phaseResultSchema.parse(
      yield context.df.callSubOrchestrator(orchestratorNames.phase, input, childId),
    );
    run.status = result.status;
    run.journal = result.journal;
    ended = result.ended;
    if (ended !== null) break;
  }
  const outcome: MigrationOutcome = ended?.outcome ?? 'completed';
  yield* finish(run, outcome, ended?.by ?? null);
  return run.status;
};

function* finish(run: MigrationRun, outcome: MigrationOutcome, by: string | null): Step<void> {
  const { start } = run;
  // What the last phase left undone cannot be redone any more; the audit log keeps it.
  forgetEarlierUndone(run);
  publish(run, {
    outcome,
    awaiting: 'nothing',
    awaitingWho: [],
    nextReminderAt: null,
    decisionId: null,
    approval: null,
    phaseInstanceId: null,
  });
  switch (outcome) {
    case 'completed':
      yield* post(run, conversationOf(run), 'final-report', {
        card: { kind: 'final-report', view: finalReportOf(run) },
      });
      break;
    case 'cancelled':
      yield* post(run, conversationOf(run), 'cancelled', {
        text: endedNoticeText(start, 'cancelled', by),
      });
      break;
    case 'rolled-back':
      yield* post(run, conversationOf(run), 'rolled-back', {
        text: endedNoticeText(start, 'rolled-back', by),
      });
      break;
    case 'running':
      break;
  }
  yield* audit(run, `finished:${outcome}`, { kind: 'notice', summary: `Migration ${outcome}.` });
  // A slot left taken is freed by the bot when it next looks for the tenant's active migration.
  yield* attempt(
    releaseMigrationSlot({ tenantId: start.tenantId, migrationId: start.migrationId }),
    retryPolicies.storage,
    () => undefined,
  );
}

/** The checkpoints of one phase, in runbook order. Cancel and rollback end the phase early. */
const phaseOrchestrator: OrchestrationHandler = function* (context: OrchestrationContext) {
  const input = phaseInputSchema.parse(context.df.getInput());
  const run: MigrationRun = {
    context,
    start: input.start,
    status: input.status,
    journal: input.journal,
    redo: new Map(),
  };
  forgetEarlierUndone(run);
  publish(run, {});
  const end = yield* runPhase(run, input.phase);
  return result(run, end.kind === 'end' ? { outcome: end.outcome, by: end.by } : null);
};

function result(run: MigrationRun, ended: PhaseResult['ended']): PhaseResult {
  return { status: run.status, journal: run.journal, ended };
}

function* runPhase(run: MigrationRun, phase: PhaseId): Step<StepEnd> {
  for (const checkpoint of runbook.filter((c) => c.phase === phase)) {
    if (run.status.completedCheckpoints.includes(checkpoint.id)) continue;
    const end = yield* runCheckpoint(run, checkpoint.id);
    if (end.kind === 'end') return end;
  }
  publish(run, {});
  return { kind: 'done' };
}

function runCheckpoint(run: MigrationRun, checkpointId: CheckpointId): Step<StepEnd> {
  switch (checkpointId) {
    case 'cutover-approval':
      return runStep(run, approvalRules);
    case 'monitoring':
      return runStep(run, monitoringRules);
    case 'decommission':
      return runStep(run, decommissionRules);
    default:
      return runStep(run, evidenceRules(checkpointId));
  }
}

df.app.orchestration(orchestratorNames.migration, migrationOrchestrator);
df.app.orchestration(orchestratorNames.phase, phaseOrchestrator);
