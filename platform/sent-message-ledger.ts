import { isConflict, isNotFound, tableKey, type TableAccess } from './table-access';

/**
 * Remembers which proactive messages were sent, by a key the orchestration derives
 * deterministically, so an activity that runs again (Azure runs activities at least once) does
 * not post the same card twice.
 */
export class SentMessageLedger {
  constructor(private readonly table: TableAccess) {}

  async wasSent(sendKey: string): Promise<boolean> {
    const client = await this.table.client();
    try {
      await client.getEntity(partitionOf(sendKey), tableKey(sendKey));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  /** The channel's id of a message sent under this key, when it gave one. */
  async activityIdOf(sendKey: string): Promise<string | null> {
    const client = await this.table.client();
    try {
      const entity = await client.getEntity<{ activityId?: unknown }>(
        partitionOf(sendKey),
        tableKey(sendKey),
      );
      return typeof entity.activityId === 'string' && entity.activityId !== ''
        ? entity.activityId
        : null;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async markSent(sendKey: string, activityId: string | undefined, at: Date): Promise<void> {
    const client = await this.table.client();
    try {
      await client.createEntity({
        partitionKey: partitionOf(sendKey),
        rowKey: tableKey(sendKey),
        activityId: activityId ?? '',
        sentAt: at.toISOString(),
      });
    } catch (error) {
      // Another run of the same activity recorded it first: the message is sent either way.
      if (!isConflict(error)) throw error;
    }
  }
}

/** Keys start with the migration id; one partition per migration keeps lookups cheap. */
function partitionOf(sendKey: string): string {
  return tableKey(sendKey.split(':')[0] ?? sendKey);
}
