import { BlobServiceClient, RestError, type ContainerClient } from '@azure/storage-blob';
import { parseInstanceRecord, type InstanceRecord } from './instance-record';

/**
 * Where the local runtime keeps orchestration instances between restarts. An operation that could
 * not reach storage rejects with `StorageUnavailableError`, which the engine retries.
 */
export interface InstanceStore {
  /** Every stored record, parsed; a record that does not parse rejects with `CorruptInstanceRecordError`. */
  loadAll(): Promise<InstanceRecord[]>;
  save(record: InstanceRecord): Promise<void>;
  remove(instanceId: string): Promise<void>;
}

/** Storage did not answer, or refused the request: the same operation may work later. */
export class StorageUnavailableError extends Error {
  override readonly name = 'StorageUnavailableError';
}

/** Keeps instances in memory only: for tests that do not restart the runtime. */
export class MemoryInstanceStore implements InstanceStore {
  readonly #records = new Map<string, string>();

  loadAll(): Promise<InstanceRecord[]> {
    // Parsed inside the promise, so a corrupt record rejects like a blob store's would.
    return Promise.resolve().then(() =>
      [...this.#records].map(([id, text]) =>
        parseInstanceRecord(text, `kept in memory for "${id}"`),
      ),
    );
  }

  save(record: InstanceRecord): Promise<void> {
    this.#records.set(record.instanceId, JSON.stringify(record));
    return Promise.resolve();
  }

  remove(instanceId: string): Promise<void> {
    this.#records.delete(instanceId);
    return Promise.resolve();
  }
}

/**
 * Keeps each instance as one JSON blob in Azure Blob storage (Azurite locally), named after the
 * instance id, so a restarted runtime picks up every running orchestration where it stopped.
 */
export class BlobInstanceStore implements InstanceStore {
  readonly #container: ContainerClient;
  #ready: Promise<unknown> | undefined;

  constructor(connectionString: string, taskHub: string) {
    this.#container = BlobServiceClient.fromConnectionString(connectionString, {
      // One try per call: the engine retries with its own backoff and logs an outage once, where
      // the SDK's default (4 tries, 4 s apart and growing) would hold each call for about 45 s.
      retryOptions: { maxTries: 1 },
    }).getContainerClient(instanceContainerName(taskHub));
  }

  async loadAll(): Promise<InstanceRecord[]> {
    const blobs = await this.#reach(async () => {
      const texts: { name: string; text: string }[] = [];
      for await (const blob of this.#container.listBlobsFlat()) {
        const buffer = await this.#container.getBlobClient(blob.name).downloadToBuffer();
        texts.push({ name: blob.name, text: buffer.toString('utf8') });
      }
      return texts;
    });
    return blobs.map(({ name, text }) =>
      parseInstanceRecord(text, `in blob "${this.#container.containerName}/${name}"`),
    );
  }

  async save(record: InstanceRecord): Promise<void> {
    const body = JSON.stringify(record);
    await this.#reach(() =>
      this.#container
        .getBlockBlobClient(blobName(record.instanceId))
        .upload(body, Buffer.byteLength(body), {
          blobHTTPHeaders: { blobContentType: 'application/json' },
        }),
    );
  }

  async remove(instanceId: string): Promise<void> {
    await this.#reach(() => this.#container.getBlobClient(blobName(instanceId)).deleteIfExists());
  }

  /** Runs a call once the container exists; what storage answers wrongly, or not at all, may work later. */
  async #reach<T>(call: () => Promise<T>): Promise<T> {
    try {
      this.#ready ??= this.#container.createIfNotExists();
      await this.#ready;
      return await call();
    } catch (error) {
      if (!(error instanceof RestError)) throw error;
      // Checked again next time: storage that came back empty (in-memory Azurite) lost the container.
      this.#ready = undefined;
      const reason =
        error.statusCode === undefined
          ? (error.code ?? 'no answer')
          : `HTTP ${String(error.statusCode)}`;
      throw new StorageUnavailableError(`Blob storage failed (${reason})`, { cause: error });
    }
  }
}

/** The blob container that holds a task hub's instances. */
export function instanceContainerName(taskHub: string): string {
  return `${taskHub.toLowerCase().replace(/[^a-z0-9-]/g, '')}-local-instances`;
}

function blobName(instanceId: string): string {
  return `${encodeURIComponent(instanceId)}.json`;
}
