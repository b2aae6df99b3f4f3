import type { RuntimeLogger } from '../runtime-logger';
import { StorageUnavailableError } from './instance-store';

/** Raised to work that still waited for storage when the runtime closed. */
export class RuntimeClosedError extends Error {
  override readonly name = 'RuntimeClosedError';
}

/** How long to wait between attempts: from `firstMs`, doubling, up to `maxMs`. */
export interface StorageRetryDelays {
  readonly firstMs: number;
  readonly maxMs: number;
}

// The Durable extension's Azure Storage backend waits 10 s after a failed fetch or a failed work
// item before it polls again (DurableTask.AzureStorage AzureStorageOrchestrationService,
// GetDelayInSecondsAfterOnFetchException / GetDelayInSecondsAfterOnProcessException); the
// abandoned work item's messages come back to the queue and run again.
const DEFAULT_DELAYS: StorageRetryDelays = { firstMs: 250, maxMs: 10_000 };

/**
 * Runs storage operations until storage answers, as the real backend keeps polling through an
 * outage instead of giving up: an operation that rejects with `StorageUnavailableError` waits and
 * runs again; any other rejection is passed on. The waits are real time, since an outage is real
 * even when orchestrations run on a virtual clock. An outage is logged when it starts and when it
 * ends, however many operations and attempts fail in between.
 */
export class StorageRetry {
  readonly #logger: RuntimeLogger;
  readonly #delays: StorageRetryDelays;
  readonly #wakers = new Set<() => void>();
  /** Attempts failed since storage last answered; 0 outside an outage. */
  #failures = 0;
  #closed = false;

  constructor(logger: RuntimeLogger, delays: StorageRetryDelays = DEFAULT_DELAYS) {
    this.#logger = logger;
    this.#delays = delays;
  }

  /** `operation`'s result once storage answers; rejects with `RuntimeClosedError` after `close()`. */
  async run<T>(operation: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      if (this.#closed) {
        throw new RuntimeClosedError(
          'The local runtime closed while storage was unavailable; the work resumes from storage on the next start.',
        );
      }
      try {
        const result = await operation();
        this.#answered();
        return result;
      } catch (error) {
        if (!(error instanceof StorageUnavailableError)) throw error;
        this.#failed(error);
      }
      await this.#wait(Math.min(this.#delays.firstMs * 2 ** attempt, this.#delays.maxMs));
    }
  }

  /** Ends every wait: operations still waiting for storage reject with `RuntimeClosedError`. */
  close(): void {
    this.#closed = true;
    for (const wake of this.#wakers) wake();
    this.#wakers.clear();
  }

  #failed(error: StorageUnavailableError): void {
    if (this.#failures === 0) {
      this.#logger.warn(
        `Storage is unavailable (${error.message}): durable work waits and retries until it is back.`,
      );
    }
    this.#failures++;
  }

  #answered(): void {
    if (this.#failures === 0) return;
    this.#logger.info(
      `Storage is back after ${String(this.#failures)} failed attempt(s); durable work resumes.`,
    );
    this.#failures = 0;
  }

  #wait(milliseconds: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.#closed) {
        resolve();
        return;
      }
      const wake = (): void => {
        clearTimeout(timer);
        this.#wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, milliseconds);
      this.#wakers.add(wake);
    });
  }
}
