import { BlobServiceClient } from '@azure/storage-blob';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../local/clock';
import { DurableEngine } from '../../local/durable/engine';
import { EventType, historyEvent } from '../../local/durable/history';
import {
  CorruptInstanceRecordError,
  type InstanceRecord,
} from '../../local/durable/instance-record';
import {
  BlobInstanceStore,
  instanceContainerName,
  MemoryInstanceStore,
  StorageUnavailableError,
  type InstanceStore,
} from '../../local/durable/instance-store';
import { AZURITE_ACCOUNT_KEY, azuriteConnectionString } from '../../local/azurite';
import { freePort } from '../../local/free-port';
import { quietLogger } from '../../local/runtime-logger';
import { useAzurite } from '../support/azurite-suite';

const azurite = useAzurite('instance-store');
const at = new Date('2026-10-05T08:00:00.000Z');

/** A record that uses every field the engine writes, optional ones included. */
function fullRecord(instanceId: string): InstanceRecord {
  return {
    instanceId,
    executionId: '3213cf02-781f-4530-b5df-28daa37ff94b',
    name: 'sampleMain',
    runtimeStatus: 'Running',
    input: '{"key":"k1"}',
    output: null,
    customStatus: '{"step":"retry"}',
    createdTime: at.toISOString(),
    lastUpdatedTime: at.toISOString(),
    parent: { instanceId: 'parent-1', seq: 4 },
    history: [
      historyEvent(EventType.OrchestratorStarted, at),
      historyEvent(EventType.ExecutionStarted, at, {
        OrchestrationInstance: {
          InstanceId: instanceId,
          ExecutionId: '3213cf02-781f-4530-b5df-28daa37ff94b',
        },
        Name: 'sampleMain',
        Input: '{"key":"k1"}',
        InstanceId: 'parent-1',
      }),
      historyEvent(EventType.TaskScheduled, at, { EventId: 0, Name: 'sampleFlaky', Input: '{}' }),
      historyEvent(EventType.TimerCreated, at, { EventId: 1, FireAt: at.toISOString() }),
    ],
    inbox: [
      historyEvent(EventType.TaskFailed, at, { TaskScheduledId: 0, Reason: 'r', Details: 'd' }),
    ],
    nextSequence: 5,
    actionSignatures: ['[1,"sampleFlaky",null,null,null,"{}"]'],
    pendingActivities: [{ seq: 0, name: 'sampleFlaky', input: '{}', retryKey: 'r0' }],
    pendingTimers: [
      { seq: 1, fireAt: at.toISOString(), purpose: { kind: 'user' } },
      { seq: 2, fireAt: at.toISOString(), purpose: { kind: 'retry', retryKey: 'r0' } },
      {
        seq: 3,
        fireAt: at.toISOString(),
        purpose: { kind: 'long', finalFireAt: at.toISOString() },
      },
    ],
    pendingChildren: [{ seq: 4, instanceId: 'child-1', retryKey: 'r4' }],
    retries: {
      r0: {
        kind: 'activity',
        name: 'sampleFlaky',
        input: '{}',
        policy: {
          firstRetryIntervalInMilliseconds: 1000,
          maxNumberOfAttempts: 4,
          backoffCoefficient: 2,
          maxRetryIntervalInMilliseconds: 60000,
        },
        attempt: 1,
      },
      r4: {
        kind: 'orchestrator',
        name: 'sampleChild',
        input: 'null',
        instanceId: 'child-1',
        policy: { firstRetryIntervalInMilliseconds: 1, maxNumberOfAttempts: 2 },
        attempt: 2,
      },
    },
    parentNotified: false,
  };
}

/** Writes a blob where the store keeps the task hub's instances, as a damaged or foreign writer might. */
async function writeStoredBlob(taskHub: string, blobName: string, text: string): Promise<void> {
  const container = BlobServiceClient.fromConnectionString(
    azurite().connectionString,
  ).getContainerClient(instanceContainerName(taskHub));
  await container.createIfNotExists();
  await container.getBlockBlobClient(blobName).upload(text, Buffer.byteLength(text));
}

function engineOn(store: InstanceStore): DurableEngine {
  return new DurableEngine({
    functions: new Map(),
    clock: new VirtualClock(at),
    store,
    logger: quietLogger,
    createContext: () => {
      throw new Error('No function runs in this test.');
    },
  });
}

describe('stored instance records', () => {
  it('reads back a record with every field as it was saved', async () => {
    const store = new BlobInstanceStore(azurite().connectionString, 'RoundTripHub');
    const record = fullRecord('round-trip-1');
    await store.save(record);
    expect(await store.loadAll()).toEqual([record]);
  });

  it('gives a record stored before executions had ids an execution id of its own, and reads the rest as it was', async () => {
    const { executionId: _none, ...older } = fullRecord('older-1');
    await writeStoredBlob('OlderHub', 'older-1.json', JSON.stringify(older));
    const [loaded] = await new BlobInstanceStore(azurite().connectionString, 'OlderHub').loadAll();
    expect(loaded).toEqual({ ...older, executionId: expect.any(String) });
    expect(loaded?.executionId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
  });

  it('names the blob and each broken field of a corrupt record', async () => {
    const { pendingTimers: _dropped, ...withoutTimers } = fullRecord('corrupt-1');
    await writeStoredBlob(
      'CorruptHub',
      'corrupt-1.json',
      JSON.stringify({ ...withoutTimers, runtimeStatus: 'Sleeping', createdTime: 'yesterday' }),
    );
    const loading = new BlobInstanceStore(azurite().connectionString, 'CorruptHub').loadAll();
    await expect(loading).rejects.toBeInstanceOf(CorruptInstanceRecordError);
    await expect(loading).rejects.toThrow(
      /^The durable instance record in blob "corrupthub-local-instances\/corrupt-1\.json" is corrupt:\n {2}- runtimeStatus: .*\n {2}- createdTime: .*\n {2}- pendingTimers: /,
    );
  });

  it('says a truncated record is not JSON', async () => {
    const text = JSON.stringify(fullRecord('truncated-1'));
    await writeStoredBlob('TruncatedHub', 'truncated-1.json', text.slice(0, text.length / 2));
    await expect(
      new BlobInstanceStore(azurite().connectionString, 'TruncatedHub').loadAll(),
    ).rejects.toThrow(
      'The durable instance record in blob "truncatedhub-local-instances/truncated-1.json" is corrupt:\n  - not JSON',
    );
  });

  it('stops recovery with the corrupt record named instead of failing inside the engine', async () => {
    const { pendingActivities: _dropped, ...withoutActivities } = fullRecord('recover-1');
    await writeStoredBlob('RecoverHub', 'recover-1.json', JSON.stringify(withoutActivities));
    const engine = engineOn(new BlobInstanceStore(azurite().connectionString, 'RecoverHub'));
    try {
      await expect(engine.recover()).rejects.toThrow(
        /recover-1\.json" is corrupt:\n {2}- pendingActivities: /,
      );
      expect(engine.listStatuses()).toEqual([]);
    } finally {
      await engine.dispose();
    }
  });

  it('says storage is unavailable, without the connection string, when nothing listens', async () => {
    // Free a moment ago, and nothing here listens on it: connections are refused.
    const port = await freePort();
    const offline = azuriteConnectionString({ blob: port, queue: port, table: port });
    const store = new BlobInstanceStore(offline, 'OfflineHub');
    for (const operation of [
      () => store.save(fullRecord('offline-1')),
      () => store.loadAll(),
      () => store.remove('offline-1'),
    ]) {
      const failed = operation();
      await expect(failed).rejects.toBeInstanceOf(StorageUnavailableError);
      await expect(failed).rejects.toThrow('Blob storage failed (ECONNREFUSED)');
      await expect(failed).rejects.not.toThrow(AZURITE_ACCOUNT_KEY);
    }
  });

  it('checks records kept in memory the same way', async () => {
    const store = new MemoryInstanceStore();
    await store.save({ ...fullRecord('memory-1'), input: 'not json' });
    await expect(store.loadAll()).rejects.toThrow(
      'The durable instance record kept in memory for "memory-1" is corrupt:\n  - input: must be JSON text',
    );
  });
});
