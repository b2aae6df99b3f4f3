import { randomUUID } from 'node:crypto';
import { unzipSync } from 'fflate';
import {
  startLoopbackServer,
  type LoopbackAnswer,
  type LoopbackServer,
  type RecordedRequest,
} from './loopback-server';

// A stand-in for the part of Microsoft Graph v1.0 that holds an organisation's Teams app catalog,
// answering as the reference pages say (microsoft-graph-docs-contrib, api-reference/v1.0/api):
// - appcatalogs-list-teamsapps.md: GET /appCatalogs/teamsApps with $filter (externalId,
//   distributionMethod) and $expand=appDefinitions.
// - teamsapp-publish.md: POST /appCatalogs/teamsApps, Content-Type application/zip, returns the
//   teamsApp (201 in its examples); ?requiresReview=true submits it for an admin's review, and
//   is the only publishing that AppCatalog.Submit allows. A manifest it cannot read is a 400
//   with innerError UnableToParseTeamsAppManifest; a version that is not three numbers is
//   VersionContainsOnlyNumbersDotSeparated.
// - teamsapp-update.md: POST /appCatalogs/teamsApps/{id}/appDefinitions, 204 without review,
//   201 with the definition (publishingState "submitted") with review.
// Not on those pages, taken from what the Agents Toolkit's Graph client handles: a second app with
// the same manifest id is a 409 Conflict (innerError AppDefinitionAlreadyExists), and so is an
// update while an earlier version still waits for review.

/** One version of an app in the catalog. */
export interface CatalogDefinition {
  readonly id: string;
  readonly teamsAppId: string;
  readonly displayName: string;
  readonly version: string;
  publishingState: 'submitted' | 'published' | 'rejected';
  /** The manifest as uploaded. */
  readonly manifest: Record<string, unknown>;
}

/** One app of the organisation's catalog. */
export interface CatalogApp {
  readonly id: string;
  readonly externalId: string;
  readonly displayName: string;
  readonly definitions: CatalogDefinition[];
}

/** What the signed-in admin's token may do. */
export type CatalogPermission = 'AppCatalog.ReadWrite.All' | 'AppCatalog.Submit' | 'none';

export interface LoopbackAppCatalog extends LoopbackServer {
  readonly apps: CatalogApp[];
  /** Adds an app as if published earlier; returns it. */
  seed(
    manifestId: string,
    versions: readonly (readonly [string, CatalogDefinition['publishingState']])[],
  ): CatalogApp;
  /** Sets what the token may do (by default everything). */
  permit(permission: CatalogPermission): void;
  /** Answers the next requests with this status (a 429 or 503, say) before serving again. */
  failNext(answers: readonly LoopbackAnswer[]): void;
  /** The requests that changed the catalog. */
  writes(): RecordedRequest[];
}

const APPS_PATH = '/v1.0/appCatalogs/teamsApps';

function graphError(
  status: number,
  code: string,
  message: string,
  innerCode?: string,
): LoopbackAnswer {
  return {
    status,
    json: {
      error: {
        code,
        message,
        innerError: {
          ...(innerCode === undefined ? {} : { code: innerCode }),
          date: new Date().toISOString().slice(0, 19),
          'request-id': randomUUID(),
          'client-request-id': randomUUID(),
        },
      },
    },
  };
}

function definitionJson(definition: CatalogDefinition) {
  return {
    id: definition.id,
    teamsAppId: definition.teamsAppId,
    displayName: definition.displayName,
    version: definition.version,
    publishingState: definition.publishingState,
    shortDescription: null,
    description: null,
    lastModifiedDateTime: null,
    azureADAppId: null,
  };
}

function appJson(app: CatalogApp, expand: boolean) {
  return {
    id: app.id,
    externalId: app.externalId,
    displayName: app.displayName,
    distributionMethod: 'organization',
    ...(expand ? { appDefinitions: app.definitions.map(definitionJson) } : {}),
  };
}

type Upload = { readonly manifest: Record<string, unknown> } | { readonly refusal: LoopbackAnswer };

/** The manifest of an uploaded zip, or what Graph answers instead. */
function readManifest(request: RecordedRequest): Upload {
  if (request.headers['content-type'] !== 'application/zip') {
    return {
      refusal: graphError(415, 'UnsupportedMediaType', 'Content-Type must be application/zip.'),
    };
  }
  let manifest: unknown;
  try {
    const entry = unzipSync(new Uint8Array(request.bytes))['manifest.json'];
    manifest = entry === undefined ? undefined : JSON.parse(Buffer.from(entry).toString('utf8'));
  } catch {
    manifest = undefined;
  }
  if (typeof manifest !== 'object' || manifest === null) {
    return {
      refusal: graphError(
        400,
        'BadRequest',
        'Unable to parse the app package.',
        'UnableToParseTeamsAppManifest',
      ),
    };
  }
  const { version, id } = manifest as Record<string, unknown>;
  if (typeof version !== 'string' || !/^\d+\.\d+\.\d+$/.test(version)) {
    return {
      refusal: graphError(
        400,
        'BadRequest',
        "App version supports only numbers in the '#.#.#' format.",
        'VersionContainsOnlyNumbersDotSeparated',
      ),
    };
  }
  if (typeof id !== 'string' || id === '') {
    return {
      refusal: graphError(
        400,
        'BadRequest',
        'The manifest has no id.',
        'UnableToParseTeamsAppManifest',
      ),
    };
  }
  return { manifest: manifest as Record<string, unknown> };
}

/** Whether version a (MAJOR.MINOR.PATCH) is below version b. */
function isBelow(a: string, b: string): boolean {
  const [x, y] = [a, b].map((version) => version.split('.').map(Number));
  for (let i = 0; i < 3; i++) {
    const difference = (x?.[i] ?? 0) - (y?.[i] ?? 0);
    if (difference !== 0) return difference < 0;
  }
  return false;
}

function shortName(manifest: Record<string, unknown>): string {
  const name = manifest.name as { short?: unknown } | undefined;
  return typeof name?.short === 'string' ? name.short : '';
}

/** Starts the catalog on https; the admin's token must be `accessToken`. */
export async function startLoopbackAppCatalog(options: {
  readonly accessToken: string;
  readonly tls: { readonly key: string; readonly cert: string };
}): Promise<LoopbackAppCatalog> {
  const apps: CatalogApp[] = [];
  let permission: CatalogPermission = 'AppCatalog.ReadWrite.All';
  let failures: LoopbackAnswer[] = [];
  let origin = '';

  const addDefinition = (app: CatalogApp, manifest: Record<string, unknown>, review: boolean) => {
    const definition: CatalogDefinition = {
      id: Buffer.from(`${app.id}##${String(manifest.version)}`).toString('base64'),
      teamsAppId: app.id,
      displayName: shortName(manifest),
      version: String(manifest.version),
      publishingState: review ? 'submitted' : 'published',
      manifest,
    };
    app.definitions.push(definition);
    return definition;
  };

  const route = (request: RecordedRequest): LoopbackAnswer => {
    if (request.headers.authorization !== `Bearer ${options.accessToken}`) {
      return graphError(
        401,
        'InvalidAuthenticationToken',
        'Access token validation failure. Invalid audience.',
      );
    }
    const failure = failures.shift();
    if (failure !== undefined) return failure;
    if (permission === 'none') {
      return graphError(403, 'Forbidden', 'Forbidden', 'Authorization_RequestDenied');
    }
    const url = new URL(request.path, 'https://127.0.0.1');
    const review = url.searchParams.get('requiresReview') === 'true';
    if (request.method === 'GET' && url.pathname === APPS_PATH) {
      const filter = url.searchParams.get('$filter') ?? '';
      const match = /^distributionMethod eq 'organization' and externalId eq '([^']+)'$/.exec(
        filter,
      );
      if (match === null) {
        return graphError(400, 'BadRequest', `Invalid filter clause: ${filter}`);
      }
      const expand = url.searchParams.get('$expand') === 'appDefinitions';
      return {
        status: 200,
        json: {
          '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#appCatalogs/teamsApps',
          value: apps
            .filter((app) => app.externalId === match[1])
            .map((app) => appJson(app, expand)),
        },
      };
    }
    if (request.method !== 'POST')
      return graphError(405, 'MethodNotAllowed', 'Method not allowed.');
    // AppCatalog.Submit "allows you to submit apps for review only, not to publish them".
    if (permission === 'AppCatalog.Submit' && !review) {
      return graphError(403, 'Forbidden', 'Forbidden', 'Authorization_RequestDenied');
    }
    if (url.pathname === APPS_PATH) {
      const upload = readManifest(request);
      if ('refusal' in upload) return upload.refusal;
      const { manifest } = upload;
      if (apps.some((app) => app.externalId === manifest.id)) {
        return graphError(409, 'Conflict', 'Conflict', 'AppDefinitionAlreadyExists');
      }
      const app: CatalogApp = {
        id: randomUUID(),
        externalId: String(manifest.id),
        displayName: shortName(manifest),
        definitions: [],
      };
      apps.push(app);
      addDefinition(app, manifest, review);
      return {
        status: 201,
        json: {
          '@odata.context':
            'https://graph.microsoft.com/v1.0/$metadata#appCatalogs/teamsApps/$entity',
          ...appJson(app, false),
        },
        ...(review ? { headers: { location: `${origin}${APPS_PATH}/${app.id}` } } : {}),
      };
    }
    const update = new RegExp(`^${APPS_PATH}/([^/]+)/appDefinitions$`).exec(url.pathname);
    if (update !== null) {
      const app = apps.find((candidate) => candidate.id === update[1]);
      if (app === undefined) return graphError(404, 'NotFound', 'The app was not found.');
      const upload = readManifest(request);
      if ('refusal' in upload) return upload.refusal;
      const { manifest } = upload;
      if (manifest.id !== app.externalId) {
        return graphError(
          400,
          'BadRequest',
          'The manifest id does not match the app.',
          'ManifestIdMismatch',
        );
      }
      if (app.definitions.some((definition) => definition.publishingState === 'submitted')) {
        return graphError(409, 'Conflict', 'Conflict', 'AppDefinitionAlreadyExists');
      }
      // "When you update something in your app manifest, the version must be incremented too"
      // (Teams manifest schema reference); Graph's exact refusal is not documented.
      if (
        app.definitions.some((definition) => !isBelow(definition.version, String(manifest.version)))
      ) {
        return graphError(
          400,
          'BadRequest',
          'The app version must be higher than the version in the catalog.',
          'AppVersionNotHigher',
        );
      }
      const definition = addDefinition(app, manifest, review);
      if (!review) return { status: 204 };
      return {
        status: 201,
        json: {
          '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#appDefinition',
          ...definitionJson(definition),
        },
      };
    }
    return graphError(404, 'NotFound', `Resource not found for the segment '${url.pathname}'.`);
  };

  const server = await startLoopbackServer(route, options.tls);
  origin = server.origin;
  return {
    ...server,
    apps,
    seed(manifestId, versions) {
      const app: CatalogApp = {
        id: randomUUID(),
        externalId: manifestId,
        displayName: 'Entra Connect Migration',
        definitions: [],
      };
      for (const [version, state] of versions) {
        addDefinition(
          app,
          { id: manifestId, version, name: { short: app.displayName } },
          false,
        ).publishingState = state;
      }
      apps.push(app);
      return app;
    },
    permit(value) {
      permission = value;
    },
    failNext(answers) {
      failures = [...answers];
    },
    writes: () => server.requests.filter((request) => request.method === 'POST'),
  };
}
