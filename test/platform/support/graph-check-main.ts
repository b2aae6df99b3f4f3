// Runs GraphSyncFreshness in its own process so a test can start it with NODE_EXTRA_CA_CERTS (read
// by Node only at start-up) and the GRAPH_* settings in process.env, as in production. Prints one
// JSON line: the result of each check and every log entry.
import { ManagedIdentityApplication } from '@azure/msal-node';
import { getGraphSettings, usesManagedIdentity } from '../../../platform/config';
import { GraphSyncFreshness } from '../../../platform/graph-sync-freshness';

async function main(): Promise<void> {
  const settings = getGraphSettings();
  if (settings === undefined) {
    throw new Error('GRAPH_* settings are missing');
  }
  // Tests must never reach a real authority, identity endpoint or Graph.
  const tokenOrigin = usesManagedIdentity(settings)
    ? process.env.IDENTITY_ENDPOINT
    : settings.authorityHost;
  for (const origin of [tokenOrigin, settings.graphEndpoint]) {
    if (origin === undefined || new URL(origin).hostname !== '127.0.0.1') {
      throw new Error(
        'GRAPH_AUTHORITY_HOST (or IDENTITY_ENDPOINT) and GRAPH_ENDPOINT must be loopback in tests',
      );
    }
  }
  // Without IDENTITY_HEADER too MSAL would fall back to the instance metadata address.
  if (
    usesManagedIdentity(settings) &&
    new ManagedIdentityApplication().getManagedIdentitySource() !== 'AppService'
  ) {
    throw new Error('The managed identity must be the loopback App Service endpoint in tests');
  }
  const logs: Record<string, unknown>[] = [];
  const freshness = new GraphSyncFreshness(settings, {
    logger: { warn: (message, fields) => logs.push({ message, ...fields }) },
    maxRetryDelayMs: 2000,
  });
  const results = [];
  for (let check = Number(process.argv[2] ?? '1'); check > 0; check -= 1) {
    results.push(await freshness.check());
  }
  process.stdout.write(`${JSON.stringify({ results, logs })}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
