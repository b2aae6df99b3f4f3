import { describe, expect, it, vi } from 'vitest';
import { StorageUnavailableError } from '../../local/durable/instance-store';
import { RuntimeClosedError, StorageRetry } from '../../local/durable/storage-retry';
import type { RuntimeLogger } from '../../local/runtime-logger';

/** A logger that keeps its lines. */
function collecting(): RuntimeLogger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (message) => lines.push(`info: ${message}`),
    warn: (message) => lines.push(`warn: ${message}`),
    error: (message) => lines.push(`error: ${message}`),
  };
}

/** An operation that finds storage unavailable `failures` times, then answers `value`. */
function outage<T>(failures: number, value: T): { run: () => Promise<T>; attempts: () => number } {
  let attempts = 0;
  return {
    attempts: () => attempts,
    run: () => {
      attempts++;
      return attempts <= failures
        ? Promise.reject(new StorageUnavailableError('Blob storage failed (ECONNREFUSED)'))
        : Promise.resolve(value);
    },
  };
}

const quick = { firstMs: 1, maxMs: 4 };

describe('StorageRetry', () => {
  it('runs operations again until storage answers, and logs the outage once for all', async () => {
    const logger = collecting();
    const retry = new StorageRetry(logger, quick);
    // One storage for both operations: down until the test brings it back.
    let up = false;
    const attempts = [0, 0];
    const operation = (index: number, value: string) => () => {
      attempts[index] = (attempts[index] ?? 0) + 1;
      return up
        ? Promise.resolve(value)
        : Promise.reject(new StorageUnavailableError('Blob storage failed (ECONNREFUSED)'));
    };
    const saving = retry.run(operation(0, 'saved'));
    const loading = retry.run(operation(1, 'loaded'));
    await vi.waitFor(() => {
      expect(Math.min(...attempts)).toBeGreaterThanOrEqual(3);
    });
    up = true;

    expect(await Promise.all([saving, loading])).toEqual(['saved', 'loaded']);
    expect(logger.lines).toEqual([
      'warn: Storage is unavailable (Blob storage failed (ECONNREFUSED)): durable work waits and retries until it is back.',
      expect.stringMatching(
        /^info: Storage is back after \d+ failed attempt\(s\); durable work resumes\.$/,
      ),
    ]);
  });

  it('logs a second outage again once storage answered in between', async () => {
    const logger = collecting();
    const retry = new StorageRetry(logger, quick);
    await retry.run(outage(1, 1).run);
    await retry.run(outage(0, 2).run);
    await retry.run(outage(2, 3).run);
    expect(logger.lines).toEqual([
      'warn: Storage is unavailable (Blob storage failed (ECONNREFUSED)): durable work waits and retries until it is back.',
      'info: Storage is back after 1 failed attempt(s); durable work resumes.',
      'warn: Storage is unavailable (Blob storage failed (ECONNREFUSED)): durable work waits and retries until it is back.',
      'info: Storage is back after 2 failed attempt(s); durable work resumes.',
    ]);
  });

  it('passes any other failure on at once, without retrying or logging it', async () => {
    const logger = collecting();
    const retry = new StorageRetry(logger, quick);
    let attempts = 0;
    const broken = retry.run(() => {
      attempts++;
      return Promise.reject(new SyntaxError('not JSON'));
    });
    await expect(broken).rejects.toThrow(SyntaxError);
    expect(attempts).toBe(1);
    expect(logger.lines).toEqual([]);
  });

  it('gives up on operations waiting for storage when closed, and runs no new ones', async () => {
    const retry = new StorageRetry(collecting(), { firstMs: 60_000, maxMs: 60_000 });
    const forever = outage(Number.POSITIVE_INFINITY, 'never');
    const waiting = retry.run(forever.run);
    await Promise.resolve();
    retry.close();
    await expect(waiting).rejects.toBeInstanceOf(RuntimeClosedError);
    expect(forever.attempts()).toBe(1);

    const later = outage(0, 'too late');
    await expect(retry.run(later.run)).rejects.toBeInstanceOf(RuntimeClosedError);
    expect(later.attempts()).toBe(0);
  });
});
