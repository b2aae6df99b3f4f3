import { registeredFunctions } from '../../local/functions-core';
// functions-core must load first: it installs the worker hook that lets the SDK register functions.
import { InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import type { OrchestrationContext } from 'durable-functions';
import { describe, expect, it } from 'vitest';
import { replayEpisode } from '../../local/durable/episode';
import {
  ActionType,
  EventType,
  historyEvent,
  type HistoryEvent,
} from '../../local/durable/history';
import type { RetryPolicy, TimerPurpose } from '../../local/durable/instance-record';
import type { LeafAction } from '../../local/durable/orchestrator-state';
import {
  retryDelay,
  scheduleActions,
  scheduleAfterEvent,
  type Schedule,
  type ScheduleState,
} from '../../local/durable/scheduling';

const start = new Date('2026-10-05T08:00:00.000Z');
const second = 1000;
const hour = 3600_000;
const day = 24 * hour;

/** `start` plus some milliseconds, as the ISO text timers carry. */
function after(ms: number): string {
  return new Date(start.getTime() + ms).toISOString();
}

function later(ms: number): Date {
  return new Date(start.getTime() + ms);
}

/** The host's bookkeeping, deep-frozen: a decision that edited its input would throw. */
function stateOf(changes: Partial<ScheduleState> = {}): ScheduleState {
  return deepFreeze({
    instanceId: 'parent',
    executionId: 'parent-execution',
    nextSequence: 0,
    pendingActivities: [],
    pendingTimers: [],
    pendingChildren: [],
    retries: {},
    ...changes,
  });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

// Leaf actions as the SDK's action classes serialise them (durable-functions 3.5.0, lib/src/actions).
const callActivity = (functionName: string, input: unknown): LeafAction => ({
  actionType: ActionType.CallActivity,
  functionName,
  input,
});
const callActivityWithRetry = (
  functionName: string,
  retryOptions: RetryPolicy,
  input: unknown,
): LeafAction => ({
  actionType: ActionType.CallActivityWithRetry,
  functionName,
  retryOptions,
  input,
});
const callSubOrchestrator = (
  functionName: string,
  input: unknown,
  instanceId?: string,
): LeafAction => ({
  actionType: ActionType.CallSubOrchestrator,
  functionName,
  input,
  ...(instanceId === undefined ? {} : { instanceId }),
});
const callSubOrchestratorWithRetry = (
  functionName: string,
  retryOptions: RetryPolicy,
  input: unknown,
  instanceId?: string,
): LeafAction => ({
  actionType: ActionType.CallSubOrchestratorWithRetry,
  functionName,
  retryOptions,
  input,
  ...(instanceId === undefined ? {} : { instanceId }),
});
const createTimer = (fireAt: string): LeafAction => ({
  actionType: ActionType.CreateTimer,
  fireAt,
});
const waitForEvent = (externalEventName: string): LeafAction => ({
  actionType: ActionType.WaitForExternalEvent,
  externalEventName,
});

/** The scheduled events with only the fields that say what was decided. */
function decided(events: readonly HistoryEvent[]): Partial<HistoryEvent>[] {
  return events.map(({ EventType: type, EventId, Name, Input, FireAt, InstanceId }) => ({
    EventType: type,
    EventId,
    ...(Name === undefined ? {} : { Name }),
    ...(Input === undefined ? {} : { Input }),
    ...(FireAt === undefined ? {} : { FireAt }),
    ...(InstanceId === undefined ? {} : { InstanceId }),
  }));
}

function scheduled(state: ScheduleState, actions: LeafAction[], now = start): Schedule {
  const result = scheduleActions(state, actions, now);
  expect(result.kind).toBe('scheduled');
  return result;
}

const taskFailed = (seq: number, at: Date): HistoryEvent =>
  historyEvent(EventType.TaskFailed, at, { TaskScheduledId: seq, Reason: 'boom', Details: '' });
const taskCompleted = (seq: number, at: Date): HistoryEvent =>
  historyEvent(EventType.TaskCompleted, at, { TaskScheduledId: seq, Result: '"ok"' });
const timerFired = (seq: number, fireAt: string): HistoryEvent =>
  historyEvent(EventType.TimerFired, new Date(fireAt), { TimerId: seq, FireAt: fireAt });

describe('scheduling an orchestrator timer', () => {
  const rows: { ahead: number; fireAt: string; purpose: TimerPurpose; why: string }[] = [
    { ahead: hour, fireAt: after(hour), purpose: { kind: 'user' }, why: 'an hour ahead' },
    {
      ahead: 6 * day,
      fireAt: after(6 * day),
      purpose: { kind: 'user' },
      why: 'exactly six days ahead (the longest short timer)',
    },
    {
      ahead: 6 * day + 1,
      fireAt: after(3 * day),
      purpose: { kind: 'long', finalFireAt: after(6 * day + 1) },
      why: 'a millisecond over six days: a 3-day slice',
    },
    {
      ahead: 7 * day,
      fireAt: after(3 * day),
      purpose: { kind: 'long', finalFireAt: after(7 * day) },
      why: 'seven days ahead: a 3-day slice',
    },
    {
      ahead: -hour,
      fireAt: after(-hour),
      purpose: { kind: 'user' },
      why: 'already past: fires as it is',
    },
  ];

  it.each(rows)('schedules a timer $why', ({ ahead, fireAt, purpose }) => {
    const { state, events } = scheduled(stateOf({ nextSequence: 4 }), [createTimer(after(ahead))]);
    expect(decided(events)).toEqual([
      { EventType: EventType.TimerCreated, EventId: 4, FireAt: fireAt },
    ]);
    expect(state.pendingTimers).toEqual([{ seq: 4, fireAt, purpose }]);
    expect(state.nextSequence).toBe(5);
  });
});

describe('the next slice of a long timer', () => {
  const rows: { final: number; firedAt: number; next: string | undefined; why: string }[] = [
    // The extension slices until less than a slice is left, not until six days are (8 days: +3d,
    // +6d, +8d; DURABLE-REAL.md, long timers).
    { final: 7 * day, firedAt: 3 * day, next: after(6 * day), why: '4 days left: another slice' },
    { final: 10 * day, firedAt: 3 * day, next: after(6 * day), why: 'another 3-day slice' },
    { final: 9 * day, firedAt: 6 * day, next: after(9 * day), why: 'exactly a slice left in one' },
    { final: 8 * day, firedAt: 6 * day, next: after(8 * day), why: 'the 2-day remainder in one' },
    {
      final: 7 * day,
      firedAt: 7 * day,
      next: undefined,
      why: 'nothing once the final time is reached',
    },
  ];

  it.each(rows)('after a slice fires: $why', ({ final, firedAt, next }) => {
    const purpose: TimerPurpose = { kind: 'long', finalFireAt: after(final) };
    const before = stateOf({
      nextSequence: 3,
      pendingTimers: [{ seq: 2, fireAt: after(firedAt), purpose }],
    });
    const { state, events } = scheduleAfterEvent(
      before,
      timerFired(2, after(firedAt)),
      later(firedAt),
    );
    if (next === undefined) {
      expect(events).toEqual([]);
      expect(state.pendingTimers).toEqual([]);
      expect(state.nextSequence).toBe(3);
    } else {
      expect(decided(events)).toEqual([
        { EventType: EventType.TimerCreated, EventId: 3, FireAt: next },
      ]);
      expect(state.pendingTimers).toEqual([{ seq: 3, fireAt: next, purpose }]);
      expect(state.nextSequence).toBe(4);
    }
  });
});

describe('retries', () => {
  const policy: RetryPolicy = {
    firstRetryIntervalInMilliseconds: 1000,
    maxNumberOfAttempts: 4,
    backoffCoefficient: 2,
  };

  it('schedules each attempt after its backoff delay and gives up after maxNumberOfAttempts', () => {
    let { state, events } = scheduled(stateOf(), [
      callActivityWithRetry('flaky', policy, { key: 'k' }),
    ]);
    expect(decided(events)).toEqual([
      { EventType: EventType.TaskScheduled, EventId: 0, Name: 'flaky', Input: '{"key":"k"}' },
    ]);
    expect(state.retries).toEqual({
      r0: { kind: 'activity', name: 'flaky', input: '{"key":"k"}', policy, attempt: 1 },
    });
    expect(state.pendingActivities).toEqual([
      { seq: 0, name: 'flaky', input: '{"key":"k"}', retryKey: 'r0' },
    ]);

    // Each failure waits on a retry timer (also the last one, which the SDK expects), then the next attempt.
    const attempts = [
      { failedSeq: 0, timerSeq: 1, delay: 1 * second, nextSeq: 2 },
      { failedSeq: 2, timerSeq: 3, delay: 2 * second, nextSeq: 4 },
      { failedSeq: 4, timerSeq: 5, delay: 4 * second, nextSeq: 6 },
      { failedSeq: 6, timerSeq: 7, delay: 8 * second, nextSeq: undefined },
    ];
    let now = start.getTime();
    for (const [index, { failedSeq, timerSeq, delay, nextSeq }] of attempts.entries()) {
      const failedAt = new Date(now);
      ({ state, events } = scheduleAfterEvent(
        deepFreeze(state),
        taskFailed(failedSeq, failedAt),
        failedAt,
      ));
      const fireAt = new Date(now + delay).toISOString();
      expect(decided(events)).toEqual([
        { EventType: EventType.TimerCreated, EventId: timerSeq, FireAt: fireAt },
      ]);
      expect(state.pendingActivities).toEqual([]);
      expect(state.pendingTimers).toEqual([
        { seq: timerSeq, fireAt, purpose: { kind: 'retry', retryKey: 'r0' } },
      ]);

      now += delay;
      ({ state, events } = scheduleAfterEvent(
        deepFreeze(state),
        timerFired(timerSeq, fireAt),
        new Date(now),
      ));
      expect(state.pendingTimers).toEqual([]);
      if (nextSeq === undefined) {
        expect(events).toEqual([]);
        expect(state.retries).toEqual({});
        expect(state.pendingActivities).toEqual([]);
      } else {
        expect(decided(events)).toEqual([
          {
            EventType: EventType.TaskScheduled,
            EventId: nextSeq,
            Name: 'flaky',
            Input: '{"key":"k"}',
          },
        ]);
        expect(state.retries.r0?.attempt).toBe(index + 2);
        expect(state.pendingActivities).toEqual([
          { seq: nextSeq, name: 'flaky', input: '{"key":"k"}', retryKey: 'r0' },
        ]);
      }
    }
  });

  it('forgets the retry once an attempt succeeds', () => {
    const first = scheduled(stateOf(), [callActivityWithRetry('flaky', policy, null)]);
    const { state, events } = scheduleAfterEvent(
      deepFreeze(first.state),
      taskCompleted(0, start),
      start,
    );
    expect(events).toEqual([]);
    expect(state).toEqual(stateOf({ nextSequence: 1 }));
  });

  it('gives each attempt of an unnamed sub-orchestration its own instance id, and a named one the same id', () => {
    const once = { ...policy, maxNumberOfAttempts: 2 };
    const failed = (seq: number): HistoryEvent =>
      historyEvent(EventType.SubOrchestrationInstanceFailed, start, {
        TaskScheduledId: seq,
        Reason: 'boom',
      });
    const idsOf = (named: string | undefined): string[] => {
      let { state } = scheduled(stateOf(), [
        callSubOrchestratorWithRetry('child', once, { n: 1 }, named),
      ]);
      const ids = state.pendingChildren.map((c) => c.instanceId);
      ({ state } = scheduleAfterEvent(deepFreeze(state), failed(0), start));
      const timer = state.pendingTimers[0];
      expect(timer?.fireAt).toBe(after(1000));
      ({ state } = scheduleAfterEvent(deepFreeze(state), timerFired(1, after(1000)), later(1000)));
      return [...ids, ...state.pendingChildren.map((c) => c.instanceId)];
    };
    expect(idsOf(undefined)).toEqual(['parent-execution:0', 'parent-execution:2:attempt2']);
    expect(idsOf('named-child')).toEqual(['named-child', 'named-child']);
  });

  const delays: { policy: RetryPolicy; attempt: number; delay: number; why: string }[] = [
    {
      policy: { firstRetryIntervalInMilliseconds: 500, maxNumberOfAttempts: 3 },
      attempt: 3,
      delay: 500,
      why: 'no backoff: the first interval every time',
    },
    { policy, attempt: 1, delay: 1000, why: 'the first retry waits the first interval' },
    { policy, attempt: 3, delay: 4000, why: 'backoff 2: doubled per attempt' },
    {
      policy: { ...policy, maxRetryIntervalInMilliseconds: 3000 },
      attempt: 3,
      delay: 3000,
      why: 'capped at the maximum interval',
    },
    {
      policy: { ...policy, maxRetryIntervalInMilliseconds: 0 },
      attempt: 3,
      delay: 4000,
      why: 'a maximum of 0 means no cap',
    },
  ];
  it.each(delays)(
    'waits $delay ms after attempt $attempt: $why',
    ({ policy: p, attempt, delay }) => {
      expect(retryDelay(p, attempt)).toBe(delay);
    },
  );
});

describe('calls and children', () => {
  it('starts an unnamed sub-orchestration under the parent execution id and its sequence number, as DTFx names it (not the parent instance id)', () => {
    const { state, events } = scheduled(stateOf({ nextSequence: 9 }), [
      callSubOrchestrator('child', { n: 21 }),
    ]);
    expect(decided(events)).toEqual([
      {
        EventType: EventType.SubOrchestrationInstanceCreated,
        EventId: 9,
        Name: 'child',
        Input: '{"n":21}',
        InstanceId: 'parent-execution:9',
      },
    ]);
    expect(state.pendingChildren).toEqual([{ seq: 9, instanceId: 'parent-execution:9' }]);
    expect(state.retries).toEqual({});
  });

  it('starts a sub-orchestration under the id the orchestrator gave', () => {
    const { state, events } = scheduled(stateOf(), [
      callSubOrchestrator('child', 'text', 'child-7'),
    ]);
    expect(decided(events)).toEqual([
      {
        EventType: EventType.SubOrchestrationInstanceCreated,
        EventId: 0,
        Name: 'child',
        Input: '"text"',
        InstanceId: 'child-7',
      },
    ]);
    expect(state.pendingChildren).toEqual([{ seq: 0, instanceId: 'child-7' }]);
  });

  const inputs: { input: unknown; stored: string; why: string }[] = [
    { input: '"hello"', stored: '"hello"', why: 'a string the SDK encoded once more is decoded' },
    { input: '{"a":1}', stored: '{"a":1}', why: 'an encoded object is decoded' },
    { input: 'plain', stored: '"plain"', why: 'a string that is no JSON passes through' },
    { input: { a: 1 }, stored: '{"a":1}', why: 'an object is stored as JSON' },
    { input: undefined, stored: 'null', why: 'no input is null' },
  ];
  it.each(inputs)('calls an activity with its input: $why', ({ input, stored }) => {
    const { state, events } = scheduled(stateOf(), [callActivity('echo', input)]);
    expect(decided(events)).toEqual([
      { EventType: EventType.TaskScheduled, EventId: 0, Name: 'echo', Input: stored },
    ]);
    expect(state.pendingActivities).toEqual([{ seq: 0, name: 'echo', input: stored }]);
  });

  it('numbers calls and timers in the order of the actions; waiting for an event and continue-as-new take no number', () => {
    const { state, events } = scheduled(stateOf({ nextSequence: 2 }), [
      waitForEvent('Approval'),
      callActivity('a', null),
      createTimer(after(hour)),
      { actionType: ActionType.ContinueAsNew, input: 1 },
      callSubOrchestrator('child', null),
      callActivity('b', null),
    ]);
    expect(events.map((e) => [e.EventType, e.EventId])).toEqual([
      [EventType.TaskScheduled, 2],
      [EventType.TimerCreated, 3],
      [EventType.SubOrchestrationInstanceCreated, 4],
      [EventType.TaskScheduled, 5],
    ]);
    expect(state.nextSequence).toBe(6);
  });

  it('takes only the matching call off the pending list when a result arrives', () => {
    const both = scheduled(stateOf(), [
      callActivity('a', null),
      callSubOrchestrator('child', null),
    ]);
    const { state, events } = scheduleAfterEvent(
      deepFreeze(both.state),
      taskCompleted(0, start),
      start,
    );
    expect(events).toEqual([]);
    expect(state.pendingActivities).toEqual([]);
    expect(state.pendingChildren).toEqual([{ seq: 1, instanceId: 'parent-execution:1' }]);
    const done = scheduleAfterEvent(
      deepFreeze(state),
      historyEvent(EventType.SubOrchestrationInstanceCompleted, start, {
        TaskScheduledId: 1,
        Result: 'null',
      }),
      start,
    );
    expect(done.state.pendingChildren).toEqual([]);
  });

  it('changes nothing for an external event', () => {
    const before = scheduled(stateOf(), [callActivity('a', null), waitForEvent('Go')]).state;
    const { state, events } = scheduleAfterEvent(
      deepFreeze(before),
      historyEvent(EventType.EventRaised, start, { Name: 'Go', Input: 'true' }),
      start,
    );
    expect(events).toEqual([]);
    expect(state).toEqual(before);
  });
});

describe('refusals', () => {
  it.each([
    { actionType: ActionType.CallEntity, name: 'an entity call' },
    { actionType: ActionType.CallHttp, name: 'a durable HTTP call' },
    { actionType: ActionType.SignalEntity, name: 'an entity signal' },
  ])('refuses $name and keeps what came before it', ({ actionType }) => {
    const result = scheduleActions(stateOf(), [callActivity('a', null), { actionType }], start);
    expect(result).toMatchObject({
      kind: 'refused',
      message: `The local runtime does not support action type ${String(actionType)} (entities and durable HTTP are not used by this app).`,
    });
    expect(decided(result.events)).toEqual([
      { EventType: EventType.TaskScheduled, EventId: 0, Name: 'a', Input: 'null' },
    ]);
  });

  it('refuses retry options that are not numbers, naming the field', () => {
    const result = scheduleActions(
      stateOf(),
      [
        {
          actionType: ActionType.CallActivityWithRetry,
          functionName: 'flaky',
          retryOptions: { maxNumberOfAttempts: 3 },
          input: null,
        },
      ],
      start,
    );
    expect(result.kind).toBe('refused');
    expect(result.kind === 'refused' ? result.message : '').toMatch(
      /^The retry options of the call to "flaky" are not usable: firstRetryIntervalInMilliseconds: /,
    );
    expect(result.events).toEqual([]);
  });
});

describe('with actions from the real SDK', () => {
  df.app.orchestration('schedulingProbe', function* (context: OrchestrationContext) {
    const retry = new df.RetryOptions(1000, 3);
    retry.backoffCoefficient = 2;
    const week = new Date(context.df.currentUtcDateTime.getTime() + 7 * day);
    yield context.df.Task.all([
      context.df.callActivity('probeEcho', 'text'),
      context.df.callActivityWithRetry('probeFlaky', retry, { key: 'k' }),
      context.df.callSubOrchestrator('probeChild', { n: 1 }, 'probe-child'),
      context.df.createTimer(week),
      context.df.waitForExternalEvent('Go'),
    ]);
  });

  it('schedules the first episode of an orchestration as the SDK numbers its tasks', async () => {
    const fn = registeredFunctions().get('schedulingProbe');
    if (fn === undefined) throw new Error('schedulingProbe did not register');
    const history = [
      historyEvent(EventType.OrchestratorStarted, start),
      historyEvent(EventType.ExecutionStarted, start, { Name: 'schedulingProbe', Input: 'null' }),
    ];
    const replay = await replayEpisode(
      fn,
      { instanceId: 'probe', input: 'null', actionSignatures: [] },
      history,
      () => new InvocationContext({ functionName: 'schedulingProbe' }),
    );
    if (replay.kind !== 'replayed') throw new Error(replay.detail);

    const { state, events } = scheduled(stateOf({ instanceId: 'probe' }), replay.leaves);
    expect(decided(events)).toEqual([
      { EventType: EventType.TaskScheduled, EventId: 0, Name: 'probeEcho', Input: '"text"' },
      { EventType: EventType.TaskScheduled, EventId: 1, Name: 'probeFlaky', Input: '{"key":"k"}' },
      {
        EventType: EventType.SubOrchestrationInstanceCreated,
        EventId: 2,
        Name: 'probeChild',
        Input: '{"n":1}',
        InstanceId: 'probe-child',
      },
      { EventType: EventType.TimerCreated, EventId: 3, FireAt: after(3 * day) },
    ]);
    expect(state.retries.r1?.policy).toEqual({
      firstRetryIntervalInMilliseconds: 1000,
      maxNumberOfAttempts: 3,
      backoffCoefficient: 2,
    });
    expect(state.pendingTimers[0]?.purpose).toEqual({ kind: 'long', finalFireAt: after(7 * day) });
  });
});
