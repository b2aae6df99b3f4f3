import { randomUUID } from 'node:crypto';
import type { InvocationContext } from '@azure/functions';
import type { Clock } from '../clock';
import { triggerOf, type RegisteredFunction } from '../functions-core';
import type { RuntimeLogger } from '../runtime-logger';
import { leafCountsAfterEachEvent, replayEpisode } from './episode';
import {
  ActionType,
  EventType,
  historyEvent,
  isTerminal,
  type HistoryEvent,
  type RuntimeStatus,
} from './history';
import type { InstanceRecord, PendingTimer } from './instance-record';
import type { InstanceStore } from './instance-store';
import type { LeafAction } from './orchestrator-state';
import { scheduleEpisode, timerFiresAt } from './scheduling';
import { RuntimeClosedError, StorageRetry } from './storage-retry';

export interface DurableEngineOptions {
  functions: ReadonlyMap<string, RegisteredFunction>;
  clock: Clock;
  store: InstanceStore;
  logger: RuntimeLogger;
  /** Builds the InvocationContext for one invocation, with extra inputs (durable client) bound. */
  createContext(fn: RegisteredFunction): InvocationContext;
}

/** The outcome of asking an instance to do something from outside. */
export type ControlResult = 'accepted' | 'not-found' | 'gone';

/** A status as the durable client HTTP API reports it. */
export interface InstanceStatus {
  name: string;
  instanceId: string;
  runtimeStatus: RuntimeStatus;
  createdTime: string;
  lastUpdatedTime: string;
  input: unknown;
  output: unknown;
  customStatus: unknown;
  history?: HistoryEvent[];
}

/** Raised when an instance id is already taken by a running instance. */
export class InstanceExistsError extends Error {
  constructor(instanceId: string) {
    super(`An orchestration with instance id "${instanceId}" is already running.`);
    this.name = 'InstanceExistsError';
  }
}

/**
 * Runs orchestrations on the real durable-functions replay engine, doing what the Durable extension
 * does between episodes: history, sequence numbers, activities, retries, timers (long ones split),
 * external events, sub-orchestrations, custom status, terminate and suspend. This class owns the
 * instances and their queues; `replayEpisode` runs each episode twice to catch non-determinism, and
 * the pure `scheduleEpisode` decides the host's work around it.
 */
export class DurableEngine {
  readonly #options: DurableEngineOptions;
  readonly #records = new Map<string, InstanceRecord>();
  readonly #queues = new Map<string, Promise<void>>();
  readonly #alarms = new Map<string, () => void>();
  readonly #running = new Set<Promise<unknown>>();
  readonly #dispatched = new Set<string>();
  /** Instances whose next episode is asked for and not yet started. */
  readonly #drainsDue = new Set<string>();
  readonly #storage: StorageRetry;
  #disposed = false;

  constructor(options: DurableEngineOptions) {
    this.#options = options;
    this.#storage = new StorageRetry(options.logger);
  }

  /**
   * Loads persisted instances and resumes their work: timers re-armed, unfinished activities re-run.
   * While storage is unavailable it waits for it, as every store operation of the engine does.
   */
  async recover(): Promise<number> {
    const records = await this.#storage.run(() => this.#options.store.loadAll());
    for (const record of records) this.#records.set(record.instanceId, record);
    let resumed = 0;
    for (const record of records) {
      if (isTerminal(record.runtimeStatus)) {
        if (record.parent !== undefined && record.parentNotified !== true)
          this.#notifyParent(record);
        continue;
      }
      resumed++;
      const fired = new Set(
        record.inbox.filter((e) => e.EventType === EventType.TimerFired).map((e) => e.TimerId),
      );
      const done = new Set(
        record.inbox
          .filter(
            (e) => e.EventType === EventType.TaskCompleted || e.EventType === EventType.TaskFailed,
          )
          .map((e) => e.TaskScheduledId),
      );
      for (const timer of record.pendingTimers) {
        if (fired.has(timer.seq))
          this.#alarms.set(`${record.instanceId}#${String(timer.seq)}`, () => undefined);
        else this.#armTimer(record.instanceId, timer);
      }
      // At-least-once, like Azure: an activity whose result was not recorded runs again.
      for (const activity of record.pendingActivities) {
        if (done.has(activity.seq))
          this.#dispatched.add(`${record.instanceId}#${String(activity.seq)}`);
        else this.#dispatchActivity(record.instanceId, activity.seq);
      }
      for (const child of record.pendingChildren) this.#startChild(record, child.seq);
      this.#drain(record.instanceId);
    }
    return resumed;
  }

  /** Starts a new instance (replacing a finished one with the same id). */
  async startNew(name: string, instanceId: string, input: unknown): Promise<InstanceStatus> {
    const fn = this.#options.functions.get(name);
    if (fn === undefined || triggerOf(fn).type !== 'orchestrationTrigger') {
      throw new Error(`No orchestrator function named "${name}" is registered.`);
    }
    const existing = this.#records.get(instanceId);
    if (existing !== undefined && !isTerminal(existing.runtimeStatus)) {
      throw new InstanceExistsError(instanceId);
    }
    const record = this.#createRecord(name, instanceId, JSON.stringify(input ?? null), undefined);
    await this.#enqueue(instanceId, () => this.#save(record));
    this.#drain(instanceId);
    return this.#status(record, false);
  }

  /** Delivers an external event. Events for a suspended instance wait until it resumes. */
  async raiseEvent(instanceId: string, eventName: string, data: unknown): Promise<ControlResult> {
    const record = this.#records.get(instanceId);
    if (record === undefined) return 'not-found';
    if (isTerminal(record.runtimeStatus)) return 'gone';
    const now = this.#options.clock.now();
    const event = historyEvent(EventType.EventRaised, now, {
      Name: eventName,
      Input: JSON.stringify(data ?? null),
    });
    await this.#deliver(instanceId, event, true);
    return 'accepted';
  }

  /** Ends an instance at once; its pending work is dropped. */
  async terminate(instanceId: string, reason: string): Promise<ControlResult> {
    const record = this.#records.get(instanceId);
    if (record === undefined) return 'not-found';
    if (isTerminal(record.runtimeStatus)) return 'gone';
    await this.#enqueue(instanceId, async () => {
      const now = this.#options.clock.now();
      record.history.push(
        historyEvent(EventType.ExecutionTerminated, now, { Input: JSON.stringify(reason) }),
      );
      this.#finish(record, 'Terminated', JSON.stringify(reason), now);
      await this.#save(record);
    });
    this.#notifyParent(record);
    return 'accepted';
  }

  /** Suspends an instance: nothing it has pending runs until it is resumed. */
  async suspend(instanceId: string, reason: string): Promise<ControlResult> {
    return this.#setSuspended(instanceId, reason, true);
  }

  /** Resumes a suspended instance and processes what arrived in the meantime. */
  async resume(instanceId: string, reason: string): Promise<ControlResult> {
    const result = await this.#setSuspended(instanceId, reason, false);
    if (result === 'accepted') this.#drain(instanceId);
    return result;
  }

  /** Removes a finished instance and its history. */
  async purge(instanceId: string): Promise<number> {
    const record = this.#records.get(instanceId);
    if (record === undefined || !isTerminal(record.runtimeStatus)) return 0;
    await this.#enqueue(instanceId, async () => {
      this.#records.delete(instanceId);
      await this.#storage.run(() => this.#options.store.remove(instanceId));
    });
    return 1;
  }

  /** The status of one instance, or undefined. */
  getStatus(instanceId: string, showHistory = false): InstanceStatus | undefined {
    const record = this.#records.get(instanceId);
    return record === undefined ? undefined : this.#status(record, showHistory);
  }

  /** Statuses matching a filter, oldest first. */
  listStatuses(
    filter: { runtimeStatus?: readonly string[]; createdFrom?: Date; createdTo?: Date } = {},
  ): InstanceStatus[] {
    return [...this.#records.values()]
      .filter(
        (r) => filter.runtimeStatus === undefined || filter.runtimeStatus.includes(r.runtimeStatus),
      )
      .filter(
        (r) => filter.createdFrom === undefined || new Date(r.createdTime) >= filter.createdFrom,
      )
      .filter((r) => filter.createdTo === undefined || new Date(r.createdTime) <= filter.createdTo)
      .sort((a, b) => a.createdTime.localeCompare(b.createdTime))
      .map((r) => this.#status(r, false));
  }

  /** Resolves once no episode, activity or store write is in progress (timers in the future may remain). */
  async settle(): Promise<void> {
    for (;;) {
      // Let callbacks scheduled with setImmediate (dispatches) start before looking.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.#running.size === 0) return;
      await Promise.allSettled([...this.#running]);
    }
  }

  /** Stops timers and waits for work in progress; work still waiting for storage gives up. */
  async dispose(): Promise<void> {
    this.#disposed = true;
    this.#storage.close();
    for (const cancel of this.#alarms.values()) cancel();
    this.#alarms.clear();
    await this.settle();
  }

  #createRecord(
    name: string,
    instanceId: string,
    input: string,
    parent: InstanceRecord['parent'],
  ): InstanceRecord {
    const now = this.#options.clock.now();
    const record: InstanceRecord = {
      instanceId,
      name,
      runtimeStatus: 'Pending',
      customStatus: null,
      createdTime: now.toISOString(),
      lastUpdatedTime: now.toISOString(),
      // The extension's client gives a started instance a GUID with dashes; DTFx gives a
      // sub-orchestration one without (both seen in DURABLE-REAL.md's evidence).
      ...newExecution(
        name,
        instanceId,
        parent === undefined ? randomUUID() : compactGuid(),
        input,
        now,
        parent?.instanceId,
      ),
      ...(parent === undefined ? {} : { parent }),
    };
    this.#records.set(instanceId, record);
    return record;
  }

  async #setSuspended(
    instanceId: string,
    reason: string,
    suspend: boolean,
  ): Promise<ControlResult> {
    const record = this.#records.get(instanceId);
    if (record === undefined) return 'not-found';
    if (isTerminal(record.runtimeStatus)) return 'gone';
    await this.#enqueue(instanceId, async () => {
      const now = this.#options.clock.now();
      if (suspend && record.runtimeStatus !== 'Suspended') {
        record.runtimeStatus = 'Suspended';
        record.history.push(historyEvent(EventType.ExecutionSuspended, now, { Reason: reason }));
      } else if (!suspend && record.runtimeStatus === 'Suspended') {
        record.runtimeStatus = 'Running';
        record.history.push(historyEvent(EventType.ExecutionResumed, now, { Reason: reason }));
      }
      record.lastUpdatedTime = now.toISOString();
      await this.#save(record);
    });
    return 'accepted';
  }

  /** Saves a record, waiting for storage while it is unavailable. */
  #save(record: InstanceRecord): Promise<void> {
    return this.#storage.run(() => this.#options.store.save(record));
  }

  /**
   * Runs work for one instance strictly one piece at a time, in order. The result rejects when the
   * work fails; the failure is logged here, so callers that do not wait need not handle it.
   */
  #enqueue(instanceId: string, work: () => Promise<void>): Promise<void> {
    const previous = this.#queues.get(instanceId) ?? Promise.resolve();
    const next = previous.then(work);
    const tracked = next.catch((error: unknown) => {
      this.#logFailure(`Durable instance ${instanceId}`, error);
    });
    this.#queues.set(instanceId, tracked);
    this.#track(tracked);
    return next;
  }

  /**
   * Counts a promise as work in progress until it settles. Its failure is not reported here: each
   * promise tracked comes from `#enqueue`, which logs it, or logs its own.
   */
  #track(promise: Promise<unknown>): void {
    this.#running.add(promise);
    const forget = (): void => {
      this.#running.delete(promise);
    };
    // Both ways, so that a rejection does not surface again, unhandled, on a derived promise.
    promise.then(forget, forget);
  }

  #logFailure(what: string, error: unknown): void {
    // Closing while storage is out: the work is in storage as it was and resumes on the next start.
    if (error instanceof RuntimeClosedError) return;
    this.#options.logger.error(`${what}: ${describeError(error)}`);
  }

  /**
   * Puts an event in the instance's inbox and asks for an episode. `saved` says whether the event
   * is saved on arrival: an event from outside (raised, a child's outcome) exists nowhere else, so
   * it is. A fired timer or an activity's result is not: the saved record still holds the timer or
   * activity as pending, and a restart arms or runs it again (at least once, as on Azure, where the
   * message stays in its queue until the episode that takes it commits), so the episode's save
   * records it with its outcome. One save fewer per timer and activity.
   */
  async #deliver(instanceId: string, event: HistoryEvent, saved: boolean): Promise<void> {
    await this.#enqueue(instanceId, async () => {
      const record = this.#records.get(instanceId);
      if (record === undefined || isTerminal(record.runtimeStatus)) return;
      record.inbox.push(event);
      record.lastUpdatedTime = this.#options.clock.now().toISOString();
      if (saved) await this.#save(record);
    });
    this.#drain(instanceId);
  }

  /**
   * Runs an episode with everything in the inbox, as the extension delivers every message waiting
   * for an instance together (DURABLE-REAL.md, episode batching). It starts a turn of the event loop
   * after it is asked for, as the extension starts after its next queue poll, so what arrives
   * meanwhile (an event raised right after another, a result delivered in the same turn) joins it.
   */
  #drain(instanceId: string): void {
    if (this.#drainsDue.has(instanceId)) return;
    this.#drainsDue.add(instanceId);
    const due = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      this.#drainsDue.delete(instanceId);
      return this.#enqueue(instanceId, async () => {
        const record = this.#records.get(instanceId);
        while (
          record !== undefined &&
          !this.#disposed &&
          record.inbox.length > 0 &&
          (record.runtimeStatus === 'Pending' || record.runtimeStatus === 'Running')
        ) {
          await this.#runEpisode(record, record.inbox.splice(0));
          await this.#save(record);
          this.#afterEpisode(record);
        }
      });
    });
    this.#track(due.catch(loggedAlready));
  }

  async #runEpisode(record: InstanceRecord, arrived: HistoryEvent[]): Promise<void> {
    const fn = this.#options.functions.get(record.name);
    const now = this.#episodeTime(record);
    if (fn === undefined) {
      this.#finish(
        record,
        'Failed',
        JSON.stringify(`No orchestrator function named "${record.name}" is registered.`),
        now,
      );
      return;
    }
    record.runtimeStatus = 'Running';
    for (const event of arrived) this.#forgetDelivered(record.instanceId, event);
    const history = [
      ...record.history,
      historyEvent(EventType.OrchestratorStarted, now),
      ...arrived.map((event) => ({ ...event, IsPlayed: false })),
    ];

    const createContext = (f: RegisteredFunction): InvocationContext =>
      this.#options.createContext(f);
    const replay = await replayEpisode(fn, record, history, createContext);
    if (replay.kind === 'non-deterministic') {
      this.#failNonDeterministic(record, history, now, replay.detail);
      return;
    }

    const { outcome, leaves, signatures } = replay;
    record.history = history;
    if (outcome.state?.customStatus !== undefined) {
      record.customStatus = JSON.stringify(outcome.state.customStatus);
    }
    if (outcome.kind === 'failed') {
      this.#finishEpisode(record, 'Failed', JSON.stringify(outcome.message), now);
      return;
    }
    const state = outcome.state;
    const continueAsNew = leaves.find((a) => a.actionType === ActionType.ContinueAsNew);
    if (state.isDone && continueAsNew !== undefined) {
      this.#continueAsNew(record, continueAsNew, now);
      return;
    }
    const counts =
      arrived.length === 1
        ? [leaves.length]
        : await leafCountsAfterEachEvent(
            fn,
            record,
            history,
            arrived.length,
            leaves.length,
            createContext,
          );
    let taken = record.actionSignatures.length;
    const steps = arrived.map((event, i) => {
      const upTo = counts[i] ?? leaves.length;
      const actions = leaves.slice(taken, upTo);
      taken = upTo;
      return { event, actions };
    });
    const scheduled = scheduleEpisode(record, steps, now);
    const cancelled = cancelledLongTimer(scheduled.state, leaves);
    if (cancelled !== undefined) {
      const message = `Non-Deterministic workflow detected: orchestrator "${record.name}" (instance ${record.instanceId}) cancelled a timer due ${cancelled}, more than six days after it was set. The Durable Task extension cannot replay a cancelled long timer once a slice of it has fired, and fails the orchestration; race events against timers of six days or less.`;
      this.#options.logger.error(message);
      this.#finishEpisode(record, 'Failed', JSON.stringify(message), now);
      return;
    }
    Object.assign(record, scheduled.state);
    record.history.push(...scheduled.events);
    record.actionSignatures = signatures;
    if (scheduled.kind === 'refused') {
      this.#finishEpisode(record, 'Failed', JSON.stringify(scheduled.message), now);
      return;
    }
    if (state.isDone) {
      this.#finishEpisode(record, 'Completed', JSON.stringify(state.output ?? null), now);
    } else {
      record.history.push(historyEvent(EventType.OrchestratorCompleted, now));
      record.lastUpdatedTime = now.toISOString();
    }
    // As the extension marks them: only what came in (the start, results, fired timers, events)
    // counts as played in later episodes; what the orchestrator did itself never does.
    for (const e of record.history) e.IsPlayed = incomingEvents.has(e.EventType);
  }

  /** Episode time never goes backwards, whatever the clock does between restarts. */
  #episodeTime(record: InstanceRecord): Date {
    const now = this.#options.clock.now();
    const last = record.history.findLast((e) => e.EventType === EventType.OrchestratorStarted);
    if (last !== undefined && new Date(last.Timestamp) > now) return new Date(last.Timestamp);
    return now;
  }

  #failNonDeterministic(
    record: InstanceRecord,
    history: HistoryEvent[],
    now: Date,
    detail: string,
  ): void {
    const message = `Non-deterministic orchestrator "${record.name}" (instance ${record.instanceId}): ${detail}. Orchestrators must not use the current time, random numbers, I/O or module state.`;
    this.#options.logger.error(message);
    record.history = history;
    this.#finishEpisode(record, 'Failed', JSON.stringify(message), now);
  }

  /** A delivered result or timer is no longer in flight: the alarm or dispatch that made it is done. */
  #forgetDelivered(instanceId: string, event: HistoryEvent): void {
    if (event.EventType === EventType.TaskCompleted || event.EventType === EventType.TaskFailed) {
      this.#dispatched.delete(`${instanceId}#${String(event.TaskScheduledId)}`);
    } else if (event.EventType === EventType.TimerFired) {
      this.#alarms.delete(`${instanceId}#${String(event.TimerId)}`);
    }
  }

  /** Starts the work an episode scheduled, once its record is saved. */
  #afterEpisode(record: InstanceRecord): void {
    if (isTerminal(record.runtimeStatus)) {
      this.#cancelAlarms(record.instanceId);
      this.#notifyParent(record);
      return;
    }
    for (const timer of record.pendingTimers) this.#armTimer(record.instanceId, timer);
    for (const activity of record.pendingActivities)
      this.#dispatchActivity(record.instanceId, activity.seq);
    for (const child of record.pendingChildren) this.#startChild(record, child.seq);
  }

  #armTimer(instanceId: string, timer: PendingTimer): void {
    const key = `${instanceId}#${String(timer.seq)}`;
    if (this.#alarms.has(key) || this.#disposed) return;
    const created = this.#records
      .get(instanceId)
      ?.history.find((e) => e.EventType === EventType.TimerCreated && e.EventId === timer.seq);
    const createdAt = new Date(created?.Timestamp ?? timer.fireAt);
    const firesAt = timerFiresAt(new Date(timer.fireAt), createdAt);
    const cancel = this.#options.clock.setAlarm(firesAt, () => {
      // Stays marked until the episode consumes the TimerFired, so the timer is not armed twice.
      this.#alarms.set(key, () => undefined);
      // Stamped with the time the timer was created, as the extension stamps it.
      const event = historyEvent(EventType.TimerFired, createdAt, {
        TimerId: timer.seq,
        FireAt: timer.fireAt,
      });
      this.#track(this.#deliver(instanceId, event, false));
    });
    this.#alarms.set(key, cancel);
  }

  #cancelAlarms(instanceId: string): void {
    for (const [key, cancel] of this.#alarms) {
      if (key.startsWith(`${instanceId}#`)) {
        cancel();
        this.#alarms.delete(key);
      }
    }
  }

  #dispatchActivity(instanceId: string, seq: number): void {
    const key = `${instanceId}#${String(seq)}`;
    if (this.#dispatched.has(key) || this.#disposed) return;
    this.#dispatched.add(key);
    const run = async (): Promise<void> => {
      const record = this.#records.get(instanceId);
      const activity = record?.pendingActivities.find((a) => a.seq === seq);
      if (record === undefined || activity === undefined) return;
      const fn = this.#options.functions.get(activity.name);
      let completion: HistoryEvent;
      const now = (): Date => this.#options.clock.now();
      if (fn === undefined || triggerOf(fn).type !== 'activityTrigger') {
        completion = historyEvent(EventType.TaskFailed, now(), {
          TaskScheduledId: seq,
          Reason: `No activity function named "${activity.name}" is registered.`,
          Details: '',
        });
      } else {
        try {
          const result = await fn.callback(
            JSON.parse(activity.input) as unknown,
            this.#options.createContext(fn),
          );
          completion = historyEvent(EventType.TaskCompleted, now(), {
            TaskScheduledId: seq,
            Result: JSON.stringify(result ?? null),
          });
        } catch (error) {
          completion = historyEvent(EventType.TaskFailed, now(), {
            TaskScheduledId: seq,
            // As the extension words it: its friendly message is the text after the worker's
            // "\nException:", which starts with a space, hence two (DURABLE-REAL.md, errors).
            Reason: `Activity function '${activity.name}' failed:  ${error instanceof Error ? error.message : String(error)}`,
            Details: error instanceof Error ? (error.stack ?? error.message) : String(error),
          });
        }
      }
      // The dispatch stays marked until the episode consumes the result, so it never runs twice here.
      await this.#deliver(instanceId, completion, false);
    };
    const promise = new Promise<void>((resolve) => setImmediate(resolve)).then(run);
    this.#track(
      promise.catch((error: unknown) => {
        this.#logFailure(`Activity dispatch for ${instanceId}`, error);
      }),
    );
  }

  #startChild(parent: InstanceRecord, seq: number): void {
    const pending = parent.pendingChildren.find((c) => c.seq === seq);
    if (pending === undefined) return;
    const existing = this.#records.get(pending.instanceId);
    if (
      existing !== undefined &&
      existing.parent?.instanceId === parent.instanceId &&
      existing.parent.seq === seq
    ) {
      return;
    }
    const created = parent.history.find(
      (e) => e.EventType === EventType.SubOrchestrationInstanceCreated && e.EventId === seq,
    );
    const name = created?.Name ?? '';
    const fn = this.#options.functions.get(name);
    if (fn === undefined || triggerOf(fn).type !== 'orchestrationTrigger') {
      this.#refuseChild(parent, seq, `No orchestrator function named "${name}" is registered.`);
      return;
    }
    if (existing !== undefined && !isTerminal(existing.runtimeStatus)) {
      this.#refuseChild(
        parent,
        seq,
        `An orchestration with instance id "${pending.instanceId}" is already running.`,
      );
      return;
    }
    const child = this.#createRecord(name, pending.instanceId, created?.Input ?? 'null', {
      instanceId: parent.instanceId,
      seq,
    });
    this.#track(this.#enqueue(child.instanceId, () => this.#save(child)));
    this.#drain(child.instanceId);
  }

  /** Tells the parent that a child it asked for could not start. */
  #refuseChild(parent: InstanceRecord, seq: number, reason: string): void {
    const event = historyEvent(
      EventType.SubOrchestrationInstanceFailed,
      this.#options.clock.now(),
      {
        TaskScheduledId: seq,
        Reason: reason,
        Details: '',
      },
    );
    this.#track(this.#deliver(parent.instanceId, event, true));
  }

  #notifyParent(child: InstanceRecord): void {
    const link = child.parent;
    if (link === undefined || child.parentNotified === true) return;
    const parent = this.#records.get(link.instanceId);
    const told = [...(parent?.history ?? []), ...(parent?.inbox ?? [])].some(
      (e) =>
        (e.EventType === EventType.SubOrchestrationInstanceCompleted ||
          e.EventType === EventType.SubOrchestrationInstanceFailed) &&
        e.TaskScheduledId === link.seq,
    );
    if (told) return;
    const now = this.#options.clock.now();
    const event =
      child.runtimeStatus === 'Completed'
        ? historyEvent(EventType.SubOrchestrationInstanceCompleted, now, {
            TaskScheduledId: link.seq,
            Result: child.output ?? 'null',
          })
        : historyEvent(EventType.SubOrchestrationInstanceFailed, now, {
            TaskScheduledId: link.seq,
            Reason: `Sub-orchestration '${child.name}' (${child.instanceId}) ${child.runtimeStatus === 'Terminated' ? 'was terminated' : 'failed'}: ${parseText(child.output)}`,
            Details: parseText(child.output),
          });
    this.#track(
      this.#deliver(link.instanceId, event, true).then(() =>
        this.#enqueue(child.instanceId, async () => {
          child.parentNotified = true;
          await this.#save(child);
        }),
      ),
    );
  }

  #continueAsNew(record: InstanceRecord, action: LeafAction, now: Date): void {
    this.#cancelAlarms(record.instanceId);
    const input = JSON.stringify(action.input ?? null);
    const carried = record.inbox.filter((e) => e.EventType === EventType.EventRaised);
    Object.assign(record, {
      runtimeStatus: 'Running',
      lastUpdatedTime: now.toISOString(),
      // DTFx gives the new execution a GUID without dashes.
      ...newExecution(record.name, record.instanceId, compactGuid(), input, now, undefined),
    } satisfies Partial<InstanceRecord>);
    record.inbox.push(...carried);
  }

  /** Ends the instance in the episode that decided so: the episode closes after ExecutionCompleted. */
  #finishEpisode(record: InstanceRecord, status: RuntimeStatus, output: string, now: Date): void {
    this.#finish(record, status, output, now);
    record.history.push(historyEvent(EventType.OrchestratorCompleted, now));
  }

  #finish(record: InstanceRecord, status: RuntimeStatus, output: string, now: Date): void {
    record.runtimeStatus = status;
    record.output = output;
    record.lastUpdatedTime = now.toISOString();
    record.pendingActivities = [];
    record.pendingTimers = [];
    record.pendingChildren = [];
    record.inbox = [];
    if (status === 'Completed' || status === 'Failed') {
      record.history.push(
        // The extension numbers it as the next action (DURABLE-REAL.md evidence: an orchestration
        // that used sequence numbers 0 to 7 completes with EventId 8).
        historyEvent(EventType.ExecutionCompleted, now, {
          EventId: record.nextSequence,
          Result: output,
          OrchestrationStatus: status,
        }),
      );
    }
  }

  #status(record: InstanceRecord, showHistory: boolean): InstanceStatus {
    return {
      name: record.name,
      instanceId: record.instanceId,
      runtimeStatus: record.runtimeStatus,
      // The extension reports both in whole seconds (DURABLE-REAL.md, client binding and HTTP API).
      createdTime: wholeSeconds(record.createdTime),
      lastUpdatedTime: wholeSeconds(record.lastUpdatedTime),
      input: JSON.parse(record.input) as unknown,
      output: record.output === null ? null : (JSON.parse(record.output) as unknown),
      customStatus:
        record.customStatus === null ? null : (JSON.parse(record.customStatus) as unknown),
      ...(showHistory ? { history: structuredClone(record.history) } : {}),
    };
  }
}

/** The events an episode takes in, which the extension marks as played once an episode has seen them. */
const incomingEvents: ReadonlySet<number> = new Set([
  EventType.ExecutionStarted,
  EventType.TaskCompleted,
  EventType.TaskFailed,
  EventType.SubOrchestrationInstanceCompleted,
  EventType.SubOrchestrationInstanceFailed,
  EventType.TimerFired,
  EventType.EventRaised,
]);

/**
 * The final time of a long timer (sliced, DURABLE-REAL.md) the orchestrator has just cancelled, if
 * any. Stricter than the extension, which fails only once a slice has fired: any cancelled long
 * timer fails here, so no orchestration can depend on the difference.
 */
function cancelledLongTimer(
  state: Pick<InstanceRecord, 'pendingTimers'>,
  leaves: readonly LeafAction[],
): string | undefined {
  const longTimers = new Set(
    state.pendingTimers.flatMap((timer) =>
      timer.purpose.kind === 'long' ? [new Date(timer.purpose.finalFireAt).getTime()] : [],
    ),
  );
  const cancelled = leaves.find(
    (leaf) =>
      leaf.actionType === ActionType.CreateTimer &&
      leaf.isCanceled === true &&
      longTimers.has(new Date(leaf.fireAt ?? Number.NaN).getTime()),
  );
  return cancelled?.fireAt;
}

/** An ISO instant without its fraction of a second: `2026-12-07T04:43:41Z`. */
function wholeSeconds(iso: string): string {
  return iso.replace(/\.\d+Z$/u, 'Z');
}

/** The state of a fresh execution: only the ExecutionStarted event waiting. */
function newExecution(
  name: string,
  instanceId: string,
  executionId: string,
  input: string,
  now: Date,
  parentInstanceId: string | undefined,
): Pick<
  InstanceRecord,
  | 'executionId'
  | 'input'
  | 'output'
  | 'history'
  | 'inbox'
  | 'nextSequence'
  | 'actionSignatures'
  | 'pendingActivities'
  | 'pendingTimers'
  | 'pendingChildren'
  | 'retries'
> {
  return {
    executionId,
    input,
    output: null,
    history: [],
    inbox: [
      historyEvent(EventType.ExecutionStarted, now, {
        OrchestrationInstance: { InstanceId: instanceId, ExecutionId: executionId },
        Name: name,
        Input: input,
        ...(parentInstanceId === undefined ? {} : { InstanceId: parentInstanceId }),
      }),
    ],
    nextSequence: 0,
    actionSignatures: [],
    pendingActivities: [],
    pendingTimers: [],
    pendingChildren: [],
    retries: {},
  };
}

/** A GUID as .NET's `ToString("N")` writes it: 32 hex digits, no dashes. */
function compactGuid(): string {
  return randomUUID().replaceAll('-', '');
}

function parseText(json: string | null): string {
  if (json === null) return '';
  const value = JSON.parse(json) as unknown;
  return typeof value === 'string' ? value : json;
}

/** For work nobody waits for: `#enqueue` has logged its failure. */
function loggedAlready(): void {
  return undefined;
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

export { randomUUID as newInstanceId };
