import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAzurite } from '../../local/azurite';
import { VirtualClock } from '../../local/clock';
import { BlobInstanceStore } from '../../local/durable/instance-store';
import { quietLogger } from '../../local/runtime-logger';
import { startLocalRuntime } from '../../local/runtime';

const sampleApp = fileURLToPath(new URL('../apps/durable-sample.ts', import.meta.url));
const day = 24 * 3600_000;
let dataDir = '';

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'runtime-persistence-'));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('durable state in Azurite', () => {
  it('resumes a running orchestration after both the runtime and Azurite restart', async () => {
    const clock = new VirtualClock();
    const location = path.join(dataDir, 'azurite');

    let azurite = await startAzurite({ location });
    let runtime = await startLocalRuntime({
      entryFiles: [sampleApp],
      clock,
      store: new BlobInstanceStore(azurite.connectionString, 'PersistenceHub'),
      logger: quietLogger,
    });
    const started = await fetch(`${runtime.origin}/api/samples/sampleMain/persisted-1`, {
      method: 'POST',
      body: JSON.stringify({ key: 'p1', failTimes: 1, approvalHours: 24 }),
    });
    expect(started.status).toBe(202);
    await runtime.settle();
    // Stop while the flaky activity waits on its retry timer.
    expect(runtime.engine.getStatus('persisted-1')?.customStatus).toEqual({ step: 'retry' });
    await runtime.close();
    await azurite.stop();

    azurite = await startAzurite({ location });
    runtime = await startLocalRuntime({
      entryFiles: [sampleApp],
      clock,
      store: new BlobInstanceStore(azurite.connectionString, 'PersistenceHub'),
      logger: quietLogger,
    });
    try {
      await runtime.settle();
      expect(runtime.engine.getStatus('persisted-1')).toMatchObject({
        runtimeStatus: 'Running',
        customStatus: { step: 'retry' },
      });
      await runtime.advance(1000);
      expect(runtime.engine.getStatus('persisted-1')?.customStatus).toEqual({ step: 'long-timer' });
      await runtime.advance(7 * day + 24 * 3600_000);
      const status = runtime.engine.getStatus('persisted-1', true);
      expect(status?.runtimeStatus).toBe('Completed');
      expect((status?.output as unknown[])[1]).toBe('ok after retries: p1');
      expect((status?.output as unknown[])[3]).toBe('approval timed out');
    } finally {
      await runtime.close();
      await azurite.stop();
    }
  });
});
