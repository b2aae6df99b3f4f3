import { z } from 'zod';
import type { AuditEntry } from '../../platform/audit-log';
import type { CardSpec } from '../card-specs';
import {
  appendAudit,
  postMessage,
  sendProblemSchema,
  type SendOutcome,
  type Target,
} from '../migration-activities';
import { now, type MigrationRun, type Step } from './migration-run';

// Activity results come back through Durable as JSON: parsed here, once.
const sendOutcomeSchema = z.object({
  sent: z.boolean(),
  activityId: z.string().nullable(),
  reachable: z.boolean(),
  problem: sendProblemSchema.optional(),
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
