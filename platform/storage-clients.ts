import { TableClient } from '@azure/data-tables';
import { ManagedIdentityCredential } from '@azure/identity';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import type { StorageSettings } from './config';

/** Opens the app's tables and blob containers with the credential its storage settings name. */
export interface StorageClients {
  table(tableName: string): TableClient;
  container(containerName: string): ContainerClient;
}

/**
 * The one place that turns storage settings into clients: a connection string as given, or the
 * function app's managed identity (user-assigned when a client id is set, system-assigned
 * otherwise) with bearer tokens for `https://storage.azure.com`.
 */
export function createStorageClients(storage: StorageSettings): StorageClients {
  if (storage.kind === 'connection-string') {
    const { connectionString } = storage;
    // Azurite and local HTTP endpoints need allowInsecureConnection; Azure always uses https.
    const allowInsecureConnection =
      connectionString.includes('http://') ||
      connectionString.includes('UseDevelopmentStorage=true');
    let blobs: BlobServiceClient | undefined;
    return {
      table: (tableName) =>
        TableClient.fromConnectionString(connectionString, tableName, { allowInsecureConnection }),
      // The blob SDK allows plain http (Azurite) on its own: it has no allowInsecureConnection option.
      container: (containerName) =>
        (blobs ??= BlobServiceClient.fromConnectionString(connectionString)).getContainerClient(
          containerName,
        ),
    };
  }
  // One credential for every client: its token cache then serves them all.
  const credential =
    storage.clientId === undefined
      ? new ManagedIdentityCredential()
      : new ManagedIdentityCredential({ clientId: storage.clientId });
  const blobs = new BlobServiceClient(storage.blobServiceUri, credential);
  return {
    table: (tableName) => new TableClient(storage.tableServiceUri, tableName, credential),
    container: (containerName) => blobs.getContainerClient(containerName),
  };
}
