import { z } from 'zod';
import { GraphClient, graphRefusal, perGraphSettings, type GraphProblem } from './graph-client';

/** Someone of the tenant's directory. */
export interface DirectoryUser {
  /** Their Microsoft Entra object id. */
  readonly id: string;
  readonly displayName: string | undefined;
  readonly userPrincipalName: string | undefined;
}

/** What a directory lookup found. */
export type UserLookup =
  | { readonly kind: 'found'; readonly user: DirectoryUser }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'unavailable'; readonly problem: GraphProblem };

/** What installing the app for someone did. */
export type AppInstallation =
  | { readonly kind: 'installed' }
  /** Graph answered 409: it was installed already. */
  | { readonly kind: 'already-installed' }
  /** 404: no such user, or no such app in the tenant's catalog. */
  | { readonly kind: 'not-found' }
  | { readonly kind: 'unavailable'; readonly problem: GraphProblem };

const userSchema = z.object({
  id: z.string().min(1),
  displayName: z.string().nullish(),
  userPrincipalName: z.string().nullish(),
});

/**
 * The people side of Microsoft Graph: who a sign-in name or object id is (`GET /users/{id}`,
 * application permission User.ReadBasic.All), and installing the bot's app for someone
 * (`POST /users/{id}/teamwork/installedApps`, TeamsAppInstallation.ReadWriteSelfForUser.All, which
 * lets an app install only itself). A permission not granted comes back as `forbidden`.
 */
export class GraphPeople {
  constructor(private readonly graph: GraphClient) {}

  /** Looks someone up by object id or sign-in name. */
  async findUser(idOrSignInName: string): Promise<UserLookup> {
    const response = await this.graph.request(
      'user',
      'GET',
      `/v1.0/users/${encodeURIComponent(idOrSignInName)}?$select=id,displayName,userPrincipalName`,
    );
    if (!response.ok) return { kind: 'unavailable', problem: response.problem };
    if (response.status === 404) return { kind: 'not-found' };
    if (response.status >= 300) {
      return { kind: 'unavailable', problem: graphRefusal(response.status) };
    }
    const user = parseJson(response.body, userSchema);
    if (user === undefined) return { kind: 'unavailable', problem: 'malformed' };
    return {
      kind: 'found',
      user: {
        id: user.id,
        displayName: user.displayName ?? undefined,
        userPrincipalName: user.userPrincipalName ?? undefined,
      },
    };
  }

  /** Installs the app (by its catalog id) in someone's personal scope. */
  async installApp(userId: string, catalogAppId: string): Promise<AppInstallation> {
    const response = await this.graph.request(
      'app installation',
      'POST',
      `/v1.0/users/${encodeURIComponent(userId)}/teamwork/installedApps`,
      {
        'teamsApp@odata.bind': new URL(
          `/v1.0/appCatalogs/teamsApps/${encodeURIComponent(catalogAppId)}`,
          this.graph.graphEndpoint,
        ).href,
      },
    );
    if (!response.ok) return { kind: 'unavailable', problem: response.problem };
    if (response.status === 409) return { kind: 'already-installed' };
    if (response.status === 404) return { kind: 'not-found' };
    if (response.status >= 300) {
      return { kind: 'unavailable', problem: graphRefusal(response.status) };
    }
    return { kind: 'installed' };
  }
}

function parseJson<T>(body: string, schema: z.ZodType<T>): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The Graph people reader of this process, or undefined when Graph is not configured. */
export const getGraphPeople = perGraphSettings(
  (settings) => new GraphPeople(new GraphClient(settings)),
);

/**
 * The Graph people reader for conversation turns, which Teams waits for only about 15 seconds:
 * one attempt, three seconds at most.
 */
export const getGraphPeopleForTurns = perGraphSettings(
  (settings) =>
    new GraphPeople(new GraphClient(settings, { maxAttempts: 1, requestTimeoutMs: 3000 })),
);
