import type { Approver } from './migration-plan';
import type { Actor } from './migration-signals';
import type { Person } from './migration-start';

/** Someone clicking a decision button, as Teams identified them (never as the card claimed). */
export interface DecidingUser extends Actor {
  /** The Teams user id; the local client's people picker names approvers by it. */
  teamsUserId?: string;
  /** The sign-in name, when Teams gave it: matches approvers typed by sign-in name. */
  userPrincipalName?: string;
}

/** Why someone may or may not decide the cutover. */
export type DecisionRight =
  { allowed: true; approver: Approver } | { allowed: false; reason: string };

/** The id of one approval round: a stale card from an earlier round cannot answer a newer one. */
export function decisionIdOf(migrationId: string, round: number): string {
  return `${migrationId}:approval:${String(round)}`;
}

/**
 * Only a named approver may decide, and never the person who asked for the cutover (four-eyes): the
 * one who runs the migration cannot approve their own switch of the active sync server.
 */
export function decisionRight(
  user: DecidingUser,
  approvers: readonly Approver[],
  requester: Person,
): DecisionRight {
  if (user.aadObjectId === requester.aadObjectId) {
    return {
      allowed: false,
      reason: 'You asked for this cutover, so someone else must approve it (four-eyes rule).',
    };
  }
  const upn = user.userPrincipalName?.toLowerCase();
  const approver = approvers.find(
    (candidate) =>
      candidate.id === user.aadObjectId ||
      (user.teamsUserId !== undefined && candidate.id === user.teamsUserId) ||
      (upn !== undefined && candidate.id.toLowerCase() === upn),
  );
  if (approver === undefined) {
    return {
      allowed: false,
      reason: 'Only the approvers named when the migration started can decide the cutover.',
    };
  }
  return { allowed: true, approver };
}

/** A display name for an approver: the name when known, else the id as given. */
export function approverName(approver: Approver): string {
  return approver.name ?? approver.id;
}
