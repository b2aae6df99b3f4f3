import * as df from 'durable-functions';
import type { OrchestrationContext, OrchestrationHandler } from 'durable-functions';
import { z } from 'zod';
import { migrationStartSchema, type MigrationStart } from '../migration/migration-start';
import {
  initialMigrationStatus,
  migrationStatusSchema,
  type MigrationStatus,
} from '../migration/migration-status';
import { nextReminderDue, timerTowards } from '../migration/reminders';
import { phaseIds, runbook, type Checkpoint, type PhaseId } from '../migration/runbook';
import { releaseMigrationSlot, sendCheckpointRequest, sendReminder } from './migration-activities';
import { orchestratorNames, phaseInstanceId } from './durable-names';

// Orchestrators are deterministic glue: time comes from context.df.currentUtcDateTime only, and
// every decision is a pure function from migration/.

const phaseInputSchema = z.object({
  start: migrationStartSchema,
  phase: z.enum(phaseIds),
  status: migrationStatusSchema,
});
type PhaseInput = z.infer<typeof phaseInputSchema>;

const phaseResultSchema = z.object({ status: migrationStatusSchema });

/** One migration from start to the last phase; each phase runs as a sub-orchestration to keep histories small. */
const migrationOrchestrator: OrchestrationHandler = function* (context: OrchestrationContext) {
  const start = migrationStartSchema.parse(context.df.getInput());
  let status = initialMigrationStatus(start, context.df.currentUtcDateTime);
  for (const phase of phaseIds) {
    const childId = phaseInstanceId(start.migrationId, phase);
    status = {
      ...status,
      phase,
      phaseInstanceId: childId,
      updatedAt: context.df.currentUtcDateTime.toISOString(),
    };
    context.df.setCustomStatus(status);
    const input: PhaseInput = { start, phase, status };
    const result: unknown = yield context.df.callSubOrchestrator(
      orchestratorNames.phase,
      input,
      childId,
    );
    status = phaseResultSchema.parse(result).status;
  }
  status = {
    ...status,
    checkpoint: null,
    awaiting: 'nothing',
    awaitingWho: [],
    nextReminderAt: null,
    phaseInstanceId: null,
    updatedAt: context.df.currentUtcDateTime.toISOString(),
  };
  context.df.setCustomStatus(status);
  yield releaseMigrationSlot({ tenantId: start.tenantId, migrationId: start.migrationId });
  return status;
};

/** The checkpoints of one phase, in runbook order. */
const phaseOrchestrator: OrchestrationHandler = function* (context: OrchestrationContext) {
  const { start, phase, status: initial } = phaseInputSchema.parse(context.df.getInput());
  let status = initial;
  for (const checkpoint of checkpointsOf(phase)) {
    status = yield* awaitCheckpoint(context, start, checkpoint, status);
  }
  return { status };
};

function checkpointsOf(phase: PhaseId): Checkpoint[] {
  return runbook.filter((checkpoint) => checkpoint.phase === phase);
}

/**
 * Sends a checkpoint's instructions and waits, reminding the owner inside their working hours each
 * time the reminder interval passes without an answer.
 */
function* awaitCheckpoint(
  context: OrchestrationContext,
  start: MigrationStart,
  checkpoint: Checkpoint,
  before: MigrationStatus,
): Generator<df.Task, MigrationStatus, unknown> {
  const now = (): Date => context.df.currentUtcDateTime;
  const servers = { oldServer: start.plan.oldServer, newServer: start.plan.newServer };
  yield sendCheckpointRequest({
    migrationId: start.migrationId,
    tenantId: start.tenantId,
    conversationKey: start.conversationKey,
    checkpointId: checkpoint.id,
    servers,
    sendKey: `${start.migrationId}:request:${checkpoint.id}`,
  });
  const requestedAt = now().toISOString();
  let due = nextReminderDue(start.plan, now(), start.reminderAfterHours);
  let status: MigrationStatus = {
    ...before,
    checkpoint: checkpoint.id,
    awaiting: 'evidence',
    awaitingWho: [start.owner.name],
    nextReminderAt: due.toISOString(),
    remindersSent: 0,
    updatedAt: now().toISOString(),
  };
  context.df.setCustomStatus(status);
  for (;;) {
    yield context.df.createTimer(timerTowards(due, now()));
    if (now() < due) continue;
    const reminderNumber = status.remindersSent + 1;
    due = nextReminderDue(start.plan, now(), start.reminderAfterHours);
    yield sendReminder({
      migrationId: start.migrationId,
      tenantId: start.tenantId,
      conversationKey: start.conversationKey,
      checkpointId: checkpoint.id,
      servers,
      waitingOn: status.awaitingWho,
      waitingSince: requestedAt,
      now: now().toISOString(),
      timeZone: start.plan.timeZone,
      reminderNumber,
      nextReminderAt: due.toISOString(),
      sendKey: `${start.migrationId}:reminder:${checkpoint.id}:${String(reminderNumber)}`,
    });
    status = {
      ...status,
      remindersSent: reminderNumber,
      nextReminderAt: due.toISOString(),
      updatedAt: now().toISOString(),
    };
    context.df.setCustomStatus(status);
  }
}

df.app.orchestration(orchestratorNames.migration, migrationOrchestrator);
df.app.orchestration(orchestratorNames.phase, phaseOrchestrator);
