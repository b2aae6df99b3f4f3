import { z } from 'zod';
import { judgmentSchema, type Judgment } from '../../migration/judgment';
import type { EvidenceRef, MigrationSignalOf } from '../../migration/migration-signals';
import type { CheckpointId } from '../../migration/runbook';
import type { AuditEntry } from '../../platform/audit-log';
import type { CardSpec } from '../card-specs';
import {
  appendAudit,
  judgeEvidence,
  postMessage,
  updateCard,
  type SendOutcome,
  type Target,
} from '../migration-activities';
import { now, serversOf, today, type MigrationRun, type Step } from './migration-run';

// Activity results come back through Durable as JSON: parsed here, once.
const sendOutcomeSchema = z.object({
  sent: z.boolean(),
  activityId: z.string().nullable(),
  reachable: z.boolean(),
});

/** The migration's own conversation (where it was started). */
export function conversationOf(run: MigrationRun): Target {
  return { kind: 'conversation', key: run.start.conversationKey };
}

/** Posts a card or a text once per `purpose`: the send key makes a replayed or repeated activity a no-op. */
export function* post(
  run: MigrationRun,
  target: Target,
  purpose: string,
  content: { card: CardSpec } | { text: string },
): Step<SendOutcome> {
  const result: unknown = yield postMessage({
    migrationId: run.start.migrationId,
    tenantId: run.start.tenantId,
    target,
    sendKey: `${run.start.migrationId}:${purpose}`,
    ...content,
  });
  return sendOutcomeSchema.parse(result);
}

/** Replaces a card sent earlier. */
export function* replaceCard(
  run: MigrationRun,
  target: Target,
  activityId: string,
  card: CardSpec,
): Step<void> {
  yield updateCard({
    migrationId: run.start.migrationId,
    tenantId: run.start.tenantId,
    target,
    activityId,
    card,
  });
}

/** Judges a checkpoint from stored evidence in an activity (the evaluator itself is pure). */
export function* judge(
  run: MigrationRun,
  checkpointId: CheckpointId,
  evidence: readonly EvidenceRef[],
): Step<Judgment> {
  const result: unknown = yield judgeEvidence({
    tenantId: run.start.tenantId,
    checkpointId,
    evidence,
    recorded: run.journal.recorded,
    today: today(run),
  });
  return judgmentSchema.parse(result);
}

/** What the system did, for the audit log; `key` makes the entry idempotent. */
export function* audit(
  run: MigrationRun,
  key: string,
  entry: Pick<AuditEntry, 'kind' | 'summary'> & Partial<Pick<AuditEntry, 'actor' | 'detail'>>,
): Step<void> {
  yield appendAudit({
    entries: [
      {
        migrationId: run.start.migrationId,
        at: now(run).toISOString(),
        idempotencyKey: `${run.start.migrationId}:${key}`,
        ...entry,
      },
    ],
  });
}

/** Posts the result card of a judgment, naming the evidence it was made on. */
export function* postResult(
  run: MigrationRun,
  purpose: string,
  judgment: Judgment,
  signal: MigrationSignalOf<'evidence'>,
): Step<void> {
  const { start } = run;
  yield* post(run, conversationOf(run), purpose, {
    card: {
      kind: 'checkpoint-result',
      view: {
        migrationId: start.migrationId,
        servers: serversOf(run),
        judgment,
        evidence: {
          submittedBy: signal.by.name,
          submittedAt: signal.at,
          sha256: signal.evidence.sha256,
          bytes: signal.evidence.bytes,
          ...(signal.evidence.fileName === undefined ? {} : { fileName: signal.evidence.fileName }),
        },
        timeZone: start.plan.timeZone,
      },
    },
  });
}
