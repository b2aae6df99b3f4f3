import { z } from 'zod';
import { startLoopbackServer, type LoopbackAnswer, type LoopbackServer } from './loopback-server';

// Microsoft Graph's people side on loopback https, as Graph answers it: `GET /v1.0/users/{id or
// sign-in name}` (User.ReadBasic.All) and `POST /v1.0/users/{id}/teamwork/installedApps`
// (TeamsAppInstallation.ReadWriteSelfForUser.All), each refused with Graph's 403 when the
// permission is not granted, 404 for nobody, 409 for an app installed already.

/** Someone of the directory. */
export interface GraphPerson {
  readonly id: string;
  readonly displayName: string;
  readonly userPrincipalName: string;
}

/** How the stand-in is set up. */
export interface LoopbackGraphPeopleOptions {
  readonly accessToken: string;
  readonly people: readonly GraphPerson[];
  /** The app of the tenant's catalog that may install itself. */
  readonly catalogAppId: string;
  /** Application permissions granted to the caller. */
  readonly grants: { readUsers: boolean; installApps: boolean };
  /** Called when the app is installed for someone (the connector then lets the bot chat). */
  readonly onInstall: (userId: string) => void;
  readonly tls: { readonly key: string; readonly cert: string };
}

/** A running stand-in; `grants` may be changed between calls. */
export interface LoopbackGraphPeople extends LoopbackServer {
  readonly grants: { readUsers: boolean; installApps: boolean };
}

const installSchema = z.object({ 'teamsApp@odata.bind': z.string() });

function graphError(status: number, code: string, message: string): LoopbackAnswer {
  return { status, json: { error: { code, message, innerError: { 'request-id': 'loopback' } } } };
}

const denied = graphError(
  403,
  'Authorization_RequestDenied',
  'Insufficient privileges to complete the operation.',
);

/** Starts the stand-in on a free port of 127.0.0.1. */
export async function startLoopbackGraphPeople(
  options: LoopbackGraphPeopleOptions,
): Promise<LoopbackGraphPeople> {
  const grants = { ...options.grants };
  const installed = new Set<string>();
  const find = (key: string): GraphPerson | undefined =>
    options.people.find(
      (person) => person.id === key || person.userPrincipalName.toLowerCase() === key.toLowerCase(),
    );
  const server = await startLoopbackServer((request) => {
    if (request.headers.authorization !== `Bearer ${options.accessToken}`) {
      return graphError(401, 'InvalidAuthenticationToken', 'Access token validation failure.');
    }
    const user = /^\/v1\.0\/users\/([^/]+)$/.exec(request.pathname);
    if (request.method === 'GET' && user?.[1] !== undefined) {
      if (!grants.readUsers) return denied;
      const person = find(decodeURIComponent(user[1]));
      if (person === undefined) {
        return graphError(
          404,
          'Request_ResourceNotFound',
          `Resource '${decodeURIComponent(user[1])}' does not exist or one of its queried reference-property objects are not present.`,
        );
      }
      return { status: 200, json: { '@odata.context': 'loopback', ...person } };
    }
    const apps = /^\/v1\.0\/users\/([^/]+)\/teamwork\/installedApps$/.exec(request.pathname);
    if (request.method === 'POST' && apps?.[1] !== undefined) {
      if (!grants.installApps) return denied;
      const person = find(decodeURIComponent(apps[1]));
      const body = installSchema.safeParse(JSON.parse(request.body || '{}'));
      if (!body.success) return graphError(400, 'BadRequest', 'teamsApp@odata.bind is required.');
      const appId = body.data['teamsApp@odata.bind'].split('/').pop();
      if (person === undefined || appId !== options.catalogAppId) {
        return graphError(404, 'NotFound', 'The user or the app was not found.');
      }
      if (installed.has(person.id)) {
        return graphError(409, 'Conflict', 'The app is already installed for the user.');
      }
      installed.add(person.id);
      options.onInstall(person.id);
      return { status: 201 };
    }
    return graphError(404, 'NotSupported', `${request.method} ${request.pathname}`);
  }, options.tls);
  return { ...server, grants };
}
