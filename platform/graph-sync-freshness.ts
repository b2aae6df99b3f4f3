import { z } from 'zod';
import type { GraphSettings } from './config';
import { createConsoleLogger, type ConsoleLogger } from './console-logger';
import {
  GraphClient,
  graphRefusal,
  perGraphSettings,
  type GraphClientOptions,
  type GraphProblem,
} from './graph-client';

export type { GraphProblem } from './graph-client';

/** What Microsoft Entra ID reports about directory sync from on-premises, or why it is unknown. */
export type SyncFreshnessResult =
  | {
      readonly ok: true;
      /** `organization.onPremisesLastSyncDateTime` (ISO-8601 UTC), null when the tenant reports none. */
      readonly lastSyncAt: string | null;
      /** `organization.onPremisesSyncEnabled`: null when the tenant was never synced. */
      readonly syncEnabled: boolean | null;
    }
  | { readonly ok: false; readonly problem: GraphProblem };

/** Tuning of the Graph call; the defaults suit an activity function. */
export type GraphSyncFreshnessOptions = GraphClientOptions;

const ORGANIZATION_SELECT = 'id,onPremisesSyncEnabled,onPremisesLastSyncDateTime';

// The tenant has exactly one organization object; anything else is not the documented answer.
const organizationPageSchema = z.object({
  value: z
    .array(
      z.object({
        id: z.string(),
        onPremisesSyncEnabled: z.boolean().nullable(),
        onPremisesLastSyncDateTime: z.iso.datetime({ offset: true }).nullable(),
      }),
    )
    .length(1),
});

/**
 * Reads the tenant's directory sync freshness from Microsoft Graph with application permission
 * Organization.Read.All, through an app registration or the function app's managed identity. Keep
 * one instance per process: it holds the MSAL client and its token cache. The constructor throws a
 * ConfigError when the certificate's private key cannot be read.
 */
export class GraphSyncFreshness {
  private readonly graph: GraphClient;
  private readonly logger: Pick<ConsoleLogger, 'warn'>;

  constructor(settings: GraphSettings, options: GraphSyncFreshnessOptions = {}) {
    this.graph = new GraphClient(settings, options);
    this.logger = options.logger ?? createConsoleLogger('graph');
  }

  /**
   * Reads `organization.onPremisesLastSyncDateTime`. Expected failures come back as a problem; it
   * throws only for defects, such as MSAL refusing its own configuration.
   */
  async check(): Promise<SyncFreshnessResult> {
    const response = await this.graph.request(
      'organization',
      'GET',
      `/v1.0/organization?$select=${ORGANIZATION_SELECT}`,
    );
    if (!response.ok) return response;
    if (response.status >= 300) return { ok: false, problem: graphRefusal(response.status) };
    const result = parseOrganization(response.body);
    if (!result.ok) {
      this.logger.warn('Graph organization request failed', {
        problem: result.problem,
        status: response.status,
      });
    }
    return result;
  }
}

/** The sync freshness reader of this process, or undefined when Graph is not configured. */
export const getGraphSyncFreshness = perGraphSettings(
  (settings) => new GraphSyncFreshness(settings),
);

function parseOrganization(body: string): SyncFreshnessResult {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, problem: 'malformed' };
  }
  const page = organizationPageSchema.safeParse(json);
  if (!page.success) {
    return { ok: false, problem: 'malformed' };
  }
  const [organization] = page.data.value;
  return organization === undefined
    ? { ok: false, problem: 'malformed' }
    : {
        ok: true,
        lastSyncAt: organization.onPremisesLastSyncDateTime,
        syncEnabled: organization.onPremisesSyncEnabled,
      };
}
