import type { Approver, MigrationPlan } from '../migration-plan';
import type { Actor, MigrationSignalOf } from '../migration-signals';
import type { MigrationStart, MigrationTiming, Person } from '../migration-start';
import { nextWorkingTime } from '../working-hours';
import { oldServerCutoffAt } from '../old-server-cutoff';
import { latestVerdicts, type ApprovalFacts, type ApprovalRequest } from './approval-request';
import { applyControl } from './controls';
import { signalAllowed } from './permissions';
import {
  completing,
  ending,
  serversOf,
  withJournal,
  withStatus,
  type ApprovalDelivery,
  type Decision,
  type Effect,
  type Input,
  type MigrationRecord,
  type StepRules,
  waiting,
} from './workflow';

const hour = 3600_000;

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
  requester: Pick<Person, 'aadObjectId'>,
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

/**
 * The orchestration's check of a decision signal: the bot matched the clicker to an approver entry;
 * this repeats the cheap part, so a forged signal cannot pass: the decider is not the owner and the
 * entry is one of the approvers.
 */
export function decisionSignalAllowed(
  start: MigrationStart,
  signal: MigrationSignalOf<'decision'>,
): boolean {
  if (signal.by.aadObjectId === start.owner.aadObjectId) return false;
  return start.plan.approvers.some((approver) => approver.id === signal.approverId);
}

/** A display name for an approver: the name when known, else the id as given. */
export function approverName(approver: Approver): string {
  return approver.name ?? approver.id;
}

/** When an approval round reminds, escalates and expires. */
export interface ApprovalSchedule {
  readonly requestedAt: Date;
  /** The first reminder to the approvers, inside the owner's working hours. */
  readonly firstReminderAt: Date;
  /** The owner (and the escalation channel) are told, once, at any hour. */
  readonly escalateAt: Date;
  /** The request lapses at any hour: nothing is decided, it must be asked for again. */
  readonly expiresAt: Date;
}

/** The schedule of a round requested at `requestedAt`. */
export function approvalSchedule(
  requestedAt: Date,
  timing: MigrationTiming,
  plan: Pick<MigrationPlan, 'timeZone' | 'workingHours'>,
): ApprovalSchedule {
  return {
    requestedAt,
    firstReminderAt: nextApprovalReminder(requestedAt, timing, plan),
    escalateAt: new Date(requestedAt.getTime() + timing.escalateAfterHours * hour),
    expiresAt: new Date(requestedAt.getTime() + timing.approvalExpiresAfterHours * hour),
  };
}

/** The next reminder to the approvers after one at `from`: the interval, then working hours. */
export function nextApprovalReminder(
  from: Date,
  timing: MigrationTiming,
  plan: Pick<MigrationPlan, 'timeZone' | 'workingHours'>,
): Date {
  return nextWorkingTime(
    new Date(from.getTime() + timing.approvalReminderHours * hour),
    plan.timeZone,
    plan.workingHours,
  );
}

/** What is due in an open round at `at`. */
export interface ApprovalDue {
  readonly expired: boolean;
  readonly escalate: boolean;
  readonly remind: boolean;
}

/**
 * Expiry comes first and ends the round; otherwise escalation (once) and the reminder, neither
 * while paused. A timer that fired early finds nothing due.
 */
export function approvalDue(
  round: Pick<ApprovalRound, 'schedule' | 'remindAt' | 'escalated'>,
  paused: boolean,
  at: Date,
): ApprovalDue {
  if (at >= round.schedule.expiresAt) return { expired: true, escalate: false, remind: false };
  return {
    expired: false,
    escalate: !paused && !round.escalated && at >= round.schedule.escalateAt,
    remind: !paused && at >= round.remindAt,
  };
}

/** When an open round next needs the clock: expiry always, reminder and escalation unless paused. */
export function approvalWakeUp(
  round: Pick<ApprovalRound, 'schedule' | 'remindAt' | 'escalated'>,
  paused: boolean,
): Date {
  const nudges = paused
    ? []
    : [round.remindAt, ...(round.escalated ? [] : [round.schedule.escalateAt])];
  return new Date(Math.min(round.schedule.expiresAt.getTime(), ...nudges.map((d) => d.getTime())));
}

/** One round of the approval. */
export interface ApprovalRound {
  readonly round: number;
  readonly decisionId: string;
  readonly schedule: ApprovalSchedule;
  readonly remindAt: Date;
  readonly escalated: boolean;
  readonly reminders: number;
  /** Where the cards went; null until they are sent. */
  readonly delivery: ApprovalDelivery | null;
  /** What the cards show: sent again, unchanged, to an approver who could not be reached. */
  readonly request: ApprovalRequest;
  /** How often the owner asked again or an approver who missed the request became reachable. */
  readonly resends?: number;
}

/** The approval step: a round open for a decision, or waiting for the owner to ask again. */
export type ApprovalState =
  | ({ readonly phase: 'open' } & ApprovalRound)
  | { readonly phase: 'ask-again'; readonly round: number };

/** The facts of the request, from the orchestration's input. */
export function approvalFactsOf(start: MigrationStart): ApprovalFacts {
  return {
    migrationId: start.migrationId,
    servers: serversOf(start),
    monitoringDays: start.plan.monitoringDays,
    requestedBy: start.owner.name,
    timeZone: start.plan.timeZone,
    approvers: start.plan.approvers.map(approverName),
  };
}

/**
 * The cutover gate: every approver gets the approval card; reminders while it is pending,
 * escalation to the owner (and the escalation channel) after a while, expiry after longer. A
 * rejected or expired request can be asked for again by the owner; the step is done when approved.
 */
export const approvalRules: StepRules<ApprovalState> = {
  begin: (start, record, at) => openRound(start, record, 1, at),
  on(start, record, state, input, at) {
    return state.phase === 'open'
      ? onOpen(start, record, state, input, at)
      : onAskAgain(start, record, state, input, at);
  },
};

function openRound(
  start: MigrationStart,
  record: MigrationRecord,
  round: number,
  at: Date,
): Decision<ApprovalState> {
  const schedule = approvalSchedule(at, start.timing, start.plan);
  const decisionId = decisionIdOf(start.migrationId, round);
  const verdicts = latestVerdicts(record.journal);
  const cutoff = oldServerCutoffAt(record.journal, at);
  const request: ApprovalRequest = {
    ...approvalFactsOf(start),
    decisionId,
    requestedAt: at.toISOString(),
    evidence: verdicts,
    ...(cutoff === null ? {} : { oldServerCutoff: cutoff }),
  };
  return {
    // Published before the cards go out: a click the moment one arrives finds this decision pending.
    record: withStatus(
      record,
      {
        checkpoint: 'cutover-approval',
        awaiting: 'approval',
        awaitingWho: [...request.approvers],
        decisionId,
        remindersSent: 0,
        nextReminderAt: schedule.firstReminderAt.toISOString(),
        approval: {
          requestedAt: request.requestedAt,
          expiresAt: schedule.expiresAt.toISOString(),
          verdicts,
          ...(cutoff === null ? {} : { oldServerCutoff: cutoff }),
        },
      },
      at,
    ),
    state: {
      phase: 'open',
      round,
      decisionId,
      schedule,
      remindAt: schedule.firstReminderAt,
      escalated: false,
      reminders: 0,
      delivery: null,
      request,
    },
    effects: [],
    next: { kind: 'request', request: { kind: 'send-approvals', round, request } },
  };
}

type OpenState = Extract<ApprovalState, { phase: 'open' }>;

function waitOpen(
  record: MigrationRecord,
  state: OpenState,
  effects: Effect[] = [],
): Decision<ApprovalState> {
  return waiting(record, state, approvalWakeUp(state, record.status.paused), effects);
}

function onOpen(
  start: MigrationStart,
  record: MigrationRecord,
  state: OpenState,
  input: Input,
  at: Date,
): Decision<ApprovalState> {
  const round = String(state.round);
  switch (input.kind) {
    case 'approvals-sent': {
      const effects: Effect[] = [];
      const undelivered = input.delivery.undelivered ?? [];
      // Each sending of the round tells the owner of its own misses.
      const attempt = state.resends === undefined ? '' : `:${String(state.resends)}`;
      // The shared copy has their buttons (Refresh card) only where they can see it.
      const orShared =
        input.delivery.sharedInPersonalChat === true
          ? ''
          : ' They can also approve from the card in this conversation (Refresh card in its menu shows their buttons).';
      if (undelivered.length > 0) {
        effects.push({
          kind: 'post',
          purpose: `approval:${round}:undelivered${attempt}`,
          to: { kind: 'migration' },
          notice: {
            kind: 'text',
            text: `Teams did not deliver the approval request to ${undelivered.map((approver) => `${approver.name}: ${approver.reason}`).join('; ')}. Ask them to open their chat with the bot in Teams again; then say request approval to send it again.${orShared}`,
          },
        });
      }
      if (input.delivery.unreachable.length > 0) {
        effects.push({
          kind: 'post',
          purpose: `approval:${round}:unreachable${attempt}`,
          to: { kind: 'migration' },
          notice: {
            kind: 'text',
            text: `I could not send the approval request to ${input.delivery.unreachable.join(', ')}: the app is not installed for them in Teams yet. Ask them to add it once (in Teams: Apps, search for Entra Connect Migration, Add): I send them the request as soon as they open it.${orShared}`,
          },
        });
      }
      effects.push({
        kind: 'audit',
        key: `approval:${round}:requested`,
        note: {
          kind: 'notice',
          summary: `Cutover approval requested from ${record.status.awaitingWho.join(', ')} (round ${round}).`,
        },
      });
      return waitOpen(record, { ...state, delivery: input.delivery }, effects);
    }
    case 'time':
      return onOpenTime(start, record, state, at);
    case 'signal':
      break;
    default:
      return waitOpen(record, state);
  }
  const { signal } = input;
  if (signal.type === 'approver-reachable')
    return onApproverReachable(start, record, state, signal);
  if (signal.type === 'request-approval' && signalAllowed('request-approval', start, signal.by)) {
    return onAskedAgainWhileOpen(start, record, state);
  }
  const control = applyControl(start, record, signal, state.remindAt, at);
  if (control.handled) {
    if ('cancelledBy' in control) return ending(record, state, 'cancelled', control.cancelledBy);
    return waitOpen(control.record, { ...state, remindAt: control.due ?? state.remindAt });
  }
  if (
    signal.type !== 'decision' ||
    signal.decisionId !== state.decisionId ||
    !decisionSignalAllowed(start, signal)
  ) {
    return waitOpen(record, state);
  }
  return decided(start, record, state, signal, at);
}

/** The approvers the round's request has not reached, by name. */
function missedApprovers(start: MigrationStart, delivery: ApprovalDelivery | null): string[] {
  if (delivery === null) return [];
  const missed = new Set([
    ...delivery.unreachable,
    ...(delivery.undelivered ?? []).map((undelivered) => undelivered.name),
  ]);
  return start.plan.approvers.map(approverName).filter((name) => missed.has(name));
}

/** The round's requests go out again; each copy once (its send key), so only missed ones do. */
function sendAgain(
  record: MigrationRecord,
  state: OpenState,
  effects: Effect[],
): Decision<ApprovalState> {
  const next = { ...state, resends: (state.resends ?? 0) + 1 };
  return {
    ...waitOpen(record, next, effects),
    next: {
      kind: 'request',
      request: { kind: 'send-approvals', round: state.round, request: state.request },
    },
  };
}

/**
 * The owner asked for the approval while a request is open: it goes again to the approvers it
 * did not reach (once they can be reached: the app installed for them, the bot unblocked).
 */
function onAskedAgainWhileOpen(
  start: MigrationStart,
  record: MigrationRecord,
  state: OpenState,
): Decision<ApprovalState> {
  const round = String(state.round);
  const missed = missedApprovers(start, state.delivery);
  const resends = (state.resends ?? 0) + 1;
  if (missed.length === 0) {
    return waitOpen(record, { ...state, resends }, [
      {
        kind: 'post',
        purpose: `approval:${round}:asked-again:${String(resends)}`,
        to: { kind: 'migration' },
        notice: {
          kind: 'text',
          text: `The approval request already reached ${record.status.awaitingWho.join(', ')}: it waits for a decision until it expires.`,
        },
      },
    ]);
  }
  return sendAgain(record, state, [
    {
      kind: 'audit',
      key: `approval:${round}:asked-again:${String(resends)}`,
      note: {
        kind: 'notice',
        summary: `The approval request is sent again to ${missed.join(', ')} (round ${round}).`,
      },
    },
  ]);
}

/**
 * An approver the request did not reach opened a chat with the bot: the requests are sent again.
 * Each copy is sent once (its send key), so only theirs goes out; the rest keep their cards.
 */
function onApproverReachable(
  start: MigrationStart,
  record: MigrationRecord,
  state: OpenState,
  signal: MigrationSignalOf<'approver-reachable'>,
): Decision<ApprovalState> {
  const approver = start.plan.approvers.find((candidate) => candidate.id === signal.approverId);
  if (approver === undefined) return waitOpen(record, state);
  const name = approverName(approver);
  if (!missedApprovers(start, state.delivery).includes(name)) return waitOpen(record, state);
  const round = String(state.round);
  return sendAgain(record, state, [
    {
      kind: 'audit',
      key: `approval:${round}:reachable:${approver.id}`,
      note: {
        kind: 'notice',
        summary: `${name} opened a chat with the bot: the approval request is sent to them (round ${round}).`,
      },
    },
  ]);
}

function onOpenTime(
  start: MigrationStart,
  record: MigrationRecord,
  state: OpenState,
  at: Date,
): Decision<ApprovalState> {
  const due = approvalDue(state, record.status.paused, at);
  const round = String(state.round);
  if (due.expired) {
    const closed = closeRound(record, state, 'expired', null, at);
    return askAgain(start, closed, state.round, at, [
      {
        kind: 'post',
        purpose: `approval:${round}:expired`,
        to: { kind: 'migration' },
        notice: {
          kind: 'text',
          text: `The cutover approval request expired after ${String(start.timing.approvalExpiresAfterHours)} hours without a decision. Nothing was changed: the old server is still the active one. Type request approval to ask again, or cancel to stop the migration.`,
        },
      },
      {
        kind: 'audit',
        key: `approval:${round}:expired`,
        note: { kind: 'notice', summary: 'The cutover approval request expired.' },
      },
    ]);
  }
  const effects: Effect[] = [];
  let next: OpenState = state;
  let updated = record;
  if (due.escalate) {
    effects.push(...escalation(start, record, state, at));
    next = { ...next, escalated: true };
  }
  if (due.remind) {
    const reminders = state.reminders + 1;
    const remindAt = nextApprovalReminder(at, start.timing, start.plan);
    effects.push(...approverReminders(start, record, state, reminders, at));
    next = { ...next, reminders, remindAt };
    updated = withStatus(
      record,
      { remindersSent: reminders, nextReminderAt: remindAt.toISOString() },
      at,
    );
  }
  return waitOpen(updated, next, effects);
}

function decided(
  start: MigrationStart,
  record: MigrationRecord,
  state: OpenState,
  signal: MigrationSignalOf<'decision'>,
  at: Date,
): Decision<ApprovalState> {
  const end: 'approved' | 'rejected' = signal.approve ? 'approved' : 'rejected';
  const comment = signal.comment;
  const closed = closeRound(record, state, end, signal, at);
  const outcome = {
    kind: 'approval-outcome' as const,
    decision: end,
    decidedBy: signal.by.name,
    decidedAt: signal.at,
    requestedBy: start.owner.name,
    ...(comment === undefined ? {} : { comment }),
  };
  // The buttons go from every copy of the request: one decision, never a second.
  const effects: Effect[] = (state.delivery?.sent ?? []).map((sent): Effect => ({
    kind: 'replace',
    to: sent.to,
    activityId: sent.activityId,
    notice: outcome,
  }));
  effects.push({
    kind: 'audit',
    key: `approval:${String(state.round)}:${end}`,
    note: {
      kind: 'decision',
      actor: signal.by,
      summary: `${signal.by.name} ${end} the cutover${comment === undefined ? '' : `: ${comment}`}.`,
    },
  });
  if (end === 'approved') {
    return {
      record: completing(closed, 'cutover-approval', { decisionId: null, approval: null }, at),
      state,
      effects,
      next: { kind: 'done' },
    };
  }
  return askAgain(start, closed, state.round, at, [
    ...effects,
    {
      kind: 'post',
      purpose: `approval:rejected:${String(closed.journal.approvals.length)}`,
      to: { kind: 'migration' },
      notice: {
        kind: 'text',
        text: 'The cutover was rejected, so nothing changes: the old server stays active. Fix what the approver asked for, then type request approval to ask again (or cancel).',
      },
    },
  ]);
}

/** The round's outcome in the journal, dated from when it was requested. */
function closeRound(
  record: MigrationRecord,
  state: OpenState,
  outcome: 'approved' | 'rejected' | 'expired',
  signal: MigrationSignalOf<'decision'> | null,
  at: Date,
): MigrationRecord {
  return withJournal(record, {
    approvals: [
      ...record.journal.approvals,
      {
        decisionId: state.decisionId,
        outcome,
        by: signal?.by ?? null,
        comment: signal?.comment ?? null,
        requestedAt: state.schedule.requestedAt.toISOString(),
        at: at.toISOString(),
      },
    ],
  });
}

function askAgain(
  start: MigrationStart,
  record: MigrationRecord,
  round: number,
  at: Date,
  effects: Effect[],
): Decision<ApprovalState> {
  return {
    record: withStatus(
      record,
      {
        awaiting: 'confirmation',
        awaitingWho: [start.owner.name],
        decisionId: null,
        nextReminderAt: null,
        approval: null,
      },
      at,
    ),
    state: { phase: 'ask-again', round },
    effects,
    next: { kind: 'wait', until: null },
  };
}

function onAskAgain(
  start: MigrationStart,
  record: MigrationRecord,
  state: Extract<ApprovalState, { phase: 'ask-again' }>,
  input: Input,
  at: Date,
): Decision<ApprovalState> {
  const waitAgain = waiting(record, state, null);
  if (input.kind !== 'signal') return waitAgain;
  const control = applyControl(start, record, input.signal, null, at);
  if (control.handled) {
    if ('cancelledBy' in control) return ending(record, state, 'cancelled', control.cancelledBy);
    return { ...waitAgain, record: control.record };
  }
  if (
    input.signal.type === 'request-approval' &&
    signalAllowed('request-approval', start, input.signal.by)
  ) {
    return openRound(start, record, state.round + 1, at);
  }
  return waitAgain;
}

function approverReminders(
  start: MigrationStart,
  record: MigrationRecord,
  state: OpenState,
  reminderNumber: number,
  at: Date,
): Effect[] {
  const round = String(state.round);
  return [
    ...start.plan.approvers.map((approver): Effect => ({
      kind: 'post',
      purpose: `approval:${round}:reminder:${String(reminderNumber)}:${approver.id}`,
      to: { kind: 'personal', aadObjectId: approver.id },
      notice: {
        kind: 'reminder',
        checkpointId: 'cutover-approval',
        awaiting: 'approval',
        waitingOn: record.status.awaitingWho,
        waitingSince: state.schedule.requestedAt.toISOString(),
        now: at.toISOString(),
        reminderNumber,
        decisionId: state.decisionId,
      },
    })),
    {
      kind: 'audit',
      key: `approval:${round}:reminder:${String(reminderNumber)}`,
      note: {
        kind: 'reminder',
        summary: `Approval reminder ${String(reminderNumber)} sent to ${record.status.awaitingWho.join(', ')}.`,
      },
    },
  ];
}

function escalation(
  start: MigrationStart,
  record: MigrationRecord,
  state: OpenState,
  at: Date,
): Effect[] {
  const round = String(state.round);
  const notice = {
    kind: 'escalation' as const,
    checkpointId: 'cutover-approval' as const,
    awaiting: 'approval' as const,
    waitingOn: record.status.awaitingWho,
    waitingSince: state.schedule.requestedAt.toISOString(),
    now: at.toISOString(),
    remindersSent: state.reminders,
    notReached: missedApprovers(start, state.delivery),
  };
  const channel = start.escalationConversationKey !== null;
  return [
    // The owner follows the migration's conversation; that is where the escalation goes first.
    {
      kind: 'post',
      purpose: `approval:${round}:escalation:owner`,
      to: { kind: 'migration' },
      notice,
    },
    ...(channel
      ? [
          {
            kind: 'post' as const,
            purpose: `approval:${round}:escalation:channel`,
            to: { kind: 'escalation-channel' as const },
            notice,
            ifUnreachable: {
              purpose: `approval:${round}:escalation:no-channel`,
              notice: {
                kind: 'text' as const,
                text: 'I could not post the escalation to the escalation channel: add the app to that team (or check ESCALATION_CHANNEL_ID).',
              },
            },
          },
        ]
      : []),
    {
      kind: 'audit',
      key: `approval:${round}:escalation`,
      note: {
        kind: 'escalation',
        summary: `No cutover decision after ${String(start.timing.escalateAfterHours)} hours: escalated to ${start.owner.name}${channel ? ' and the escalation channel' : ''}.`,
      },
    },
  ];
}
