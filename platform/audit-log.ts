import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { actorSchema } from '../migration/migration-signals';
import { isConflict, tableKey, type TableAccess } from './table-access';

/** What an audit entry records; extend the list here (stored values are never renamed). */
export const auditEntryKinds = [
  'submission',
  'judgment',
  'decision',
  'reminder',
  'snooze',
  'command',
  'escalation',
  'forged-action',
  'notice',
] as const;
export const auditEntryKindSchema = z.enum(auditEntryKinds);
export type AuditEntryKind = z.infer<typeof auditEntryKindSchema>;

/**
 * The most characters of an entry's detail as JSON. A Table string property holds at most 64 KiB of
 * UTF-16, that is 32 Ki characters; a larger detail is stored as a marked preview instead.
 */
export const AUDIT_DETAIL_MAX_CHARS = 30_000;
// Re-encoding the preview as a JSON string can double it (every quote and backslash escaped).
const DETAIL_PREVIEW_CHARS = 10_000;

/** One thing that happened in a migration: who did what, when. */
export const auditEntrySchema = z.object({
  migrationId: z.string().min(1),
  kind: auditEntryKindSchema,
  /** ISO-8601 UTC; entries are listed in this order. */
  at: z.iso.datetime(),
  /** Absent when the bot itself acted (reminders, escalations, notices). */
  actor: actorSchema.optional(),
  summary: z.string().min(1).max(1000),
  /** Anything JSON; over AUDIT_DETAIL_MAX_CHARS it is kept as `{ truncated, chars, preview }`. */
  detail: z.json().optional(),
  /** The same key is written once, however often an activity runs (Durable retries and replays). */
  idempotencyKey: z.string().min(1).max(1000).optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** Whether append wrote a new entry or found one with the same idempotency key. */
export interface AppendResult {
  readonly appended: boolean;
}

const storedEntitySchema = z.object({
  migrationId: z.string(),
  kind: auditEntryKindSchema,
  at: z.string(),
  actorAadObjectId: z.string().optional(),
  actorName: z.string().optional(),
  summary: z.string(),
  detail: z.string().optional(),
  idempotencyKey: z.string().optional(),
});

// Entry row keys start with the time (a digit); '~' sorts after every digit, so the idempotency
// markers sit after all entries and a `RowKey lt '~'` query skips them.
const MARKER_PREFIX = '~idempotency~';

/** A process-monotonic counter, fixed-width so that row keys sort by it. */
function writeOrder(): string {
  return process.hrtime.bigint().toString().padStart(20, '0');
}

/**
 * The append-only audit log of each migration in Azure Tables: partition = migration id, row key
 * = time, then the order of writing within this process, then a unique suffix, so the partition
 * lists oldest first, and entries of the same instant (a virtual clock, a busy millisecond) in the
 * order they were written.
 */
export class AuditLog {
  constructor(private readonly table: TableAccess) {}

  /** Appends an entry; with an idempotency key already written, writes nothing. */
  async append(entry: AuditEntry): Promise<AppendResult> {
    const parsed = auditEntrySchema.parse(entry);
    const partitionKey = tableKey(parsed.migrationId);
    // Normalised so that row keys compare as times (`...00Z` and `...00.5Z` would not).
    const time = new Date(parsed.at).toISOString();
    const detail = storedDetail(parsed.detail);
    const columns = {
      migrationId: parsed.migrationId,
      kind: parsed.kind,
      at: time,
      summary: parsed.summary,
      ...(parsed.actor === undefined
        ? {}
        : { actorAadObjectId: parsed.actor.aadObjectId, actorName: parsed.actor.name }),
      ...(detail === undefined ? {} : { detail }),
      ...(parsed.idempotencyKey === undefined ? {} : { idempotencyKey: parsed.idempotencyKey }),
    };
    const client = await this.table.client();
    if (parsed.idempotencyKey === undefined) {
      await client.createEntity({
        partitionKey,
        rowKey: `${time}~${writeOrder()}~r${randomUUID()}`,
        ...columns,
      });
      return { appended: true };
    }
    // The marker is keyed by the idempotency key alone, so a rerun with another clock reading is
    // still caught; one transaction writes marker and entry together or neither.
    const digest = createHash('sha256').update(parsed.idempotencyKey).digest('hex');
    try {
      await client.submitTransaction([
        ['create', { partitionKey, rowKey: `${MARKER_PREFIX}${digest}`, at: time }],
        ['create', { partitionKey, rowKey: `${time}~${writeOrder()}~k${digest}`, ...columns }],
      ]);
      return { appended: true };
    } catch (error) {
      if (isConflict(error)) return { appended: false };
      throw error;
    }
  }

  /** The migration's entries, oldest first. */
  async list(migrationId: string): Promise<AuditEntry[]> {
    const client = await this.table.client();
    const filter = `PartitionKey eq '${tableKey(migrationId)}' and RowKey lt '~'`;
    const entries: AuditEntry[] = [];
    for await (const entity of client.listEntities({ queryOptions: { filter } })) {
      entries.push(entryOf(storedEntitySchema.parse(entity)));
    }
    return entries;
  }
}

function storedDetail(detail: AuditEntry['detail']): string | undefined {
  if (detail === undefined) return undefined;
  const json = JSON.stringify(detail);
  if (json.length <= AUDIT_DETAIL_MAX_CHARS) return json;
  return JSON.stringify({
    truncated: true,
    chars: json.length,
    preview: json.slice(0, DETAIL_PREVIEW_CHARS),
  });
}

function entryOf(stored: z.infer<typeof storedEntitySchema>): AuditEntry {
  const { actorAadObjectId, actorName, detail, idempotencyKey, ...rest } = stored;
  return {
    ...rest,
    ...(actorAadObjectId === undefined
      ? {}
      : { actor: { aadObjectId: actorAadObjectId, name: actorName ?? '' } }),
    ...(detail === undefined ? {} : { detail: z.json().parse(JSON.parse(detail)) }),
    ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
  };
}
