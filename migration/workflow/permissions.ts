import type { Approver } from '../migration-plan';
import type { Actor } from '../migration-signals';
import type { MigrationStart } from '../migration-start';
import type { MigrationStatus } from '../migration-status';
import { checkpointById, type Checkpoint, type CheckpointId } from '../runbook';

/** What someone is to a migration: the owner runs it, approvers decide the cutover, others may look. */
export type MigrationRole = 'owner' | 'approver' | 'viewer';

/** What people can do to a running migration, by card or by command. */
export type WorkflowAction =
  | 'view'
  | 'snooze'
  | 'pause'
  | 'resume'
  | 'cancel'
  | 'continue-anyway'
  | 'confirm-old-server-offline'
  | 'request-approval'
  | 'decide-cutover'
  | 'check-in'
  | 'resume-monitoring'
  | 'confirm-rollback'
  | 'confirm-decommission'
  | 'send-evidence'
  | 'retry';

/** What an action is aimed at, when it names something (a card names its step or round). */
export interface ActionTarget {
  readonly checkpointId?: CheckpointId;
  readonly decisionId?: string;
}

interface ActionRule {
  /** Who may do it. */
  readonly roles: readonly MigrationRole[];
  /** Whether the migration, as its summary says, is waiting for it now. */
  readonly applies: (status: MigrationStatus, target: ActionTarget) => boolean;
}

const always = (): boolean => true;

/**
 * Who may do what, and when it applies. The owner steers; approvers decide the cutover (never the
 * owner: four-eyes, see approval.ts), may snooze, check in and confirm checklist items; everyone in
 * the migration's conversation may look.
 */
export const actionRules: Readonly<Record<WorkflowAction, ActionRule>> = {
  view: { roles: ['owner', 'approver', 'viewer'], applies: always },
  snooze: { roles: ['owner', 'approver'], applies: always },
  pause: { roles: ['owner'], applies: always },
  resume: { roles: ['owner'], applies: always },
  cancel: { roles: ['owner'], applies: always },
  'continue-anyway': {
    roles: ['owner'],
    applies: (status, target) =>
      status.checkpoint !== null &&
      (target.checkpointId === undefined || status.checkpoint === target.checkpointId) &&
      status.lastJudgment?.status === 'warn' &&
      status.awaiting === 'confirmation',
  },
  // Only while the old server, below a cutoff the wizard cannot get past, waits to leave service.
  'confirm-old-server-offline': {
    roles: ['owner'],
    applies: (status, target) =>
      status.checkpoint === 'old-server-staging' &&
      (target.checkpointId === undefined || target.checkpointId === status.checkpoint) &&
      (status.awaiting === 'evidence' || status.awaiting === 'confirmation') &&
      (status.oldServerCutoff ?? null) !== null &&
      (status.oldServerOffline ?? null) === null,
  },
  'request-approval': {
    roles: ['owner'],
    // After a rejection or expiry (a new round), or while one is open (to those it missed).
    applies: (status) =>
      status.checkpoint === 'cutover-approval' &&
      (status.awaiting === 'confirmation' || status.awaiting === 'approval'),
  },
  'decide-cutover': {
    roles: ['approver'],
    applies: (status, target) =>
      status.awaiting === 'approval' &&
      status.decisionId !== null &&
      status.decisionId === target.decisionId,
  },
  'check-in': { roles: ['owner', 'approver'], applies: (status) => status.monitoring !== null },
  'resume-monitoring': {
    roles: ['owner'],
    applies: (status) => (status.monitoring?.problem ?? null) !== null,
  },
  // No way back to an old server below a version cutoff: its guide fixes forward instead.
  'confirm-rollback': {
    roles: ['owner'],
    applies: (status) =>
      (status.monitoring?.problem ?? null) !== null &&
      (status.oldServerCutoff ?? null) === null &&
      (status.oldServerOffline ?? null) === null,
  },
  'confirm-decommission': {
    roles: ['owner', 'approver'],
    applies: (status) => status.checkpoint === 'decommission',
  },
  'send-evidence': {
    roles: ['owner', 'approver'],
    applies: (status) => evidenceCheckpointOf(status) !== undefined,
  },
  // Redoing what failed harms nothing, so whoever runs the migration with the owner may ask.
  retry: {
    roles: ['owner', 'approver'],
    applies: (status) => (status.undone ?? []).length > 0,
  },
};

/**
 * The checkpoint that takes evidence now, if any: the current one while it waits for evidence (or
 * for a decision after a warning, when better evidence may still come), or monitoring after the
 * cutover. Steps decided by people (approval, decommission) take none.
 */
export function evidenceCheckpointOf(status: MigrationStatus): Checkpoint | undefined {
  if (status.checkpoint === null) return undefined;
  const checkpoint = checkpointById(status.checkpoint);
  if (checkpoint.decidedBy === 'people') return undefined;
  const waitsForEvidence = status.awaiting === 'evidence' || status.awaiting === 'confirmation';
  return waitsForEvidence || checkpoint.id === 'monitoring' ? checkpoint : undefined;
}

/** True when someone with `role` may do `action`. */
export function mayAct(action: WorkflowAction, role: MigrationRole): boolean {
  return actionRules[action].roles.includes(role);
}

/** Who may do `action`, in words for a refusal. */
export function whoMay(action: WorkflowAction, ownerName: string): string {
  const { roles } = actionRules[action];
  if (roles.includes('viewer')) return 'anyone in the migration';
  if (roles.includes('owner') && roles.includes('approver')) return 'the owner or an approver';
  if (roles.includes('approver')) return 'an approver named when the migration started';
  return `the owner (${ownerName})`;
}

/** True when the migration, as `status` says, waits for `action` aimed at `target`. */
export function actionApplies(
  action: WorkflowAction,
  status: MigrationStatus,
  target: ActionTarget = {},
): boolean {
  return actionRules[action].applies(status, target);
}

/** The people of a migration, as the registry or the orchestration's input names them. */
export interface MigrationParty {
  readonly ownerAadObjectId: string;
  readonly approvers: readonly Approver[];
}

/**
 * The role of a user. Approvers are matched by object id, or by Teams user id: the local client's
 * people picker submits its user ids, and real Teams ids (29:...) never look like object ids, so the
 * two cannot be confused. Approvers named by sign-in name are matched in approval.ts.
 */
export function roleIn(
  party: MigrationParty,
  user: { readonly aadObjectId: string; readonly teamsUserId?: string },
): MigrationRole {
  if (party.ownerAadObjectId === user.aadObjectId) return 'owner';
  return party.approvers.some(
    (approver) => approver.id === user.aadObjectId || approver.id === user.teamsUserId,
  )
    ? 'approver'
    : 'viewer';
}

/**
 * The orchestration's own check of a signal: the bot checks every role before it signals, and the
 * orchestration repeats what it can prove from its input, so a forged signal cannot pass. It can
 * prove the owner (always named by object id); approvers are matched by the bot (some only by
 * sign-in name), and a decision names the approver entry it was matched to.
 */
export function signalAllowed(action: WorkflowAction, start: MigrationStart, by: Actor): boolean {
  const { roles } = actionRules[action];
  if (roles.length === 1 && roles[0] === 'owner') return by.aadObjectId === start.owner.aadObjectId;
  return true;
}
