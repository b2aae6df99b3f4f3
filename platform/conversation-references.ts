import { z } from 'zod';
import { isNotFound, tableKey, type TableAccess } from './table-access';

/** A stored conversation reference: opaque JSON to this layer (bot/ knows its shape). */
export type StoredReference = Record<string, unknown>;

const entitySchema = z.object({ reference: z.string(), updatedAt: z.string() });

/** A conversation id without its channel thread (`;messageid=...`). */
export function channelOf(conversationId: string): string {
  return conversationId.replace(/;messageid=\d+$/, '');
}

/**
 * Conversation references by tenant: the conversation where a migration started, and each user's
 * personal chat (needed to reach approvers proactively).
 */
export class ConversationReferenceStore {
  constructor(private readonly table: TableAccess) {}

  /** The key of a conversation's stored reference. */
  conversationKey(conversationId: string): string {
    // A channel post's conversation id carries its thread (`;messageid=...`); the channel is the key.
    return `conversation:${channelOf(conversationId)}`;
  }

  /**
   * Stores where a conversation can be reached; returns the key to post where the activity was:
   * the conversation's, or in a channel, the thread's. The channel itself is stored without a
   * thread, so a post there opens a new one; each thread is stored under its own key.
   */
  async saveConversation(
    tenantId: string,
    conversationId: string,
    reference: StoredReference,
    at: Date,
  ): Promise<string> {
    const channel = channelOf(conversationId);
    const key = this.conversationKey(conversationId);
    const conversation = z.looseObject({}).safeParse(reference.conversation);
    await this.#save(
      tenantId,
      key,
      conversation.success
        ? { ...reference, conversation: { ...conversation.data, id: channel } }
        : reference,
      at,
    );
    if (channel === conversationId) return key;
    const thread = `thread:${conversationId}`;
    await this.#save(tenantId, thread, reference, at);
    return thread;
  }

  /** Stores a user's personal chat with the bot under one of their ids; returns its key. */
  async savePersonalChat(
    tenantId: string,
    aadObjectId: string,
    reference: StoredReference,
    at: Date,
  ): Promise<string> {
    const key = this.personalChatKey(aadObjectId);
    await this.#save(tenantId, key, reference, at);
    return key;
  }

  /**
   * The personal-chat key of a user, by any id they are known by: object id, Teams user id, or a
   * sign-in name (whose case does not matter).
   */
  personalChatKey(userId: string): string {
    return `user:${userId.includes('@') ? userId.toLowerCase() : userId}`;
  }

  /** A stored reference, or undefined. */
  async get(tenantId: string, key: string): Promise<StoredReference | undefined> {
    const client = await this.table.client();
    try {
      const entity = entitySchema.parse(await client.getEntity(tableKey(tenantId), tableKey(key)));
      return z.record(z.string(), z.unknown()).parse(JSON.parse(entity.reference));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async #save(tenantId: string, key: string, reference: StoredReference, at: Date): Promise<void> {
    const client = await this.table.client();
    await client.upsertEntity(
      {
        partitionKey: tableKey(tenantId),
        rowKey: tableKey(key),
        reference: JSON.stringify(reference),
        updatedAt: at.toISOString(),
      },
      'Replace',
    );
  }
}
