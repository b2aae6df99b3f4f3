import { TeamsInfo, type TeamsChannelAccount, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Actor } from '../migration/migration-signals';
import { isMigrationActive, type MigrationRuntimeView } from '../migration/migration-status';
import type { DecidingUser } from '../migration/workflow/approval';
import { roleIn, type MigrationRole } from '../migration/workflow/permissions';
import type { MigrationEntry } from '../platform/migration-registry';
import type { MigrationServices } from './migration-services';
import { findActivityTenantId } from './tenant-gate';

/** A migration of the tenant that is still running, with its registry entry. */
export interface ActiveMigration {
  entry: MigrationEntry | undefined;
  migrationId: string;
  view: MigrationRuntimeView;
}

const senderSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().min(1).optional(),
  aadObjectId: z.string().min(1).optional(),
});

/** The sender as Teams identified them; a local client may give no name, and no object id outside Teams. */
export function senderOf(context: TurnContext): { id: string; aadObjectId: string; name: string } {
  const from = senderSchema.parse(context.activity.from);
  return { id: from.id, aadObjectId: from.aadObjectId ?? from.id, name: from.name ?? 'someone' };
}

/** The sender as an actor of signals and audit entries. */
export function actorOf(context: TurnContext): Actor {
  const { aadObjectId, name } = senderOf(context);
  return { aadObjectId, name };
}

/**
 * A member of this turn's conversation as Teams' roster has them, or undefined when Teams cannot
 * say (not a member, outside Teams, no member API).
 */
export async function memberOf(
  context: TurnContext,
  userId: string,
): Promise<TeamsChannelAccount | undefined> {
  try {
    return await TeamsInfo.getMember(context, userId);
  } catch {
    return undefined;
  }
}

/** The sender, with their sign-in name when Teams can tell it (approvers may be named by UPN). */
export async function decidingUser(context: TurnContext): Promise<DecidingUser> {
  const sender = senderOf(context);
  const known = { aadObjectId: sender.aadObjectId, name: sender.name, teamsUserId: sender.id };
  // Outside Teams (or without the member API) the ids alone decide.
  const upn = (await memberOf(context, sender.id))?.userPrincipalName;
  return upn === undefined || upn === '' ? known : { ...known, userPrincipalName: upn };
}

/** The role of the sender in a migration, from the registry (never from card data). */
export function roleOf(entry: MigrationEntry, context: TurnContext): MigrationRole {
  const { aadObjectId, id } = senderOf(context);
  return roleIn(entry, { aadObjectId, teamsUserId: id });
}

/** The tenant of the turn (the gate has run); in local mode without a tenant everything shares one partition. */
export function tenantOf(context: TurnContext): string {
  return findActivityTenantId(context.activity) ?? 'local';
}

/** The migration holding the tenant's slot, if it is still running; a slot left by a finished one is freed. */
export async function findActiveMigration(
  services: MigrationServices,
  tenantId: string,
): Promise<ActiveMigration | undefined> {
  const migrationId = await services.registry.activeMigrationId(tenantId);
  if (migrationId === undefined) return undefined;
  // The entry is read beside the view; it is only used once the migration proves to be running.
  const [view, entry] = await Promise.all([
    services.control.view(migrationId),
    services.registry.get(tenantId, migrationId),
  ]);
  if (view === undefined || !isMigrationActive(view.runtimeStatus)) {
    await services.registry.releaseActive(tenantId, migrationId);
    return undefined;
  }
  return { entry, migrationId, view };
}
