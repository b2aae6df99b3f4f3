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
import type { StepRules } from '../migration/workflow/workflow';
import { attempt, forgetEarlierUndone, retryPolicies } from './orchestration/activity-calls';
import { finalReportOf } from './orchestration/final-report';
import { runStep, type StepEnd } from './orchestration/interpreter';
import {
  carriedStepSchema,
  decodeStepState,
  encodeStepState,
  type CarriedStep,
} from './orchestration/carried-step';
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
  /**
   * The phase continues as new at its first wait after this many inputs. Absent in phases started
   * before executions were bounded: they run as one execution, as their histories recorded.
   */
  inputsPerExecution: z.number().int().positive().optional(),
  /** The step the execution before handed on, with its next input; absent in a first execution. */
  resume: carriedStepSchema.optional(),
});
type PhaseInput = z.infer<typeof phaseInputSchema>;

/**
 * Inputs a phase execution takes before it continues as new: one keeps its history at one step's
 * worth (a paste and its judgment, a reminder), so an episode replays as fast on day 180 of a wait
 * as on day 1. Continuing costs no extra event: the input that ended the wait travels along.
 */
const inputsPerPhaseExecution = 1;

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
    const input: PhaseInput = {
      start,
      phase,
      status: run.status,
      journal: run.journal,
      inputsPerExecution: inputsPerPhaseExecution,
    };
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

/**
 * The checkpoints of one phase, in runbook order. Cancel and rollback end the phase early. A phase
 * started with `inputsPerExecution` continues as new while it waits (see `awaitInput`), carrying its
 * step; the parent hears of the phase once, when its last execution completes.
 */
const phaseOrchestrator: OrchestrationHandler = function* (context: OrchestrationContext) {
  const input = phaseInputSchema.parse(context.df.getInput());
  const run: MigrationRun = {
    context,
    start: input.start,
    status: input.status,
    journal: input.journal,
    redo: new Map(),
    ...(input.inputsPerExecution === undefined
      ? {}
      : { bound: { inputsPerExecution: input.inputsPerExecution, inputsTaken: 0 } }),
  };
  if (input.resume === undefined) {
    forgetEarlierUndone(run);
    publish(run, {});
  } else {
    // The summary is the one the execution before published, unchanged (nothing happened since).
    context.df.setCustomStatus(run.status);
  }
  const end = yield* runPhase(run, input.phase, input.resume);
  if (end.kind === 'continue') {
    const next: PhaseInput = {
      ...input,
      status: run.status,
      journal: run.journal,
      resume: end.step,
    };
    context.df.continueAsNew(next);
    return undefined;
  }
  return result(run, end.kind === 'end' ? { outcome: end.outcome, by: end.by } : null);
};

function result(run: MigrationRun, ended: PhaseResult['ended']): PhaseResult {
  return { status: run.status, journal: run.journal, ended };
}

/** How a phase execution ended: as a step ends, or continuing as new with the step it carries. */
type PhaseEnd = Exclude<StepEnd, { kind: 'continue' }> | { kind: 'continue'; step: CarriedStep };

function* runPhase(run: MigrationRun, phase: PhaseId, resume?: CarriedStep): Step<PhaseEnd> {
  for (const checkpoint of runbook.filter((c) => c.phase === phase)) {
    if (run.status.completedCheckpoints.includes(checkpoint.id)) continue;
    const carried = resume?.checkpoint === checkpoint.id ? resume : undefined;
    const end = yield* runCheckpoint(run, checkpoint.id, carried);
    if (end.kind !== 'done') return end;
  }
  publish(run, {});
  return { kind: 'done' };
}

function runCheckpoint(
  run: MigrationRun,
  checkpointId: CheckpointId,
  carried: CarriedStep | undefined,
): Step<PhaseEnd> {
  switch (checkpointId) {
    case 'cutover-approval':
      return carryStep(run, checkpointId, approvalRules, carried);
    case 'monitoring':
      return carryStep(run, checkpointId, monitoringRules, carried);
    case 'decommission':
      return carryStep(run, checkpointId, decommissionRules, carried);
    default:
      return carryStep(run, checkpointId, evidenceRules(checkpointId), carried);
  }
}

/** Runs a step, resumed from what the execution before carried, and carries it on when it continues. */
function* carryStep<S>(
  run: MigrationRun,
  checkpointId: CheckpointId,
  rules: StepRules<S>,
  carried: CarriedStep | undefined,
): Step<PhaseEnd> {
  const resumed =
    carried === undefined
      ? undefined
      : {
          // The state this step's own rules wrote (encodeStepState) in the execution before.
          state: decodeStepState(carried.state) as S,
          until: carried.until === null ? null : new Date(carried.until),
          input: carried.input,
        };
  const end = yield* runStep(run, rules, resumed);
  if (end.kind !== 'continue') return end;
  return {
    kind: 'continue',
    step: {
      checkpoint: checkpointId,
      state: encodeStepState(end.state),
      until: end.until === null ? null : end.until.toISOString(),
      input: end.input,
    },
  };
}

df.app.orchestration(orchestratorNames.migration, migrationOrchestrator);
df.app.orchestration(orchestratorNames.phase, phaseOrchestrator);
