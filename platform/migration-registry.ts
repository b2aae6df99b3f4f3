import { z } from 'zod';
import { approverSchema } from '../migration/migration-plan';
import { isConflict, isNotFound, tableKey, type TableAccess } from './table-access';

/** What the registry keeps of each migration, for `list` and the one-at-a-time rule. */
export const migrationEntrySchema = z.object({
  migrationId: z.string(),
  tenantId: z.string(),
  oldServer: z.string(),
  newServer: z.string(),
  ownerName: z.string(),
  /** Who started it: the owner, who may not approve its cutover. */
  ownerAadObjectId: z.string(),
  approvers: z.array(approverSchema),
  monitoringDays: z.number().int().positive(),
  startedAt: z.string(),
});
export type MigrationEntry = z.infer<typeof migrationEntrySchema>;

// Tables hold no arrays: the approvers are kept as JSON text.
const storedEntrySchema = migrationEntrySchema
  .omit({ approvers: true })
  .extend({ approversJson: z.string() });

const activeRowKey = '~active';
const activeSchema = z.object({ migrationId: z.string(), etag: z.string() });

/** The result of claiming the tenant's single active-migration slot. */
export type ClaimResult = { claimed: true } | { claimed: false; heldBy: string };

/**
 * The migrations of each tenant, and the slot that allows only one running migration per tenant
 * (two migrations at once would mean two servers racing to become active).
 */
export class MigrationRegistry {
  constructor(private readonly table: TableAccess) {}

  /** Takes the tenant's slot for a migration; atomic, so two simultaneous starts cannot both win. */
  async claimActive(tenantId: string, migrationId: string): Promise<ClaimResult> {
    const client = await this.table.client();
    try {
      await client.createEntity({
        partitionKey: tableKey(tenantId),
        rowKey: activeRowKey,
        migrationId,
      });
      return { claimed: true };
    } catch (error) {
      if (!isConflict(error)) throw error;
      const held = await this.#active(tenantId);
      return held === undefined
        ? this.claimActive(tenantId, migrationId)
        : { claimed: false, heldBy: held.migrationId };
    }
  }

  /** Frees the slot if this migration holds it; a slot taken over meanwhile is left alone. */
  async releaseActive(tenantId: string, migrationId: string): Promise<void> {
    const held = await this.#active(tenantId);
    if (held?.migrationId !== migrationId) return;
    const client = await this.table.client();
    try {
      await client.deleteEntity(tableKey(tenantId), activeRowKey, { etag: held.etag });
    } catch (error) {
      if (!isNotFound(error) && !isConflict(error)) throw error;
    }
  }

  /** The id of the migration holding the tenant's slot. */
  async activeMigrationId(tenantId: string): Promise<string | undefined> {
    return (await this.#active(tenantId))?.migrationId;
  }

  async record(entry: MigrationEntry): Promise<void> {
    const client = await this.table.client();
    const { approvers, ...rest } = entry;
    await client.upsertEntity(
      {
        partitionKey: tableKey(entry.tenantId),
        rowKey: tableKey(entry.migrationId),
        ...rest,
        approversJson: JSON.stringify(approvers),
      },
      'Replace',
    );
  }

  /** One migration of the tenant, or undefined: card data naming another tenant's migration finds nothing. */
  async get(tenantId: string, migrationId: string): Promise<MigrationEntry | undefined> {
    // A point read of its row, however many migrations the tenant has run.
    const client = await this.table.client();
    let entity: unknown;
    try {
      entity = await client.getEntity(tableKey(tenantId), tableKey(migrationId));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
    const entry = entryOf(entity);
    return entry?.migrationId === migrationId ? entry : undefined;
  }

  /** The tenant's migrations, newest first. */
  async list(tenantId: string): Promise<MigrationEntry[]> {
    const client = await this.table.client();
    const entries: MigrationEntry[] = [];
    const filter = `PartitionKey eq '${tableKey(tenantId)}'`;
    for await (const entity of client.listEntities({ queryOptions: { filter } })) {
      if (entity.rowKey === activeRowKey) continue;
      const entry = entryOf(entity);
      if (entry !== undefined) entries.push(entry);
    }
    return entries.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }

  async #active(tenantId: string): Promise<{ migrationId: string; etag: string } | undefined> {
    const client = await this.table.client();
    try {
      return activeSchema.parse(await client.getEntity(tableKey(tenantId), activeRowKey));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }
}

/** A stored row as a registry entry; undefined for a row that does not read as one. */
function entryOf(entity: unknown): MigrationEntry | undefined {
  const parsed = storedEntrySchema.safeParse(entity);
  if (!parsed.success) return undefined;
  const { approversJson, ...rest } = parsed.data;
  const approvers = z.array(approverSchema).safeParse(JSON.parse(approversJson));
  return approvers.success ? { ...rest, approvers: approvers.data } : undefined;
}
