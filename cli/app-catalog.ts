// The organisation's Teams app catalog through Microsoft Graph v1.0, with the signed-in admin's
// delegated token: find the app by its manifest id, publish it, or add a new version.
// https://learn.microsoft.com/graph/api/appcatalogs-list-teamsapps
// https://learn.microsoft.com/graph/api/teamsapp-publish
// https://learn.microsoft.com/graph/api/teamsapp-update
import { z } from 'zod';

const definitionSchema = z.object({
  id: z.string(),
  teamsAppId: z.string().optional(),
  displayName: z.string().nullish(),
  version: z.string(),
  // submitted (waiting for an admin's review), published, rejected, unknownFutureValue.
  publishingState: z.string(),
});

const appSchema = z.object({
  id: z.string(),
  externalId: z.string().nullish(),
  displayName: z.string().nullish(),
  distributionMethod: z.string().nullish(),
  appDefinitions: z.array(definitionSchema).optional(),
});

const listSchema = z.object({ value: z.array(appSchema) });

const graphErrorSchema = z.object({
  error: z.object({
    code: z.string().optional(),
    message: z.string().optional(),
    innerError: z.looseObject({ code: z.string().optional() }).optional(),
  }),
});

/** One version of the app in the catalog. */
export type CatalogAppDefinition = z.infer<typeof definitionSchema>;

/** The app in the catalog, with its versions. */
export interface CatalogApp {
  readonly id: string;
  readonly displayName: string;
  readonly definitions: readonly CatalogAppDefinition[];
}

/** A refusal of Graph's, with what it said (never the token). */
export class AppCatalogError extends Error {
  override readonly name = 'AppCatalogError';

  constructor(
    message: string,
    readonly status: number,
    readonly code: string | undefined,
    readonly innerCode: string | undefined,
  ) {
    super(message);
  }
}

/** Attempts of a request that Graph throttled (429) or could not serve at the moment (503). */
const ATTEMPTS = 4;
/** Longest wait a Retry-After may ask for before the tool gives up. */
const LONGEST_WAIT_MS = 60_000;

/** A version of the app that still waits for an admin's review (Graph lists them in no set order). */
export function definitionInReview(app: CatalogApp): CatalogAppDefinition | undefined {
  return app.definitions.find((definition) => definition.publishingState === 'submitted');
}

/** Microsoft Graph's Teams app catalog of one tenant, as one signed-in user. */
export class AppCatalog {
  private readonly apps: string;

  constructor(
    graphEndpoint: string,
    private readonly accessToken: string,
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    this.apps = `${graphEndpoint.replace(/\/+$/, '')}/v1.0/appCatalogs/teamsApps`;
  }

  /** The organisation's app whose manifest id is `manifestId`, with its versions. */
  async find(manifestId: string): Promise<CatalogApp | undefined> {
    const url = new URL(this.apps);
    url.searchParams.set(
      '$filter',
      `distributionMethod eq 'organization' and externalId eq '${manifestId.replaceAll("'", "''")}'`,
    );
    url.searchParams.set('$expand', 'appDefinitions');
    const response = await this.send('GET', url, undefined);
    const [app] = (await parseAnswer(response, listSchema, 'a list of apps')).value;
    if (app === undefined) return undefined;
    return {
      id: app.id,
      displayName: app.displayName ?? '',
      definitions: app.appDefinitions ?? [],
    };
  }

  /** Adds a new app to the catalog; its id in the catalog comes back. */
  async publish(zip: Uint8Array, requiresReview: boolean): Promise<string> {
    const response = await this.send('POST', this.url(this.apps, requiresReview), zip);
    return (await parseAnswer(response, appSchema, 'the published app')).id;
  }

  /** Adds a new version of an app that is already in the catalog. */
  async update(appId: string, zip: Uint8Array, requiresReview: boolean): Promise<void> {
    const url = this.url(
      `${this.apps}/${encodeURIComponent(appId)}/appDefinitions`,
      requiresReview,
    );
    await this.send('POST', url, zip);
  }

  private url(base: string, requiresReview: boolean): URL {
    const url = new URL(base);
    if (requiresReview) url.searchParams.set('requiresReview', 'true');
    return url;
  }

  private async send(
    method: 'GET' | 'POST',
    url: URL,
    zip: Uint8Array | undefined,
  ): Promise<Response> {
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(url, {
          method,
          headers: {
            authorization: `Bearer ${this.accessToken}`,
            accept: 'application/json',
            ...(zip === undefined ? {} : { 'content-type': 'application/zip' }),
          },
          ...(zip === undefined ? {} : { body: zip }),
          signal: AbortSignal.timeout(120_000),
        });
      } catch (error) {
        const reason =
          error instanceof Error
            ? error.cause instanceof Error
              ? error.cause.message
              : error.message
            : String(error);
        throw new AppCatalogError(
          `Microsoft Graph could not be reached at ${url.origin} (${reason})`,
          0,
          undefined,
          undefined,
        );
      }
      if (response.ok) return response;
      // Throttled: Graph did nothing, so the same request is safe again. A 503 is retried only
      // for a read: a publish that failed that way may still have gone through.
      const retriable = response.status === 429 || (response.status === 503 && method === 'GET');
      if (retriable && attempt < ATTEMPTS) {
        const wait = retryAfterMs(response.headers.get('retry-after'), attempt);
        if (wait <= LONGEST_WAIT_MS) {
          await response.body?.cancel();
          await this.sleep(wait);
          continue;
        }
      }
      throw await refusal(response);
    }
  }
}

/** A successful answer's body, read with its schema; anything else is Graph's fault, said so. */
async function parseAnswer<T>(response: Response, schema: z.ZodType<T>, what: string): Promise<T> {
  const parsed = schema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) {
    throw new AppCatalogError(
      `Graph answered ${String(response.status)} without ${what} in its body`,
      response.status,
      undefined,
      undefined,
    );
  }
  return parsed.data;
}

function retryAfterMs(header: string | null, attempt: number): number {
  const seconds = header === null ? Number.NaN : Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = header === null ? Number.NaN : Date.parse(header);
  if (Number.isFinite(date)) return Math.max(0, date - Date.now());
  return 2 ** attempt * 1000;
}

async function refusal(response: Response): Promise<AppCatalogError> {
  const text = await response.text().catch(() => '');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const parsed = graphErrorSchema.safeParse(body);
  const error = parsed.success ? parsed.data.error : undefined;
  const said = [error?.code, error?.innerError?.code, error?.message]
    .filter((part) => part !== undefined && part !== '')
    .join(': ');
  return new AppCatalogError(
    `Graph answered ${String(response.status)}${said === '' ? '' : ` (${said})`}`,
    response.status,
    error?.code,
    error?.innerError?.code,
  );
}
