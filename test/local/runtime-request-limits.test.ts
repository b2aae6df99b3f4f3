import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../local/clock';
import { MemoryInstanceStore } from '../../local/durable/instance-store';
import { quietLogger } from '../../local/runtime-logger';
import {
  DEFAULT_MAX_REQUEST_BYTES,
  startLocalRuntime,
  type LocalRuntime,
} from '../../local/runtime';

const sampleApp = fileURLToPath(new URL('../apps/durable-sample.ts', import.meta.url));

let runtime: LocalRuntime | undefined;

afterEach(async () => {
  await runtime?.close();
  runtime = undefined;
});

async function start(options: { bodyTimeoutMs?: number } = {}): Promise<LocalRuntime> {
  runtime = await startLocalRuntime({
    entryFiles: [sampleApp],
    clock: new VirtualClock(),
    store: new MemoryInstanceStore(),
    logger: quietLogger,
    ...options,
  });
  return runtime;
}

/**
 * POSTs to `path`, writing `chunk` again and again (as fast as the socket takes it) until the
 * server answers or `total` bytes were sent; resolves with the status and the bytes sent by then.
 */
function postStreaming(
  origin: string,
  path: string,
  options: { chunk: Buffer; total: number; declaredLength?: number; pauseMs?: number },
): Promise<{ status: number; sent: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request(`${origin}${path}`, {
      method: 'POST',
      headers:
        options.declaredLength === undefined
          ? { 'transfer-encoding': 'chunked' }
          : { 'content-length': String(options.declaredLength) },
    });
    req.on('response', (response) => {
      answered = true;
      response.resume();
      resolve({ status: response.statusCode ?? 0, sent });
      req.destroy();
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const write = (): void => {
      while (!answered && sent < options.total) {
        sent += options.chunk.length;
        if (options.pauseMs !== undefined) {
          req.write(options.chunk);
          setTimeout(write, options.pauseMs);
          return;
        }
        if (!req.write(options.chunk)) {
          req.once('drain', write);
          return;
        }
      }
      if (!answered) req.end();
    };
    write();
  });
}

describe('the local runtime bounds every request body', () => {
  it('answers 413 to a declared 100 MB body before it is sent', async () => {
    const rt = await start();
    const answer = await postStreaming(rt.origin, '/api/ping', {
      chunk: Buffer.alloc(64 * 1024, 0x61),
      total: 100 * 1024 * 1024,
      declaredLength: 100 * 1024 * 1024,
    });

    expect(answer.status).toBe(413);
    expect(answer.sent).toBeLessThan(100 * 1024 * 1024);
  });

  it('answers 413 to a chunked body where it passes the cap, while the client still sends', async () => {
    const rt = await start();
    const answer = await postStreaming(rt.origin, '/api/ping', {
      chunk: Buffer.alloc(64 * 1024, 0x61),
      total: 100 * 1024 * 1024,
    });

    expect(answer.status).toBe(413);
    expect(answer.sent).toBeGreaterThan(DEFAULT_MAX_REQUEST_BYTES);
    expect(answer.sent).toBeLessThan(100 * 1024 * 1024);
  });

  it('bounds the bodies on the durable client listener too', async () => {
    const rt = await start();
    const answer = await postStreaming(rt.durableOrigin, '/durabletask/instances/x/raiseEvent/Go', {
      chunk: Buffer.alloc(64 * 1024, 0x61),
      total: 100 * 1024 * 1024,
    });

    expect(answer.status).toBe(413);
    expect(answer.sent).toBeLessThan(100 * 1024 * 1024);
  });

  it('answers 408 to a body that does not arrive in time', async () => {
    const rt = await start({ bodyTimeoutMs: 300 });
    const answer = await postStreaming(rt.origin, '/api/ping', {
      chunk: Buffer.from('a'),
      total: 1000,
      pauseMs: 1000,
    });

    expect(answer.status).toBe(408);
  });

  it('still serves the requests after them', async () => {
    const rt = await start();
    await postStreaming(rt.origin, '/api/ping', {
      chunk: Buffer.alloc(64 * 1024, 0x61),
      total: 1024 * 1024,
    });

    expect((await fetch(`${rt.origin}/api/ping`)).status).toBe(200);
  });
});
