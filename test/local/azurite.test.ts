import { BlobServiceClient } from '@azure/storage-blob';
import { TableClient } from '@azure/data-tables';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AzuriteStartError, startAzurite, type RunningAzurite } from '../../local/azurite';

let workspace: string;

beforeAll(async () => {
  workspace = await mkdtemp(path.join(tmpdir(), 'azurite-test-'));
});

afterAll(async () => {
  await rm(workspace, { recursive: true, force: true });
});

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => {
      resolve(false);
    });
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => {
      server.close(() => {
        resolve(true);
      });
    });
  });
}

async function roundTripTable(azurite: RunningAzurite, tableName: string): Promise<void> {
  const table = TableClient.fromConnectionString(azurite.connectionString, tableName, {
    allowInsecureConnection: true,
  });
  await table.createTable();
  await table.upsertEntity({ partitionKey: 'migration', rowKey: 'm-1', phase: 'cutover' });
}

async function readTable(azurite: RunningAzurite, tableName: string): Promise<unknown> {
  const table = TableClient.fromConnectionString(azurite.connectionString, tableName, {
    allowInsecureConnection: true,
  });
  const entity = await table.getEntity<{ phase: string }>('migration', 'm-1');
  return entity.phase;
}

describe('startAzurite', () => {
  it('serves tables and blobs on free loopback ports and frees them on stop', async () => {
    const azurite = await startAzurite({
      location: path.join(workspace, 'memory'),
      inMemory: true,
    });
    const { blob, queue, table } = azurite.ports;
    try {
      expect(new Set([blob, queue, table]).size).toBe(3);
      expect(azurite.blobEndpoint).toBe(`http://127.0.0.1:${blob}/devstoreaccount1`);
      expect(azurite.tableEndpoint).toBe(`http://127.0.0.1:${table}/devstoreaccount1`);
      expect(azurite.connectionString).toContain(`QueueEndpoint=http://127.0.0.1:${queue}/`);

      await roundTripTable(azurite, 'Migrations');
      expect(await readTable(azurite, 'Migrations')).toBe('cutover');

      const blobs = BlobServiceClient.fromConnectionString(azurite.connectionString);
      const container = blobs.getContainerClient('evidence');
      await container.create();
      const text = 'Sync cycle completed\nline two\n';
      await container
        .getBlockBlobClient('run-1/scheduler.txt')
        .upload(text, Buffer.byteLength(text));
      const downloaded = await container
        .getBlockBlobClient('run-1/scheduler.txt')
        .downloadToBuffer();
      expect(downloaded.toString('utf8')).toBe(text);
    } finally {
      await azurite.stop();
    }

    expect(await canBind(blob)).toBe(true);
    expect(await canBind(queue)).toBe(true);
    expect(await canBind(table)).toBe(true);
    await azurite.stop();
  });

  it('keeps data in its location across a restart', async () => {
    const location = path.join(workspace, 'disk');
    const first = await startAzurite({ location });
    try {
      await roundTripTable(first, 'Persisted');
    } finally {
      await first.stop();
    }
    const second = await startAzurite({ location });
    try {
      expect(await readTable(second, 'Persisted')).toBe('cutover');
    } finally {
      await second.stop();
    }
  });

  it("fails with Azurite's own error when a given port is taken", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    try {
      const start = startAzurite({
        location: path.join(workspace, 'clash'),
        inMemory: true,
        blobPort: address.port,
        queuePort: 0,
        tablePort: 0,
      });
      await expect(start).rejects.toThrow(AzuriteStartError);
      await expect(start).rejects.toThrow(/EADDRINUSE/);
    } finally {
      blocker.close();
    }
  });
});
