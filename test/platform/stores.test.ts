import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAzurite, type RunningAzurite } from '../../local/azurite';
import { ConversationReferenceStore } from '../../platform/conversation-references';
import { MigrationRegistry } from '../../platform/migration-registry';
import { SentMessageLedger } from '../../platform/sent-message-ledger';
import { TableAccess } from '../../platform/table-access';

let azurite: RunningAzurite;
let dataDir = '';

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'stores-'));
  azurite = await startAzurite({ location: dataDir, inMemory: true });
});

afterAll(async () => {
  await azurite.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const at = new Date('2026-11-21T10:00:00Z');

describe('conversation references in Azure Tables', () => {
  it('stores and reads back a conversation and a personal chat, keyed by ids with reserved characters', async () => {
    const store = new ConversationReferenceStore(
      new TableAccess(azurite.connectionString, 'RefsA'),
    );
    const conversationId = '19:abc/def#x?y@thread.tacv2;messageid=1';
    const key = await store.saveConversation(
      'tenant-1',
      conversationId,
      { conversation: { id: conversationId } },
      at,
    );
    const userKey = await store.savePersonalChat(
      'tenant-1',
      'user-oid',
      { user: { id: '29:1' } },
      at,
    );
    expect(await store.get('tenant-1', key)).toEqual({ conversation: { id: conversationId } });
    expect(await store.get('tenant-1', userKey)).toEqual({ user: { id: '29:1' } });
    expect(userKey).toBe(store.personalChatKey('user-oid'));
    // Another tenant cannot read it.
    expect(await store.get('tenant-2', key)).toBeUndefined();
  });

  it('replaces a reference when it is saved again', async () => {
    const store = new ConversationReferenceStore(
      new TableAccess(azurite.connectionString, 'RefsB'),
    );
    await store.savePersonalChat('t', 'u', { v: 1 }, at);
    await store.savePersonalChat('t', 'u', { v: 2 }, at);
    expect(await store.get('t', store.personalChatKey('u'))).toEqual({ v: 2 });
  });
});

describe('migration registry', () => {
  it('lets only one migration per tenant hold the active slot, even when claimed at the same time', async () => {
    const registry = new MigrationRegistry(new TableAccess(azurite.connectionString, 'Registry'));
    const results = await Promise.all(
      ['m1', 'm2', 'm3'].map((id) => registry.claimActive('tenant-1', id)),
    );
    const winners = results.filter((r) => r.claimed);
    expect(winners).toHaveLength(1);
    const holder = await registry.activeMigrationId('tenant-1');
    for (const result of results) if (!result.claimed) expect(result.heldBy).toBe(holder);
    // Another tenant is independent.
    expect(await registry.claimActive('tenant-2', 'm9')).toEqual({ claimed: true });

    await registry.releaseActive('tenant-1', 'not-the-holder');
    expect(await registry.activeMigrationId('tenant-1')).toBe(holder);
    await registry.releaseActive('tenant-1', holder ?? '');
    expect(await registry.activeMigrationId('tenant-1')).toBeUndefined();
    expect(await registry.claimActive('tenant-1', 'm4')).toEqual({ claimed: true });
  });

  it('lists a tenant’s migrations newest first', async () => {
    const registry = new MigrationRegistry(
      new TableAccess(azurite.connectionString, 'RegistryList'),
    );
    const entry = {
      tenantId: 't',
      oldServer: 'AADC01',
      newServer: 'AADC02',
      ownerName: 'Alex',
      ownerAadObjectId: 'alex-oid',
      approvers: [{ id: 'megan-oid', name: 'Megan Bowen' }, { id: 'lee@contoso.com' }],
      monitoringDays: 7,
    };
    await registry.record({ ...entry, migrationId: 'a', startedAt: '2026-11-01T00:00:00Z' });
    await registry.record({ ...entry, migrationId: 'b', startedAt: '2026-11-05T00:00:00Z' });
    await registry.claimActive('t', 'b');
    expect((await registry.list('t')).map((e) => e.migrationId)).toEqual(['b', 'a']);
    expect((await registry.get('t', 'a'))?.approvers).toEqual(entry.approvers);
    expect(await registry.get('other', 'a')).toBeUndefined();
    expect(await registry.get('t', 'never-started')).toBeUndefined();
    expect(await registry.list('other')).toEqual([]);
  });
});

describe('sent message ledger', () => {
  it('remembers sent keys and tolerates a second mark', async () => {
    const ledger = new SentMessageLedger(new TableAccess(azurite.connectionString, 'Sent'));
    expect(await ledger.wasSent('mig-1:request:source-version')).toBe(false);
    await ledger.markSent('mig-1:request:source-version', 'activity-1', at);
    await ledger.markSent('mig-1:request:source-version', 'activity-2', at);
    expect(await ledger.wasSent('mig-1:request:source-version')).toBe(true);
    expect(await ledger.wasSent('mig-2:request:source-version')).toBe(false);
  });
});
