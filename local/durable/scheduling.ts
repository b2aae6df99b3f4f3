import { ActionType, EventType, historyEvent, type HistoryEvent } from './history';
import {
  problemsOf,
  retryPolicySchema,
  type InstanceRecord,
  type PendingTimer,
  type RetryPolicy,
  type RetryState,
} from './instance-record';
import type { LeafAction } from './orchestrator-state';

const day = 24 * 3600_000;

/** The host's timer settings, as the Durable extension sends them in every orchestrator payload. */
export const hostTimerSettings = {
  longRunningTimerIntervalDuration: '3.00:00:00',
  maximumShortTimerDuration: '6.00:00:00',
} as const;
/** The same settings in milliseconds: a timer further ahead than the maximum is split into intervals. */
export const longRunningTimerIntervalMs = 3 * day;
export const maximumShortTimerMs = 6 * day;

/** The host's bookkeeping for one execution: the sequence numbers it hands out and the work it waits on. */
export type ScheduleState = Pick<
  InstanceRecord,
  | 'instanceId'
  | 'executionId'
  | 'nextSequence'
  | 'pendingActivities'
  | 'pendingTimers'
  | 'pendingChildren'
  | 'retries'
>;

/** What the host decided: its bookkeeping afterwards and the history events that record the decision. */
export interface Schedule {
  state: ScheduleState;
  events: HistoryEvent[];
}

/** The decision on an episode's new actions; on a refusal the actions before the refused one stand. */
export type ActionSchedule =
  ({ kind: 'scheduled' } & Schedule) | ({ kind: 'refused'; message: string } & Schedule);

/**
 * Schedules the actions an episode added: each activity call, sub-orchestration and timer takes the
 * next sequence number in the order the actions appear, as the SDK numbers its tasks. Timers further
 * ahead than the host's maximum get their first slice only. Waiting for an event and continue-as-new
 * take no number.
 */
export function scheduleActions(
  state: ScheduleState,
  actions: readonly LeafAction[],
  now: Date,
): ActionSchedule {
  const draft = copyOf(state);
  const events: HistoryEvent[] = [];
  for (const action of actions) {
    switch (action.actionType) {
      case ActionType.CallActivity:
      case ActionType.CallActivityWithRetry:
      case ActionType.CallSubOrchestrator:
      case ActionType.CallSubOrchestratorWithRetry: {
        const isActivity =
          action.actionType === ActionType.CallActivity ||
          action.actionType === ActionType.CallActivityWithRetry;
        const withRetry =
          action.actionType === ActionType.CallActivityWithRetry ||
          action.actionType === ActionType.CallSubOrchestratorWithRetry;
        const parsed = withRetry ? retryPolicySchema.safeParse(action.retryOptions) : undefined;
        if (parsed?.success === false) {
          return {
            kind: 'refused',
            message: `The retry options of the call to "${action.functionName ?? ''}" are not usable: ${problemsOf(parsed.error).join('; ')}.`,
            state: draft,
            events,
          };
        }
        const retry: RetryState = {
          kind: isActivity ? 'activity' : 'orchestrator',
          name: action.functionName ?? '',
          input: JSON.stringify(isActivity ? activityInput(action.input) : (action.input ?? null)),
          ...(action.instanceId === undefined ? {} : { instanceId: action.instanceId }),
          policy: parsed?.data ?? singleAttempt,
          attempt: 1,
        };
        const retryKey = withRetry ? `r${String(draft.nextSequence)}` : undefined;
        if (retryKey !== undefined) draft.retries[retryKey] = retry;
        events.push(scheduleCall(draft, retry, retryKey, now));
        break;
      }
      case ActionType.CreateTimer: {
        const fireAt = new Date(action.fireAt ?? now.toISOString());
        const long = fireAt.getTime() - now.getTime() > maximumShortTimerMs;
        events.push(
          createTimer(
            draft,
            fireAt,
            now,
            long ? { kind: 'long', finalFireAt: fireAt.toISOString() } : { kind: 'user' },
          ),
        );
        break;
      }
      case ActionType.WaitForExternalEvent:
      case ActionType.ContinueAsNew:
        break;
      default:
        return {
          kind: 'refused',
          message: `The local runtime does not support action type ${String(action.actionType)} (entities and durable HTTP are not used by this app).`,
          state: draft,
          events,
        };
    }
  }
  return { kind: 'scheduled', state: draft, events };
}

/**
 * Host work the SDK expects when an event arrives, allocated before the orchestrator resumes just as
 * the SDK numbers its retry and long-timer children while it processes the event: a completed task or
 * fired timer stops being pending, a failed attempt waits on a retry timer, a fired retry timer starts
 * the next attempt (or gives up), and a fired slice of a long timer is followed by the next slice.
 */
export function scheduleAfterEvent(state: ScheduleState, event: HistoryEvent, now: Date): Schedule {
  const draft = copyOf(state);
  const events: HistoryEvent[] = [];
  switch (event.EventType) {
    case EventType.TaskCompleted:
    case EventType.TaskFailed:
      events.push(...afterCallResult(draft, draft.pendingActivities, event, now));
      break;
    case EventType.SubOrchestrationInstanceCompleted:
    case EventType.SubOrchestrationInstanceFailed:
      events.push(...afterCallResult(draft, draft.pendingChildren, event, now));
      break;
    case EventType.TimerFired: {
      const timer = take(draft.pendingTimers, (t) => t.seq === event.TimerId);
      if (timer?.purpose.kind === 'retry') {
        const retryKey = timer.purpose.retryKey;
        const retry = draft.retries[retryKey];
        if (retry !== undefined && retry.attempt < retry.policy.maxNumberOfAttempts) {
          retry.attempt++;
          events.push(scheduleCall(draft, retry, retryKey, now));
        } else {
          draft.retries = withoutKey(draft.retries, retryKey);
        }
      } else if (timer?.purpose.kind === 'long') {
        const finalFireAt = new Date(timer.purpose.finalFireAt);
        if (finalFireAt > now) events.push(createTimer(draft, finalFireAt, now, timer.purpose));
      }
      break;
    }
    default:
      break;
  }
  return { state: draft, events };
}

/** One new event of an episode and the actions the orchestrator added when it took it. */
export interface EpisodeStep {
  event: HistoryEvent;
  actions: readonly LeafAction[];
}

/**
 * Schedules an episode: for each new event in turn, the host's work for the event, then the actions
 * the orchestrator added on taking it, as the SDK numbers them (it resumes the orchestrator after
 * every event). With one event this is `scheduleAfterEvent` followed by `scheduleActions`.
 */
export function scheduleEpisode(
  state: ScheduleState,
  steps: readonly EpisodeStep[],
  now: Date,
): ActionSchedule {
  let draft = state;
  const events: HistoryEvent[] = [];
  for (const step of steps) {
    const arrived = scheduleAfterEvent(draft, step.event, now);
    events.push(...arrived.events);
    const scheduled = scheduleActions(arrived.state, step.actions, now);
    events.push(...scheduled.events);
    if (scheduled.kind === 'refused') return { ...scheduled, events };
    draft = scheduled.state;
  }
  return { kind: 'scheduled', state: draft, events };
}

/**
 * When a durable timer fires. The extension's timer message becomes visible by a whole-second
 * delay, so a timer fires up to a second before its FireAt and the next episode's time is then
 * before it (DURABLE-REAL.md, timer precision); here, deterministically, at FireAt rounded down to
 * the second. A timer due within the second it was created in fires at its FireAt: on Azure,
 * latency carries it past FireAt, while on a clock that stands still an orchestration that waits
 * again until its time would get the same time back forever.
 */
export function timerFiresAt(fireAt: Date, createdAt: Date): Date {
  const early = Math.floor(fireAt.getTime() / 1000) * 1000;
  return new Date(early > createdAt.getTime() ? early : fireAt.getTime());
}

/** DTFx's retry delay: first interval times backoff^(attempt-1), capped at the maximum interval. */
export function retryDelay(policy: RetryPolicy, attempt: number): number {
  const delay =
    policy.firstRetryIntervalInMilliseconds * (policy.backoffCoefficient ?? 1) ** (attempt - 1);
  const cap = policy.maxRetryIntervalInMilliseconds;
  return cap !== undefined && cap > 0 ? Math.min(delay, cap) : delay;
}

/** A call without a retry policy is one attempt. */
const singleAttempt: RetryPolicy = { firstRetryIntervalInMilliseconds: 1, maxNumberOfAttempts: 1 };

/** An activity's or child's result: the call stops being pending, and a retried one is settled. */
function afterCallResult(
  draft: ScheduleState,
  pending: { seq: number; retryKey?: string }[],
  event: HistoryEvent,
  now: Date,
): HistoryEvent[] {
  const call = take(pending, (c) => c.seq === event.TaskScheduledId);
  if (call?.retryKey === undefined) return [];
  const failed =
    event.EventType === EventType.TaskFailed ||
    event.EventType === EventType.SubOrchestrationInstanceFailed;
  return afterRetryableResult(draft, call.retryKey, failed, now);
}

/** After every failure the host waits on a retry timer, also after the last attempt (the SDK expects it). */
function afterRetryableResult(
  draft: ScheduleState,
  retryKey: string,
  failed: boolean,
  now: Date,
): HistoryEvent[] {
  const retry = draft.retries[retryKey];
  if (retry === undefined) return [];
  if (!failed) {
    draft.retries = withoutKey(draft.retries, retryKey);
    return [];
  }
  const seq = draft.nextSequence++;
  const fireAt = new Date(now.getTime() + retryDelay(retry.policy, retry.attempt)).toISOString();
  draft.pendingTimers.push({ seq, fireAt, purpose: { kind: 'retry', retryKey } });
  return [historyEvent(EventType.TimerCreated, now, { EventId: seq, FireAt: fireAt })];
}

/** Schedules one attempt of an activity or sub-orchestration, taking the next sequence number. */
function scheduleCall(
  draft: ScheduleState,
  call: RetryState,
  retryKey: string | undefined,
  now: Date,
): HistoryEvent {
  const seq = draft.nextSequence++;
  const withKey = retryKey === undefined ? {} : { retryKey };
  if (call.kind === 'activity') {
    draft.pendingActivities.push({ seq, name: call.name, input: call.input, ...withKey });
    return historyEvent(EventType.TaskScheduled, now, {
      EventId: seq,
      Name: call.name,
      Input: call.input,
    });
  }
  // Named as DTFx names it: the parent's execution id, not its instance id (DURABLE-REAL.md).
  const base = call.instanceId ?? `${draft.executionId}:${String(seq)}`;
  const childId =
    call.instanceId !== undefined || call.attempt === 1
      ? base
      : `${base}:attempt${String(call.attempt)}`;
  draft.pendingChildren.push({ seq, instanceId: childId, ...withKey });
  return historyEvent(EventType.SubOrchestrationInstanceCreated, now, {
    EventId: seq,
    Name: call.name,
    Input: call.input,
    InstanceId: childId,
  });
}

/**
 * A timer event. A long timer (further ahead than the host's maximum when it was created) goes in
 * 3-day slices from each slice's time until less than a slice is left, then to its final time, as
 * the extension does (DURABLE-REAL.md, long timers): 8 days are +3d, +6d, +8d.
 */
function createTimer(
  draft: ScheduleState,
  finalFireAt: Date,
  now: Date,
  purpose: PendingTimer['purpose'],
): HistoryEvent {
  const seq = draft.nextSequence++;
  const fireAt =
    purpose.kind === 'long' && finalFireAt.getTime() - now.getTime() > longRunningTimerIntervalMs
      ? new Date(now.getTime() + longRunningTimerIntervalMs)
      : finalFireAt;
  draft.pendingTimers.push({ seq, fireAt: fireAt.toISOString(), purpose });
  return historyEvent(EventType.TimerCreated, now, {
    EventId: seq,
    FireAt: fireAt.toISOString(),
  });
}

/** A copy to decide on, so the caller's state is left as it was (only retry entries are edited in place). */
function copyOf(state: ScheduleState): ScheduleState {
  return {
    instanceId: state.instanceId,
    executionId: state.executionId,
    nextSequence: state.nextSequence,
    pendingActivities: [...state.pendingActivities],
    pendingTimers: [...state.pendingTimers],
    pendingChildren: [...state.pendingChildren],
    retries: Object.fromEntries(
      Object.entries(state.retries).map(([key, retry]) => [key, { ...retry }]),
    ),
  };
}

/** Removes and returns the first entry that matches. */
function take<T>(entries: T[], matches: (entry: T) => boolean): T | undefined {
  const index = entries.findIndex(matches);
  return index >= 0 ? entries.splice(index, 1)[0] : undefined;
}

/** The SDK JSON-encodes string inputs of activities once more (`Utils.processInput`); undo it. */
function activityInput(input: unknown): unknown {
  if (typeof input !== 'string') return input ?? null;
  try {
    return JSON.parse(input) as unknown;
  } catch {
    // Not produced by processInput: pass the string through as it is.
    return input;
  }
}

function withoutKey<T>(entries: Record<string, T>, key: string): Record<string, T> {
  return Object.fromEntries(Object.entries(entries).filter(([k]) => k !== key));
}
