import { RestError, type TableClient } from '@azure/data-tables';
import { createStorageClients, type StorageClients } from './storage-clients';

/** Opens a table, creating it on first use; one client per table and connection. */
export class TableAccess {
  readonly #client: TableClient;
  #ready: Promise<void> | undefined;

  /** `storage` is the app's storage clients, or a connection string (Azurite, tests, tools). */
  constructor(storage: StorageClients | string, tableName: string) {
    const clients =
      typeof storage === 'string'
        ? createStorageClients({ kind: 'connection-string', connectionString: storage })
        : storage;
    this.#client = clients.table(tableName);
  }

  /** The client, once the table exists. */
  async client(): Promise<TableClient> {
    this.#ready ??= this.#client.createTable().catch((error: unknown) => {
      this.#ready = undefined;
      throw error;
    });
    await this.#ready;
    return this.#client;
  }
}

/** Row and partition keys may not hold / \ # ? or control characters: ids are encoded. */
export function tableKey(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64url');
}

/** True for a 404 from the table service. */
export function isNotFound(error: unknown): boolean {
  return error instanceof RestError && error.statusCode === 404;
}

/** True for a 409 (entity exists) or 412 (ETag no longer matches) from the table service. */
export function isConflict(error: unknown): boolean {
  return error instanceof RestError && (error.statusCode === 409 || error.statusCode === 412);
}
