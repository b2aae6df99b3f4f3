// Reaches approvers' personal chats the way the send activities do, in its own process so it can
// start with NODE_EXTRA_CA_CERTS (read by Node only at start-up): Azurite for storage, the
// loopback Teams connector, a loopback Entra token endpoint and Graph on loopback https. Prints one
// JSON line: each case's outcome, the connector's calls and Graph's requests.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InvocationContext } from '@azure/functions';
import { startAzurite } from '../../../local/azurite';
import { VirtualClock } from '../../../local/clock';
import { localOnlySettings } from '../../../local/local-only-settings';
import { connectorPrefix, startTeamsConnector } from '../../../local/teams-connector';
import { startLoopbackEntra } from '../../support/loopback-entra';
import { startLoopbackGraphPeople, type GraphPerson } from '../../support/loopback-graph-people';

const tenant = '5f2b4c6d-1111-4222-8333-944455566677';
const clientId = '4a1b2c3d-0000-4000-8000-00000000abcd';
const accessToken = 'graph-loopback-access-token';
export const catalogAppId = 'c9b0a1d2-7777-4888-9999-000011112222';

/** The people of the tenant: Teams knows each; Graph knows all but Nobody Known. */
export const people = {
  alex: { teamsId: '29:alex', id: '0a0a0a0a-0000-4000-8000-000000000001', name: 'Alex Wilber' },
  megan: { teamsId: '29:megan', id: '0a0a0a0a-0000-4000-8000-000000000002', name: 'Megan Bowen' },
  adele: { teamsId: '29:adele', id: '0a0a0a0a-0000-4000-8000-000000000003', name: 'Adele Vance' },
  lee: { teamsId: '29:lee', id: '0a0a0a0a-0000-4000-8000-000000000004', name: 'Lee Gu' },
} as const;

const upn = (name: string): string => `${name.toLowerCase().replace(' ', '.')}@contoso.example`;

async function main(): Promise<void> {
  const work = await mkdtemp(path.join(tmpdir(), 'personal-chat-'));
  const tls = {
    key: await readFile(process.env.TEST_TLS_KEY ?? '', 'utf8'),
    cert: await readFile(process.env.TEST_TLS_CERT ?? '', 'utf8'),
  };
  const azurite = await startAzurite({ location: work, inMemory: true });
  const clock = new VirtualClock(new Date('2026-11-23T08:00:00Z'));
  const connector = await startTeamsConnector(clock, {
    people: Object.values(people).map((person) => ({
      name: person.name,
      teamsId: person.teamsId,
      aadObjectId: person.id,
      upn: upn(person.name),
      tenant,
      // Alex and Adele have the app; Megan and Lee do not.
      appInstalled: person === people.alex || person === people.adele,
    })),
  });
  const entra = await startLoopbackEntra({
    tenant,
    app: { clientId, clientSecret: 'graph-secret', accessToken },
    tls,
  });
  const directory: GraphPerson[] = Object.values(people).map((person) => ({
    id: person.id,
    displayName: person.name,
    userPrincipalName: upn(person.name),
  }));
  const graph = await startLoopbackGraphPeople({
    accessToken,
    people: directory,
    catalogAppId,
    grants: { readUsers: true, installApps: true },
    onInstall: (userId) => {
      connector.install(userId);
    },
    tls,
  });
  Object.assign(process.env, {
    ...localOnlySettings,
    AzureWebJobsStorage: azurite.connectionString,
    GRAPH_TENANT_ID: tenant,
    GRAPH_CLIENT_ID: clientId,
    GRAPH_CLIENT_SECRET: 'graph-secret',
    GRAPH_AUTHORITY_HOST: entra.origin,
    GRAPH_ENDPOINT: graph.origin,
    TEAMS_APP_CATALOG_ID: catalogAppId,
  });
  // Loaded now: the app reads its settings on first use.
  const { appServices } = await import('../../../functions/app-services');
  const { reachPersonalChat } = await import('../../../functions/personal-chats');
  const { references } = appServices();
  // The migration runs in Alex's personal chat: Teams' roster there is Alex alone.
  const via = await references.saveConversation(
    tenant,
    connector.personalChatId(people.alex),
    {
      serviceUrl: `${connector.origin}${connectorPrefix}`,
      channelId: 'msteams',
      conversation: {
        id: connector.personalChatId(people.alex),
        conversationType: 'personal',
        tenantId: tenant,
      },
      user: { id: people.alex.teamsId, aadObjectId: people.alex.id },
      bot: { id: '28:bot', name: 'Entra Connect Migration' },
    },
    clock.now(),
  );
  const logs: string[] = [];
  const context = new InvocationContext({
    invocationId: 'personal-chat-test',
    functionName: 'sendApprovalRequests',
    logHandler: (level, ...args) => logs.push(`${level}: ${args.map(String).join(' ')}`),
  });
  const cases: Record<
    string,
    { id: string; grants?: { readUsers: boolean; installApps: boolean } }
  > = {
    'sign-in name, no app, installed through Graph': { id: upn(people.megan.name) },
    'the same sign-in name again': { id: upn(people.megan.name) },
    'object id, app installed': { id: people.adele.id },
    'sign-in name nobody has': { id: 'nobody.known@contoso.example' },
    'object id, no app, installation not granted': {
      id: people.lee.id,
      grants: { readUsers: true, installApps: false },
    },
    'sign-in name, lookup not granted': {
      id: upn(people.adele.name).toUpperCase(),
      grants: { readUsers: false, installApps: false },
    },
  };
  const results: Record<string, unknown> = {};
  for (const [name, { id, grants }] of Object.entries(cases)) {
    if (grants !== undefined) Object.assign(graph.grants, grants);
    const before = { connector: connector.requests.length, graph: graph.requests.length };
    const reach = await reachPersonalChat(tenant, { id, via }, context);
    results[name] = {
      reach:
        reach.kind === 'reached'
          ? { kind: reach.kind, conversation: reach.reference.conversation }
          : reach,
      connector: connector.requests
        .slice(before.connector)
        .map((call) => `${call.operation} ${String(call.status)}`),
      graph: graph.requests
        .slice(before.graph)
        .map((request) => `${request.method} ${request.pathname}`),
    };
  }
  const stored = await references.get(tenant, references.personalChatKey(people.megan.id));
  process.stdout.write(`${JSON.stringify({ results, stored: stored !== undefined, logs })}\n`);
  await Promise.all([connector.close(), entra.close(), graph.close()]);
  await azurite.stop();
  await rm(work, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
