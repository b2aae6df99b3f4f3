import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import type { InstanceRecord } from './instance-record';

/** Where the local runtime keeps orchestration instances between restarts. */
export interface InstanceStore {
  loadAll(): Promise<InstanceRecord[]>;
  save(record: InstanceRecord): Promise<void>;
  remove(instanceId: string): Promise<void>;
}

/** Keeps instances in memory only: for tests that do not restart the runtime. */
export class MemoryInstanceStore implements InstanceStore {
  readonly #records = new Map<string, string>();

  loadAll(): Promise<InstanceRecord[]> {
    return Promise.resolve(
      [...this.#records.values()].map((text) => JSON.parse(text) as InstanceRecord),
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
    const containerName = `${taskHub.toLowerCase().replace(/[^a-z0-9-]/g, '')}-local-instances`;
    this.#container =
      BlobServiceClient.fromConnectionString(connectionString).getContainerClient(containerName);
  }

  async loadAll(): Promise<InstanceRecord[]> {
    await this.#ensureContainer();
    const records: InstanceRecord[] = [];
    for await (const blob of this.#container.listBlobsFlat()) {
      const buffer = await this.#container.getBlobClient(blob.name).downloadToBuffer();
      records.push(JSON.parse(buffer.toString('utf8')) as InstanceRecord);
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

function blobName(instanceId: string): string {
  return `${encodeURIComponent(instanceId)}.json`;
}
