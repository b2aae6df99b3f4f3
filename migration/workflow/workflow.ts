import type { SignInProfile } from '../checkpoints/sign-in-profile';
import type { FactValue, Judgment } from '../judgment';
import type { MigrationJournal } from '../migration-journal';
import type { Actor, DecommissionItem, EvidenceRef, MigrationSignal } from '../migration-signals';
import type { MigrationStart } from '../migration-start';
import type { OldServerCutoff, OldServerStanding } from '../old-server-cutoff';
import type { Awaiting, MigrationStatus } from '../migration-status';
import type { CheckpointId } from '../runbook';
import type { ApprovalRequest } from './approval-request';

/**
 * The workflow as decisions: each step of a migration is a pure function from its state, an input
 * (a signal, a timer that fired, the result of a request) and the time to its next state, the
 * effects to carry out in order, and what to do next (wait, ask for something, or end). The
 * orchestration interprets them; nothing here reads a clock or does I/O.
 */

/** Who a message goes to. `migration` is the conversation the migration was started in. */
export type Recipient =
  | { readonly kind: 'migration' }
  | { readonly kind: 'personal'; readonly aadObjectId: string }
  | { readonly kind: 'conversation'; readonly key: string }
  | { readonly kind: 'escalation-channel' };

/** The common part of a reminder and an escalation: what the migration waits for, since when. */
export interface Waiting {
  readonly checkpointId: CheckpointId;
  readonly awaiting: Exclude<Awaiting, 'nothing'>;
  readonly waitingOn: readonly string[];
  readonly waitingSince: string;
  readonly now: string;
}

/** The cloud side of a check-in, when Graph is configured. */
export interface CloudSyncReading {
  readonly lastSyncAt: string | null;
  readonly checkedAt: string;
  readonly maxAgeMinutes: number;
}

/** A confirmed checklist item, as the checklist shows it. */
export interface ItemConfirmation {
  readonly by: string;
  readonly at: string;
}

/**
 * What a message says, in the domain's words. The interpreter renders it as a card (or text) with
 * the migration's id, servers and time zone.
 */
export type Notice =
  | { readonly kind: 'text'; readonly text: string }
  | {
      readonly kind: 'checkpoint-request';
      readonly checkpointId: CheckpointId;
      /** At old-server-staging, for an old server the wizard cannot switch: offer Learn's alternative. */
      readonly oldServerCutoff?: OldServerCutoff;
    }
  | {
      readonly kind: 'sign-in-form';
      /** What the old server's global settings already showed, to prefill the form with. */
      readonly prefill?: SignInProfile;
    }
  | (Waiting & {
      readonly kind: 'reminder';
      readonly reminderNumber: number;
      readonly nextReminderAt?: string;
      /** To an approver: the open decision, so the reminder leads to the decision buttons. */
      readonly decisionId?: string;
    })
  | (Waiting & {
      readonly kind: 'escalation';
      readonly remindersSent: number;
      /** Approvers the request has not reached (the app not installed for them, or refused). */
      readonly notReached?: readonly string[];
    })
  | {
      readonly kind: 'checkpoint-result';
      readonly judgment: Judgment;
      readonly evidence: {
        readonly submittedBy: string;
        readonly submittedAt: string;
        readonly sha256: string;
        readonly bytes: number;
        readonly fileName?: string;
      };
    }
  | {
      readonly kind: 'check-in';
      readonly day: number;
      readonly totalDays: number;
      readonly cloudSync?: CloudSyncReading;
      /** Set when the old server is below a cutoff: it cannot take over. */
      readonly oldServer?: OldServerStanding;
    }
  | {
      readonly kind: 'rollback-guide';
      readonly problem: {
        readonly text: string;
        readonly reportedBy: string;
        readonly reportedAt: string;
      };
      /** Set when the old server is below a cutoff: the way out is forward, not back. */
      readonly oldServer?: OldServerStanding;
    }
  | {
      readonly kind: 'decommission-checklist';
      readonly confirmed: Readonly<Partial<Record<DecommissionItem, ItemConfirmation>>>;
    }
  | {
      readonly kind: 'approval-outcome';
      readonly decision: 'approved' | 'rejected';
      readonly decidedBy: string;
      readonly decidedAt: string;
      readonly requestedBy: string;
      readonly comment?: string;
    };

/** What an audit entry written by the workflow says. */
export interface AuditNote {
  readonly kind: 'judgment' | 'decision' | 'reminder' | 'command' | 'escalation' | 'notice';
  readonly summary: string;
  readonly actor?: Actor;
  readonly detail?: Record<
    string,
    string | number | boolean | string[] | Readonly<Record<string, FactValue>>
  >;
}

/** Where each approval card went, so the cards can be replaced once the round is decided. */
export interface ApprovalDelivery {
  readonly sent: readonly { readonly to: Recipient; readonly activityId: string }[];
  /**
   * Approvers the bot cannot reach yet (the app is not installed for them, or they never opened
   * it): the owner must tell them.
   */
  readonly unreachable: readonly string[];
  /** Approvers Teams did not deliver the request to, each with why; absent in older histories. */
  readonly undelivered?: readonly { readonly name: string; readonly reason: string }[];
  /** The shared copy is in the owner's personal chat, where no approver sees it; absent in older histories. */
  readonly sharedInPersonalChat?: boolean;
}

/** Something to carry out; effects of one decision run in order. */
export type Effect =
  | {
      readonly kind: 'post';
      /** Unique within the migration: the same purpose is posted once, however often it runs. */
      readonly purpose: string;
      readonly to: Recipient;
      readonly notice: Notice;
      /** Posted to the migration's conversation instead when the recipient cannot be reached. */
      readonly ifUnreachable?: { readonly purpose: string; readonly notice: Notice };
    }
  | {
      readonly kind: 'replace';
      readonly to: Recipient;
      readonly activityId: string;
      readonly notice: Notice;
    }
  | { readonly kind: 'audit'; readonly key: string; readonly note: AuditNote }
  | {
      readonly kind: 'post-config-diff';
      readonly purpose: string;
      readonly oldRef: EvidenceRef;
      readonly newRef: EvidenceRef;
    };

/** Something the workflow needs to know before it can decide further; its answer is the next input. */
export type Request =
  | {
      readonly kind: 'judge';
      readonly checkpointId: CheckpointId;
      readonly evidence: readonly EvidenceRef[];
    }
  | { readonly kind: 'send-approvals'; readonly round: number; readonly request: ApprovalRequest }
  | { readonly kind: 'read-cloud-sync' };

/** What comes after the effects. */
export type Next =
  /** Wait for a signal, or until `until` (null: no deadline). */
  | { readonly kind: 'wait'; readonly until: Date | null }
  | { readonly kind: 'request'; readonly request: Request }
  /** The step is complete: the runbook moves on. */
  | { readonly kind: 'done' }
  /** The migration ends here. */
  | { readonly kind: 'end'; readonly outcome: 'cancelled' | 'rolled-back'; readonly by: string };

/** What a step is told. */
export type Input =
  | { readonly kind: 'signal'; readonly signal: MigrationSignal }
  | { readonly kind: 'time' }
  | { readonly kind: 'judged'; readonly judgment: Judgment }
  | { readonly kind: 'approvals-sent'; readonly delivery: ApprovalDelivery }
  | { readonly kind: 'cloud-sync'; readonly reading: CloudSyncReading | null };

/** The part of a migration every step reads and changes: its published summary and its journal. */
export interface MigrationRecord {
  readonly status: MigrationStatus;
  readonly journal: MigrationJournal;
}

/** One decision of a step. */
export interface Decision<S> {
  readonly record: MigrationRecord;
  readonly state: S;
  readonly effects: readonly Effect[];
  readonly next: Next;
}

/** A decision to wait in `state` for a signal, or until `until` (null: no deadline). */
export function waiting<S>(
  record: MigrationRecord,
  state: S,
  until: Date | null,
  effects: readonly Effect[] = [],
): Decision<S> {
  return { record, state, effects, next: { kind: 'wait', until } };
}

/** A deadline that does not run while the reminders are paused. */
export function unlessPaused(record: MigrationRecord, due: Date): Date | null {
  return record.status.paused ? null : due;
}

/** A step of the runbook as decisions. */
export interface StepRules<S> {
  begin(start: MigrationStart, record: MigrationRecord, at: Date): Decision<S>;
  on(start: MigrationStart, record: MigrationRecord, state: S, input: Input, at: Date): Decision<S>;
}

/** The decision that ends the migration in this step. */
export function ending<S>(
  record: MigrationRecord,
  state: S,
  outcome: 'cancelled' | 'rolled-back',
  by: string,
): Decision<S> {
  return { record, state, effects: [], next: { kind: 'end', outcome, by } };
}

/** The record with a changed summary, stamped with the time of the change. */
export function withStatus(
  record: MigrationRecord,
  change: Partial<MigrationStatus>,
  at: Date,
): MigrationRecord {
  return { ...record, status: { ...record.status, ...change, updatedAt: at.toISOString() } };
}

/** The record with a changed journal. */
export function withJournal(
  record: MigrationRecord,
  change: Partial<MigrationJournal>,
): MigrationRecord {
  return { ...record, journal: { ...record.journal, ...change } };
}

/** The record with one more checkpoint done. */
export function completing(
  record: MigrationRecord,
  checkpointId: CheckpointId,
  change: Partial<MigrationStatus>,
  at: Date,
): MigrationRecord {
  return withStatus(
    record,
    { ...change, completedCheckpoints: [...record.status.completedCheckpoints, checkpointId] },
    at,
  );
}

/** The two servers, as every message names them. */
export function serversOf(start: MigrationStart): { oldServer: string; newServer: string } {
  return { oldServer: start.plan.oldServer, newServer: start.plan.newServer };
}
