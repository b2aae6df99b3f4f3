import { describe, expect, it } from 'vitest';
import { MAX_ACTIVITY_BYTES, readBoundedBody } from '../../bot/request-body';

/** A body of `chunks` chunks of `size` bytes, counting how many were pulled and whether it was cancelled. */
function countedBody(chunks: number, size: number) {
  const seen = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (seen.pulled === chunks) {
        controller.close();
        return;
      }
      seen.pulled += 1;
      controller.enqueue(new Uint8Array(size).fill(0x61));
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  return { stream, seen };
}

describe('readBoundedBody', () => {
  it('reads a body up to the cap whole', async () => {
    const { stream } = countedBody(4, 1024);

    expect(await readBoundedBody('4096', stream, 4096)).toEqual({
      ok: true,
      text: 'a'.repeat(4096),
    });
  });

  it('refuses a declared length over the cap without reading a byte', async () => {
    const { stream, seen } = countedBody(100 * 1024, 1024);

    expect(await readBoundedBody(String(100 * 1024 * 1024), stream)).toEqual({
      ok: false,
      reason: 'too-large',
    });
    expect(seen.pulled).toBe(0);
    expect(seen.cancelled).toBe(true);
  });

  it('stops reading a body without a length where it passes the cap', async () => {
    const { stream, seen } = countedBody(100 * 1024, 1024);

    expect(await readBoundedBody(null, stream)).toEqual({ ok: false, reason: 'too-large' });
    expect(seen.cancelled).toBe(true);
    expect(seen.pulled).toBeLessThan(MAX_ACTIVITY_BYTES / 1024 + 3);
  });

  it('stops reading a body that declares less than it sends', async () => {
    const { stream, seen } = countedBody(1024, 1024);

    expect(await readBoundedBody('10', stream, 4096)).toEqual({ ok: false, reason: 'too-large' });
    expect(seen.pulled).toBe(5);
  });

  it('reads no body as empty text', async () => {
    expect(await readBoundedBody(null, null)).toEqual({ ok: true, text: '' });
  });

  it('allows eight times the largest message Teams delivers', () => {
    expect(MAX_ACTIVITY_BYTES).toBe(8 * 28 * 1024);
  });
});
