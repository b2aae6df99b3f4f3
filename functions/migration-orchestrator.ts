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
import { phaseIds, runbook, type PhaseId } from '../migration/runbook';
import { phaseInstanceId, orchestratorNames } from './durable-names';
import { releaseMigrationSlot } from './migration-activities';
import { approvalStep } from './orchestration/approval-step';
import { decommissionStep } from './orchestration/decommission-step';
import { evidenceStep } from './orchestration/evidence-step';
import { finalReportOf } from './orchestration/final-report';
import {
  MigrationCancelled,
  MigrationRolledBack,
  now,
  publish,
  type MigrationRun,
  type Step,
} from './orchestration/migration-run';
import { audit, conversationOf, post } from './orchestration/orchestration-io';
import { monitoringStep } from './orchestration/monitoring-step';

// Orchestrators are deterministic glue: time comes from context.df.currentUtcDateTime only, and
// every decision is a pure function from migration/.

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
  publish(run, {
    outcome,
    awaiting: 'nothing',
    awaitingWho: [],
    nextReminderAt: null,
    decisionId: null,
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
        text: `Migration ${start.migrationId} (${start.plan.oldServer} → ${start.plan.newServer}) was cancelled by ${by ?? 'its owner'}. No more reminders will be sent. Make sure exactly one server is active and the other is in staging mode.`,
      });
      break;
    case 'rolled-back':
      yield* post(run, conversationOf(run), 'rolled-back', {
        text: `Migration ${start.migrationId} was rolled back by ${by ?? 'its owner'}: ${start.plan.oldServer} is the active server again and ${start.plan.newServer} is in staging mode. Start a new migration once the problem is understood.`,
      });
      break;
    case 'running':
      break;
  }
  yield* audit(run, `finished:${outcome}`, { kind: 'notice', summary: `Migration ${outcome}.` });
  yield releaseMigrationSlot({ tenantId: start.tenantId, migrationId: start.migrationId });
}

/** The checkpoints of one phase, in runbook order. Cancel and rollback end the phase early. */
const phaseOrchestrator: OrchestrationHandler = function* (context: OrchestrationContext) {
  const input = phaseInputSchema.parse(context.df.getInput());
  const run: MigrationRun = {
    context,
    start: input.start,
    status: input.status,
    journal: input.journal,
  };
  publish(run, {});
  try {
    yield* runPhase(run, input.phase);
  } catch (error) {
    if (error instanceof MigrationCancelled)
      return result(run, { outcome: 'cancelled', by: error.by });
    if (error instanceof MigrationRolledBack)
      return result(run, { outcome: 'rolled-back', by: error.by });
    throw error;
  }
  return result(run, null);
};

function result(run: MigrationRun, ended: PhaseResult['ended']): PhaseResult {
  return { status: run.status, journal: run.journal, ended };
}

function* runPhase(run: MigrationRun, phase: PhaseId): Step<void> {
  for (const checkpoint of runbook.filter((c) => c.phase === phase)) {
    if (run.status.completedCheckpoints.includes(checkpoint.id)) continue;
    switch (checkpoint.id) {
      case 'cutover-approval':
        yield* approvalStep(run);
        break;
      case 'monitoring':
        yield* monitoringStep(run);
        break;
      case 'decommission':
        yield* decommissionStep(run);
        break;
      default:
        yield* evidenceStep(run, checkpoint);
    }
  }
  publish(run, { updatedAt: now(run).toISOString() });
}

df.app.orchestration(orchestratorNames.migration, migrationOrchestrator);
df.app.orchestration(orchestratorNames.phase, phaseOrchestrator);
