// Runs the app's storage through its managed identity in a process of its own, so a test can start
// it with NODE_EXTRA_CA_CERTS (read by Node only at start-up, needed to trust an https Azurite) and
// only the identity-based AzureWebJobsStorage__* settings in process.env, as on Azure. Prints one
// JSON line: what was written and read back, or the error that stopped it.
import { ManagedIdentityApplication } from '@azure/msal-node';
import { createHash } from 'node:crypto';
import { getAppSettings } from '../../../platform/config';
import { EvidenceStore } from '../../../platform/evidence-store';
import { createStorageClients } from '../../../platform/storage-clients';
import { TableAccess } from '../../../platform/table-access';

const TENANT = 'contoso-tenant';

async function main(): Promise<void> {
  const { storage } = getAppSettings();
  if (storage.kind !== 'identity') {
    throw new Error('The storage must be set up for the managed identity');
  }
  // Tests must never reach a real storage account, identity endpoint or the instance metadata
  // address (where MSAL goes when IDENTITY_ENDPOINT and IDENTITY_HEADER are not both set).
  for (const url of [storage.blobServiceUri, storage.tableServiceUri]) {
    if (new URL(url).hostname !== '127.0.0.1') {
      throw new Error('The storage service URIs must be loopback in tests');
    }
  }
  const identityEndpoint = process.env.IDENTITY_ENDPOINT;
  if (
    identityEndpoint === undefined ||
    new URL(identityEndpoint).hostname !== '127.0.0.1' ||
    new ManagedIdentityApplication().getManagedIdentitySource() !== 'AppService'
  ) {
    throw new Error('The managed identity must be the loopback App Service endpoint in tests');
  }

  const clients = createStorageClients(storage);
  try {
    const table = await new TableAccess(clients, 'IdentityChecks').client();
    await table.upsertEntity({ partitionKey: TENANT, rowKey: 'check-1', phase: 'cutover' });
    const entity = await table.getEntity<{ phase: string }>(TENANT, 'check-1');

    const evidence = new EvidenceStore(clients, 'identity-evidence');
    const bytes = Buffer.from('StagingModeEnabled                  : True\n', 'utf8');
    const ref = await evidence.put(TENANT, bytes, { fileName: 'scheduler.txt' });
    const stored = await evidence.get(TENANT, ref);
    process.stdout.write(
      `${JSON.stringify({
        ok: true,
        entity: { partitionKey: entity.partitionKey, rowKey: entity.rowKey, phase: entity.phase },
        evidence: {
          sha256: ref.sha256,
          expectedSha256: createHash('sha256').update(bytes).digest('hex'),
          readBack: stored?.equals(bytes) ?? false,
        },
      })}\n`,
    );
  } catch (error: unknown) {
    // The test checks that a refusal names what failed and carries no token or header value.
    process.stdout.write(
      `${JSON.stringify({
        ok: false,
        errorName: error instanceof Error ? error.name : typeof error,
        statusCode: (error as { statusCode?: unknown }).statusCode,
        message: error instanceof Error ? error.message : String(error),
      })}\n`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
