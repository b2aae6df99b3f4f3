import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startAzurite, type RunningAzurite } from '../../local/azurite';
import { VirtualClock } from '../../local/clock';
import type { InstanceRecord } from '../../local/durable/instance-record';
import { BlobInstanceStore, type InstanceStore } from '../../local/durable/instance-store';
import type { RuntimeLogger } from '../../local/runtime-logger';
import { startLocalRuntime, type LocalRuntime } from '../../local/runtime';

const sampleApp = fileURLToPath(new URL('../apps/durable-sample.ts', import.meta.url));
const day = 24 * 3600_000;
const instances = ['outage-1', 'outage-2'];

/** The Blob store the runtime uses, counting the operations that failed. */
class CountingStore implements InstanceStore {
  failures = 0;

  constructor(private readonly inner: InstanceStore) {}

  loadAll(): Promise<InstanceRecord[]> {
    return this.#counted(this.inner.loadAll());
  }

  save(record: InstanceRecord): Promise<void> {
    return this.#counted(this.inner.save(record));
  }

  remove(instanceId: string): Promise<void> {
    return this.#counted(this.inner.remove(instanceId));
  }

  async #counted<T>(operation: Promise<T>): Promise<T> {
    try {
      return await operation;
    } catch (error) {
      this.failures++;
      throw error;
    }
  }
}

const lines: { level: 'info' | 'warn' | 'error'; message: string }[] = [];
const logger: RuntimeLogger = {
  info: (message) => lines.push({ level: 'info', message }),
  warn: (message) => lines.push({ level: 'warn', message }),
  error: (message) => lines.push({ level: 'error', message }),
};
const unhandled: unknown[] = [];
const recordUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};

let dataDir = '';
let azurite: RunningAzurite | undefined;
let runtime: LocalRuntime | undefined;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'storage-outage-'));
  process.on('unhandledRejection', recordUnhandled);
});

afterAll(async () => {
  process.off('unhandledRejection', recordUnhandled);
  await runtime?.close();
  await azurite?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the local runtime when Azurite stops while durable work is pending', () => {
  it('stays up, retries, logs the outage once, and finishes the work once storage is back', async () => {
    const location = path.join(dataDir, 'azurite');
    azurite = await startAzurite({ location });
    const ports = azurite.ports;
    const store = new CountingStore(new BlobInstanceStore(azurite.connectionString, 'OutageHub'));
    const rt = await startLocalRuntime({
      entryFiles: [sampleApp],
      clock: new VirtualClock(),
      store,
      logger,
    });
    runtime = rt;
    for (const id of instances) {
      const started = await fetch(`${rt.origin}/api/samples/sampleMain/${id}`, {
        method: 'POST',
        body: JSON.stringify({ key: id, failTimes: 1, approvalHours: 24 }),
      });
      expect(started.status).toBe(202);
    }
    await rt.settle();
    for (const id of instances) {
      // The flaky activity failed once; its retry timer (1 s) is pending.
      expect(rt.engine.getStatus(id)?.customStatus).toEqual({ step: 'retry' });
    }

    await azurite.stop();
    // The retry timers fire, and their events must be saved before the orchestrations go on.
    const advancing = rt.advance(1000);
    await vi.waitFor(
      () => {
        expect(store.failures).toBeGreaterThanOrEqual(4);
      },
      { timeout: 60_000, interval: 50 },
    );
    // Still serving while storage is out.
    expect((await fetch(`${rt.origin}/api/ping`)).status).toBe(200);

    azurite = await startAzurite({
      location,
      blobPort: ports.blob,
      queuePort: ports.queue,
      tablePort: ports.table,
    });
    await advancing;
    for (const id of instances) {
      expect(rt.engine.getStatus(id)?.customStatus).toEqual({ step: 'long-timer' });
    }
    await rt.advance(8 * day);
    for (const id of instances) {
      const status = rt.engine.getStatus(id);
      expect(status?.runtimeStatus).toBe('Completed');
      expect((status?.output as unknown[])[1]).toBe(`ok after retries: ${id}`);
      expect((status?.output as unknown[])[3]).toBe('approval timed out');
    }

    const warnings = lines.filter((line) => line.level === 'warn').map((line) => line.message);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^Storage is unavailable \(Blob storage failed \(ECONNREFUSED\)\)/);
    const recovered = lines.filter((line) => line.message.startsWith('Storage is back after'));
    expect(recovered).toHaveLength(1);
    expect(lines.filter((line) => line.level === 'error')).toEqual([]);
    expect(unhandled).toEqual([]);

    // What finished was saved: a runtime started afresh on the same storage finds it.
    await rt.close();
    runtime = await startLocalRuntime({
      entryFiles: [sampleApp],
      clock: new VirtualClock(),
      store: new BlobInstanceStore(azurite.connectionString, 'OutageHub'),
      logger,
    });
    for (const id of instances) {
      expect(runtime.engine.getStatus(id)?.runtimeStatus).toBe('Completed');
    }
  });

  it('closes while storage is still out, and the work resumes from storage on the next start', async () => {
    const rt = runtime;
    if (rt === undefined || azurite === undefined) throw new Error('The first test did not run.');
    lines.length = 0;
    const started = await fetch(`${rt.origin}/api/samples/sampleWaitForever/outage-3`, {
      method: 'POST',
      body: 'null',
    });
    expect(started.status).toBe(202);
    await rt.settle();
    const { location, ports } = { location: path.join(dataDir, 'azurite'), ports: azurite.ports };
    await azurite.stop();

    const raised = fetch(`${rt.durableOrigin}/durabletask/instances/outage-3/raiseEvent/Go`, {
      method: 'POST',
      body: '"late"',
    });
    await vi.waitFor(
      () => {
        expect(lines.map((line) => line.message)).toContainEqual(
          expect.stringMatching(/^Storage is unavailable/),
        );
      },
      { timeout: 60_000, interval: 50 },
    );
    await rt.close();
    runtime = undefined;
    // The event was never saved, so the caller was never told it was taken.
    await expect(raised).rejects.toThrow();
    expect(lines.filter((line) => line.level === 'error')).toEqual([]);
    expect(lines.filter((line) => line.level === 'warn').map((line) => line.message)).toEqual([
      expect.stringMatching(/^Storage is unavailable/),
      expect.stringMatching(
        /^HTTP POST \/durabletask\/instances\/outage-3\/raiseEvent\/Go: The local runtime closed while storage was unavailable/,
      ),
    ]);

    azurite = await startAzurite({
      location,
      blobPort: ports.blob,
      queuePort: ports.queue,
      tablePort: ports.table,
    });
    runtime = await startLocalRuntime({
      entryFiles: [sampleApp],
      clock: new VirtualClock(),
      store: new BlobInstanceStore(azurite.connectionString, 'OutageHub'),
      logger,
    });
    expect(runtime.engine.getStatus('outage-3')).toMatchObject({
      runtimeStatus: 'Running',
      customStatus: 'waiting',
    });
    expect(unhandled).toEqual([]);
  });
});
