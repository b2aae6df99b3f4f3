import { z } from 'zod';
import { isNotFound, tableKey, type TableAccess } from './table-access';

/** A stored conversation reference that does not read as one (the key stays out: it names people). */
export class UnreadableReferenceError extends Error {
  override readonly name = 'UnreadableReferenceError';

  constructor() {
    super('A stored conversation reference is not readable JSON.');
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

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

  /**
   * A stored reference, or undefined. A stored row that does not read as a reference throws
   * UnreadableReferenceError: nothing can be sent there until the person writes again, which
   * stores it afresh.
   */
  async get(tenantId: string, key: string): Promise<StoredReference | undefined> {
    const client = await this.table.client();
    let entity: unknown;
    try {
      entity = await client.getEntity(tableKey(tenantId), tableKey(key));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
    const parsed = entitySchema.safeParse(entity);
    const reference = parsed.success ? parseJson(parsed.data.reference) : undefined;
    const record = z.record(z.string(), z.unknown()).safeParse(reference);
    if (!record.success) throw new UnreadableReferenceError();
    return record.data;
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
