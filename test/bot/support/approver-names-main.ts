// Starts a migration whose approvers were picked by object id, with Microsoft Graph on loopback
// https, in its own process so it can start with NODE_EXTRA_CA_CERTS (read by Node only at
// start-up). The app runs as npm start runs it. Prints one JSON line: the approvers the migration
// recorded, and Graph's requests.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { startAppHost } from '../../../local/app-host';
import { startLoopbackEntra } from '../../support/loopback-entra';
import { startLoopbackGraphPeople } from '../../support/loopback-graph-people';
import { messageActivity, personalChat, submitActivity } from '../../support/playground-activity';
import { alex } from '../../support/playground-people';
import { startFormAnswers } from '../../support/start-form-answers';

const root = path.resolve(__dirname, '..', '..', '..');
const tenant = '5f2b4c6d-1111-4222-8333-944455566677';
const clientId = '4a1b2c3d-0000-4000-8000-00000000abcd';
const accessToken = 'graph-loopback-access-token';
/** Known to the directory, never seen by the bot. */
export const megan = { id: '0a0a0a0a-0000-4000-8000-000000000002', name: 'Megan Bowen' };
/** Unknown to the directory. */
export const ghost = '0a0a0a0a-0000-4000-8000-0000000000ff';

async function main(): Promise<void> {
  const tls = {
    key: await readFile(process.env.TEST_TLS_KEY ?? '', 'utf8'),
    cert: await readFile(process.env.TEST_TLS_CERT ?? '', 'utf8'),
  };
  const entra = await startLoopbackEntra({
    tenant,
    app: { clientId, clientSecret: 'graph-secret', accessToken },
    tls,
  });
  const graph = await startLoopbackGraphPeople({
    accessToken,
    people: [
      { id: megan.id, displayName: megan.name, userPrincipalName: 'megan.bowen@contoso.example' },
    ],
    catalogAppId: 'c9b0a1d2-7777-4888-9999-000011112222',
    grants: { readUsers: true, installApps: false },
    onInstall: () => undefined,
    tls,
  });
  const host = await startAppHost({
    root,
    start: new Date('2026-11-23T08:00:00Z'),
    env: {
      GRAPH_TENANT_ID: tenant,
      GRAPH_CLIENT_ID: clientId,
      GRAPH_CLIENT_SECRET: 'graph-secret',
      GRAPH_AUTHORITY_HOST: entra.origin,
      GRAPH_ENDPOINT: graph.origin,
    },
  });
  const chat = personalChat(alex);
  await host.post({
    ...messageActivity(chat, host.serviceUrl, 'names-1', 'start migration'),
    timestamp: '2026-11-23T08:00:00.001Z',
  });
  const form = host.connector.requests.at(-1)?.body ?? '';
  const migrationId = /"migrationId":"([^"]+)"/.exec(form)?.[1] ?? '';
  await host.post({
    ...submitActivity(chat, host.serviceUrl, 'names-2', {
      verb: 'migration.start',
      migrationId,
      ...startFormAnswers,
      approvers: `${megan.id},${ghost}`,
    }),
    timestamp: '2026-11-23T08:00:00.002Z',
  });
  // The app's own services: the entry files were loaded into this process.
  const { appServices } = await import('../../../functions/app-services');
  const entry = await appServices().registry.get(alex.tenant, migrationId);
  process.stdout.write(
    `${JSON.stringify({
      approvers: entry?.approvers ?? null,
      graph: graph.requests.map((request) => `${request.method} ${request.pathname}`),
    })}\n`,
  );
  await host.close();
  await Promise.all([entra.close(), graph.close()]);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
