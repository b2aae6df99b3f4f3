import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { parseInstanceRecord, type InstanceRecord } from './instance-record';

/** Where the local runtime keeps orchestration instances between restarts. */
export interface InstanceStore {
  /** Every stored record, parsed; a record that does not parse rejects with `CorruptInstanceRecordError`. */
  loadAll(): Promise<InstanceRecord[]>;
  save(record: InstanceRecord): Promise<void>;
  remove(instanceId: string): Promise<void>;
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
    this.#container = BlobServiceClient.fromConnectionString(connectionString).getContainerClient(
      instanceContainerName(taskHub),
    );
  }

  async loadAll(): Promise<InstanceRecord[]> {
    await this.#ensureContainer();
    const records: InstanceRecord[] = [];
    for await (const blob of this.#container.listBlobsFlat()) {
      const buffer = await this.#container.getBlobClient(blob.name).downloadToBuffer();
      records.push(
        parseInstanceRecord(
          buffer.toString('utf8'),
          `in blob "${this.#container.containerName}/${blob.name}"`,
        ),
      );
    }
    return records;
  }

  async save(record: InstanceRecord): Promise<void> {
    await this.#ensureContainer();
    const body = JSON.stringify(record);
    await this.#container
      .getBlockBlobClient(blobName(record.instanceId))
      .upload(body, Buffer.byteLength(body), {
        blobHTTPHeaders: { blobContentType: 'application/json' },
      });
  }

  async remove(instanceId: string): Promise<void> {
    await this.#ensureContainer();
    await this.#container.getBlobClient(blobName(instanceId)).deleteIfExists();
  }

  async #ensureContainer(): Promise<void> {
    this.#ready ??= this.#container.createIfNotExists();
    await this.#ready;
  }
}

/** The blob container that holds a task hub's instances. */
export function instanceContainerName(taskHub: string): string {
  return `${taskHub.toLowerCase().replace(/[^a-z0-9-]/g, '')}-local-instances`;
}

function blobName(instanceId: string): string {
  return `${encodeURIComponent(instanceId)}.json`;
}
