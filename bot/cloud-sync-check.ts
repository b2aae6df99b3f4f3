import type { TurnContext } from 'botbuilder';
import { readCloudSyncForm, renderCloudSyncForm } from '../cards/cloud-sync-form-card';
import { renderCloudSyncResult } from '../cards/cloud-sync-result-card';
import type { CardActionOf, cardVerbs } from '../cards/verbs';
import { decideCloudSyncFit } from '../migration/cloud-sync-fit';
import { cloudSyncPrefillOf } from '../migration/cloud-sync-prefill';
import type { FactValue } from '../migration/judgment';
import { judgmentAuditDetailSchema } from '../migration/workflow/evidence';
import { findActiveMigration, tenantOf } from './active-migration';
import { adaptiveCardMessage } from './card-message';
import type { CloudSyncFormPrefill } from '../cards/cloud-sync-form-card';
import type { MigrationServices } from './migration-services';

const judgmentDetail = judgmentAuditDetailSchema.pick({ status: true, facts: true });

/**
 * The facts a migration recorded, read back from its audit log's judgments with the journal's rule
 * (migration/workflow/evidence.ts `recordJudgment`): later ones override, an unknown adds none.
 */
async function recordedFactsOf(
  services: MigrationServices,
  migrationId: string,
): Promise<Record<string, FactValue>> {
  const recorded: Record<string, FactValue> = {};
  for (const entry of await services.audit.list(migrationId)) {
    if (entry.kind !== 'judgment') continue;
    // A detail too large for the log is kept as a preview: its facts are simply not read back.
    const detail = judgmentDetail.safeParse(entry.detail);
    if (!detail.success || detail.data.status === 'unknown') continue;
    Object.assign(recorded, detail.data.facts);
  }
  return recorded;
}

/** The answers a running migration of the tenant already knows, if there is one that recorded any. */
async function prefillFor(
  context: TurnContext,
  services: MigrationServices | undefined,
): Promise<
  | { prefill: CloudSyncFormPrefill; values: ReturnType<typeof cloudSyncPrefillOf>['features'] }
  | undefined
> {
  if (services === undefined) return undefined;
  const active = await findActiveMigration(services, tenantOf(context));
  if (active === undefined) return undefined;
  const { features, taken } = cloudSyncPrefillOf(
    await recordedFactsOf(services, active.migrationId),
  );
  if (taken.length === 0) return undefined;
  const oldServer = active.view.status?.oldServer ?? active.entry?.oldServer ?? 'the old server';
  return { prefill: { migrationId: active.migrationId, oldServer, taken }, values: features };
}

/** `cloud sync`: the form of the Cloud Sync check, filled in from a running migration when it can be. */
export async function offerCloudSyncCheck(
  context: TurnContext,
  services: MigrationServices | undefined,
): Promise<void> {
  const known = await prefillFor(context, services);
  const card = renderCloudSyncForm(
    known === undefined ? {} : { prefill: known.prefill, values: known.values },
  );
  await context.sendActivity(adaptiveCardMessage(card));
}

/** The Cloud Sync form was submitted: the answer, or what could not be read (nothing is decided then). */
export async function answerCloudSyncCheck(
  context: TurnContext,
  action: CardActionOf<typeof cardVerbs.checkCloudSync>,
): Promise<void> {
  const read = readCloudSyncForm(action);
  if (!read.ok) {
    await context.sendActivity(
      `That Cloud Sync form could not be read (${read.problems.join('; ')}), so nothing was checked. Type cloud sync for a fresh form.`,
    );
    return;
  }
  await context.sendActivity(
    adaptiveCardMessage(renderCloudSyncResult(decideCloudSyncFit(read.features))),
  );
}
