import { appNow } from '../platform/clock';
import type { InvocationContext } from '@azure/functions';
import { z } from 'zod';
import type { Failure } from '../bot/proactive-sender';
import type { StoredReference } from '../platform/conversation-references';
import { unlessGraphSettingsBroken } from '../platform/graph-client';
import { getGraphPeople } from '../platform/graph-people';
import { appServices } from './app-services';

// Teams lets a bot post into someone's personal chat only once the app is installed for them; the
// chat can be opened by the bot (its Teams user id or Microsoft Entra object id, not a sign-in
// name), or is known because they wrote to the bot. A person named by sign-in name is looked up
// among the members of the migration's conversation, else in the directory through Microsoft
// Graph where it is configured; where Teams refuses a chat because the app is not installed for
// them, the bot installs itself for them through Graph when it may.

/** Someone to reach in their personal chat with the bot, as a migration names them. */
export interface PersonalTarget {
  /** A Microsoft Entra object id, a Teams user id, or a sign-in name (e-mail form). */
  readonly id: string;
  /** The stored conversation key of the migration's conversation, which says where Teams is. */
  readonly via: string | undefined;
}

/** Why someone's personal chat could not be reached before anything was sent. */
export type ReachProblem = 'never-opened' | 'not-installed' | 'unknown-person';

/** Their chat's reference, or why there is none. */
export type PersonalReach =
  | { readonly kind: 'reached'; readonly reference: StoredReference }
  | { readonly kind: 'unreachable'; readonly problem: ReachProblem }
  | { readonly kind: 'failed'; readonly failure: Failure };

/** True for an id in sign-in name (e-mail) form. */
export function isSignInName(id: string): boolean {
  return id.includes('@');
}

/**
 * The reference of a person's personal chat with the bot: stored, or opened now through Teams'
 * connector (and then stored under every id they are known by, so later sends find it).
 */
export async function reachPersonalChat(
  tenantId: string,
  target: PersonalTarget,
  context: InvocationContext,
): Promise<PersonalReach> {
  const { references, sender } = appServices();
  const stored = await references.get(tenantId, references.personalChatKey(target.id));
  if (stored !== undefined) return { kind: 'reached', reference: stored };
  // Without the migration's conversation there is no service to ask (messages recorded before
  // personal chats could be opened).
  const via = target.via === undefined ? undefined : await references.get(tenantId, target.via);
  if (via === undefined) return { kind: 'unreachable', problem: 'never-opened' };

  let memberId = target.id;
  const known = new Set([target.id]);
  let objectId = isObjectId(target.id) ? target.id : undefined;
  if (isSignInName(target.id)) {
    const lookup = await sender.findMember(via, target.id);
    if (lookup.kind === 'found') {
      memberId = lookup.member.id;
      objectId = lookup.member.aadObjectId;
    } else if (lookup.kind === 'not-found') {
      const user = await findInDirectory(target.id, context);
      if (user === undefined) return { kind: 'unreachable', problem: 'unknown-person' };
      // Teams opens a chat by object id too, once the app is installed for them.
      memberId = user;
      objectId = user;
    } else {
      return { kind: 'failed', failure: lookup };
    }
    known.add(memberId);
    if (objectId !== undefined) known.add(objectId);
    // They may have written to the bot already, under their other ids.
    for (const id of known) {
      const chat = await references.get(tenantId, references.personalChatKey(id));
      if (chat !== undefined) {
        await remember(tenantId, known, chat);
        return { kind: 'reached', reference: chat };
      }
    }
  }
  let opening = await sender.openPersonalChat(via, memberId, tenantId);
  // 403 to a new personal chat: the app is not installed for them.
  if (
    opening.kind !== 'opened' &&
    opening.statusCode === 403 &&
    objectId !== undefined &&
    (await installFor(objectId, context))
  ) {
    opening = await sender.openPersonalChat(via, memberId, tenantId);
  }
  if (opening.kind === 'opened') {
    await remember(tenantId, known, opening.reference);
    return { kind: 'reached', reference: opening.reference };
  }
  if (opening.statusCode === 403) return { kind: 'unreachable', problem: 'not-installed' };
  return { kind: 'failed', failure: opening };
}

/** True for a Microsoft Entra object id (a GUID); Teams user ids and sign-in names are not. */
function isObjectId(id: string): boolean {
  return z.guid().safeParse(id).success;
}

/** Their object id from the directory, when Graph is configured and knows the sign-in name. */
async function findInDirectory(
  signInName: string,
  context: InvocationContext,
): Promise<string | undefined> {
  const people = unlessGraphSettingsBroken(getGraphPeople);
  if (people === undefined) return undefined;
  const lookup = await people.findUser(signInName);
  if (lookup.kind === 'found') return lookup.user.id;
  if (lookup.kind === 'unavailable') {
    // 403 here is User.ReadBasic.All not granted: the deploy guide names it.
    context.warn('Graph could not look up a sign-in name', { problem: lookup.problem });
  }
  return undefined;
}

/**
 * Installs the app for them through Graph, when the app's catalog id is configured and Graph
 * grants it; true when it is installed now (or was already).
 */
async function installFor(objectId: string, context: InvocationContext): Promise<boolean> {
  const catalogId = appServices().settings.teamsAppCatalogId;
  const people = unlessGraphSettingsBroken(getGraphPeople);
  if (catalogId === undefined || people === undefined) return false;
  const installation = await people.installApp(objectId, catalogId);
  if (installation.kind === 'installed' || installation.kind === 'already-installed') {
    context.info('Installed the app for an approver', { outcome: installation.kind });
    return true;
  }
  // forbidden: TeamsAppInstallation.ReadWriteSelfForUser.All not granted; not-found: the catalog
  // id names no app of the tenant (or an app other than this one), or the user is gone.
  context.warn('Graph could not install the app for an approver', {
    outcome: installation.kind,
    ...(installation.kind === 'unavailable' ? { problem: installation.problem } : {}),
  });
  return false;
}

async function remember(
  tenantId: string,
  ids: ReadonlySet<string>,
  reference: StoredReference,
): Promise<void> {
  const { references } = appServices();
  const now = appNow();
  for (const id of ids) await references.savePersonalChat(tenantId, id, reference, now);
}
