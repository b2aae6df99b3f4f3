import { createHash } from 'node:crypto';
import { isConflict, tableKey, type TableAccess } from './table-access';

/**
 * Remembers the messages the bot has taken, so one Teams delivers again (it re-sends an activity
 * it got no answer to within about 15 seconds, sometimes under a new id) is answered once. A
 * message is known by its id and by what identifies its content: conversation, sender, the
 * timestamp Teams gave it and a digest of its text and attachments.
 */
export class TurnLedger {
  constructor(private readonly table: TableAccess) {}

  /** Claims a message by each of its keys; false when one was claimed before (a re-delivery). */
  async claim(tenantId: string, keys: readonly string[], at: Date): Promise<boolean> {
    const client = await this.table.client();
    // Every key is claimed whatever the others answer, so the keys are claimed side by side.
    const taken = await Promise.allSettled(
      keys.map((key) =>
        client.createEntity({
          partitionKey: tableKey(tenantId),
          // Conversation ids and texts are long and free-form: the row is their digest.
          rowKey: createHash('sha256').update(key).digest('hex'),
          takenAt: at.toISOString(),
        }),
      ),
    );
    let first = true;
    for (const outcome of taken) {
      if (outcome.status === 'fulfilled') continue;
      if (!isConflict(outcome.reason)) throw outcome.reason;
      first = false;
    }
    return first;
  }
}
