import { setTimeout as sleep } from 'node:timers/promises';
import type { InvocationContext } from '@azure/functions';
import type { RegisteredFunction } from '../functions-core';
import { EventType, type HistoryEvent } from './history';
import type { InstanceRecord } from './instance-record';
import {
  actionSignature,
  flattenActions,
  toEpisodeOutcome,
  type EpisodeOutcome,
  type LeafAction,
} from './orchestrator-state';
import { hostTimerSettings } from './scheduling';

/** What replaying one episode gave, once its determinism is checked. */
export type EpisodeReplay =
  | { kind: 'non-deterministic'; detail: string }
  | {
      kind: 'replayed';
      outcome: EpisodeOutcome;
      /** Every leaf action since the execution started, in the SDK's numbering order. */
      leaves: LeafAction[];
      signatures: string[];
    };

/**
 * Runs the orchestrator over `history` twice and compares the runs with each other and the actions
 * with the previous episodes' (`record.actionSignatures`). Azure would only show either difference as
 * a stuck or broken instance.
 */
export async function replayEpisode(
  fn: RegisteredFunction,
  record: Pick<InstanceRecord, 'instanceId' | 'input' | 'parent' | 'actionSignatures'>,
  history: HistoryEvent[],
  createContext: (fn: RegisteredFunction) => InvocationContext,
): Promise<EpisodeReplay> {
  const first = await invokeOrchestrator(fn, record, history, createContext);
  // A second run over the same history must produce the same result; see DURABLE-LOCAL.md.
  await sleep(1);
  const second = await invokeOrchestrator(fn, record, history, createContext);
  if (JSON.stringify(first) !== JSON.stringify(second)) {
    return {
      kind: 'non-deterministic',
      detail: 'two runs over the same history produced different results',
    };
  }
  const leaves = flattenActions(first.state?.actions);
  const signatures = leaves.map(actionSignature);
  const known = record.actionSignatures;
  const diverged = known.findIndex((signature, i) => signatures[i] !== signature);
  if (diverged >= 0) {
    return {
      kind: 'non-deterministic',
      detail: `action ${String(diverged + 1)} differs from the previous episode (was ${known[diverged] ?? '?'}, now ${signatures[diverged] ?? 'missing'})`,
    };
  }
  return { kind: 'replayed', outcome: first, leaves, signatures };
}

/**
 * How many leaf actions the orchestrator has asked for after taking each of the last `count` events
 * of `history` in turn (the last one is `allLeaves`, from the full replay). The SDK resumes the
 * orchestrator after every event and numbers the host's work for an event (a retry timer, a long
 * timer's next slice) before the actions the orchestrator then adds, so an episode with several
 * new events is numbered event by event. One run per event before the last.
 */
export async function leafCountsAfterEachEvent(
  fn: RegisteredFunction,
  record: Pick<InstanceRecord, 'instanceId' | 'input' | 'parent'>,
  history: HistoryEvent[],
  count: number,
  allLeaves: number,
  createContext: (fn: RegisteredFunction) => InvocationContext,
): Promise<number[]> {
  const counts: number[] = [];
  for (let taken = 1; taken < count; taken++) {
    const prefix = history.slice(0, history.length - count + taken);
    const outcome = await invokeOrchestrator(fn, record, prefix, createContext);
    counts.push(flattenActions(outcome.state?.actions).length);
  }
  counts.push(allLeaves);
  return counts;
}

/** Runs the orchestrator once over `history`, as the host calls it for one episode. */
export async function invokeOrchestrator(
  fn: RegisteredFunction,
  record: Pick<InstanceRecord, 'instanceId' | 'input' | 'parent'>,
  history: HistoryEvent[],
  createContext: (fn: RegisteredFunction) => InvocationContext,
): Promise<EpisodeOutcome> {
  const payload = {
    history: history.map(asTheExtensionSendsIt),
    input: JSON.parse(record.input) as unknown,
    instanceId: record.instanceId,
    isReplaying: history.some((e) => e.EventType === EventType.OrchestratorCompleted),
    parentInstanceId: record.parent?.instanceId ?? null,
    sourceInstanceId: null,
    // 3 is the SDK's ReplaySchema.V4, as extension 3.19.0 offers it (DURABLE-REAL.md, trigger value).
    upperSchemaVersion: 1,
    upperSchemaVersionNew: 3,
    ...hostTimerSettings,
    defaultHttpAsyncRequestSleepTimeMillseconds: 30000,
  };
  // The SDK reads Timestamp fields as Dates in place, so every run gets its own copy of the history.
  const [result] = await Promise.allSettled([
    fn.callback(structuredClone(payload), createContext(fn)),
  ]);
  return toEpisodeOutcome(result);
}

/**
 * The Azure Storage provider keeps no inputs of scheduled work, so the orchestrator gets them as
 * null (DURABLE-REAL.md, history events); the engine keeps them to run the work.
 */
function asTheExtensionSendsIt(
  event: HistoryEvent,
): HistoryEvent | (Omit<HistoryEvent, 'Input'> & { Input: null }) {
  return event.EventType === EventType.TaskScheduled ||
    event.EventType === EventType.SubOrchestrationInstanceCreated
    ? { ...event, Input: null }
    : event;
}
