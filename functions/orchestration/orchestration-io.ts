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
import { attempt, doOrLeaveUndone, retryPolicies } from './activity-calls';
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

/** A send that failed on the bot's side: the target counts as not reached, for now. */
const notSent: SendOutcome = {
  sent: false,
  activityId: null,
  reachable: false,
  problem: 'service-error',
};

/**
 * Posts a card or a text once per `purpose`: the send key makes a replayed or repeated activity a
 * no-op. A send that still fails after its retries is left undone (and redone on `retry`); the
 * migration goes on as if the target could not be reached.
 */
export function* post(
  run: MigrationRun,
  target: Target,
  purpose: string,
  content: { card: CardSpec } | { text: string },
): Step<SendOutcome> {
  const outcome = yield* doOrLeaveUndone(
    run,
    {
      key: `post:${purpose}`,
      what: `send ${'card' in content ? `the ${content.card.kind.replaceAll('-', ' ')} card` : 'a message'}`,
      why: "Teams or the bot's storage did not answer",
    },
    () =>
      attempt(
        postMessage({
          migrationId: run.start.migrationId,
          tenantId: run.start.tenantId,
          target,
          sendKey: `${run.start.migrationId}:${purpose}`,
          ...content,
        }),
        retryPolicies.send,
        (raw) => sendOutcomeSchema.parse(raw),
      ),
  );
  return outcome.ok ? outcome.value : notSent;
}

/** What the system did, for the audit log; `key` makes the entry idempotent. */
export function* audit(
  run: MigrationRun,
  key: string,
  entry: Pick<AuditEntry, 'kind' | 'summary'> & Partial<Pick<AuditEntry, 'actor' | 'detail'>>,
): Step<void> {
  const at = now(run).toISOString();
  yield* doOrLeaveUndone(
    run,
    {
      key: `audit:${key}`,
      what: 'write an entry of the audit log',
      why: 'the storage account did not answer',
    },
    () =>
      attempt(
        appendAudit({
          entries: [
            {
              migrationId: run.start.migrationId,
              at,
              idempotencyKey: `${run.start.migrationId}:${key}`,
              ...entry,
            },
          ],
        }),
        retryPolicies.storage,
        () => undefined,
      ),
  );
}
