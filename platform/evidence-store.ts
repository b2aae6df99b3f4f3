import type { ContainerClient } from '@azure/storage-blob';
import { createHash } from 'node:crypto';
import { evidenceRefSchema, type EvidenceRef } from '../migration/migration-signals';
import { createStorageClients, type StorageClients } from './storage-clients';
// Blob and table clients share one RestError (@azure/core-rest-pipeline), so the table helpers fit.
import { isConflict, isNotFound, tableKey } from './table-access';

/** Stored evidence no longer matches its reference: it was changed after it was stored. */
export class EvidenceIntegrityError extends Error {
  override readonly name = 'EvidenceIntegrityError';
}

/** How a piece of evidence was submitted. */
export interface EvidenceDescription {
  /** The uploaded file's name; absent for pasted text. */
  readonly fileName?: string;
  readonly contentType?: string;
}

const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

/**
 * Evidence in Azure Blob storage, content-addressed by sha256 under the tenant
 * (`{tenantKey}/{sha256}`): the same bytes are stored once and never rewritten, and every read is
 * checked against the digest the durable event carried.
 */
export class EvidenceStore {
  readonly #container: ContainerClient;
  #ready: Promise<unknown> | undefined;

  /** `storage` is the app's storage clients, or a connection string (Azurite, tests, tools). */
  constructor(storage: StorageClients | string, containerName = 'evidence') {
    const clients =
      typeof storage === 'string'
        ? createStorageClients({ kind: 'connection-string', connectionString: storage })
        : storage;
    this.#container = clients.container(containerName);
  }

  /** Stores the bytes (once per tenant and content) and returns their reference. */
  async put(
    tenantId: string,
    bytes: Uint8Array,
    description: EvidenceDescription = {},
  ): Promise<EvidenceRef> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const blobName = evidenceBlobName(tenantId, sha256);
    const ref: EvidenceRef = {
      blobName,
      sha256,
      bytes: bytes.byteLength,
      ...(description.fileName === undefined ? {} : { fileName: description.fileName }),
    };
    const blob = (await this.#containerClient()).getBlockBlobClient(blobName);
    if (await blob.exists()) return ref;
    try {
      await blob.uploadData(bytes, {
        conditions: { ifNoneMatch: '*' },
        blobHTTPHeaders: { blobContentType: description.contentType ?? DEFAULT_CONTENT_TYPE },
        metadata: {
          // Metadata travels as HTTP headers, so a file name outside ASCII is percent-encoded.
          ...(description.fileName === undefined
            ? {}
            : { filename: encodeURIComponent(description.fileName) }),
          bytes: String(bytes.byteLength),
        },
      });
    } catch (error) {
      // Someone stored the same content between exists() and the upload: the blob is already right.
      if (!isConflict(error)) throw error;
    }
    return ref;
  }

  /**
   * The stored bytes, or undefined when this tenant has no such evidence. Throws
   * EvidenceIntegrityError when the blob no longer hashes to the reference.
   */
  async get(tenantId: string, ref: EvidenceRef): Promise<Buffer | undefined> {
    const { sha256, bytes } = evidenceRefSchema.parse(ref);
    const blobName = evidenceBlobName(tenantId, sha256);
    // A reference naming another tenant's blob is not evidence of this tenant.
    if (ref.blobName !== blobName) return undefined;
    const blob = (await this.#containerClient()).getBlobClient(blobName);
    let stored: Buffer;
    try {
      const properties = await blob.getProperties();
      // Checked before the download so that a swapped, huge blob is never read into memory.
      if (properties.contentLength !== bytes) {
        throw new EvidenceIntegrityError(
          `Evidence ${blobName} has ${String(properties.contentLength)} bytes, the reference says ${bytes}`,
        );
      }
      stored = bytes === 0 ? Buffer.alloc(0) : await blob.downloadToBuffer(0, bytes);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
    const actual = createHash('sha256').update(stored).digest('hex');
    if (actual !== sha256 || stored.byteLength !== bytes) {
      throw new EvidenceIntegrityError(`Evidence ${blobName} no longer matches its sha256`);
    }
    return stored;
  }

  async #containerClient(): Promise<ContainerClient> {
    this.#ready ??= this.#container.createIfNotExists().catch((error: unknown) => {
      this.#ready = undefined;
      throw error;
    });
    await this.#ready;
    return this.#container;
  }
}

function evidenceBlobName(tenantId: string, sha256: string): string {
  return `${tableKey(tenantId)}/${sha256}`;
}
