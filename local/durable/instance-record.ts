import type { HistoryEvent, RuntimeStatus } from './history';

/** Retry settings as the SDK serialises `RetryOptions`. */
export interface RetryPolicy {
  firstRetryIntervalInMilliseconds: number;
  maxNumberOfAttempts: number;
  backoffCoefficient?: number;
  maxRetryIntervalInMilliseconds?: number;
}

/** A call the orchestrator made with a retry policy, tracked by the host between attempts. */
export interface RetryState {
  kind: 'activity' | 'orchestrator';
  name: string;
  input: string;
  /** The child instance id the orchestrator gave, for sub-orchestrations. */
  instanceId?: string;
  policy: RetryPolicy;
  /** The attempt now running or last run, from 1. */
  attempt: number;
}

/** Why a durable timer exists: the orchestrator's own, a wait between retries, or a slice of a long timer. */
export type TimerPurpose =
  { kind: 'user' } | { kind: 'retry'; retryKey: string } | { kind: 'long'; finalFireAt: string };

export interface PendingTimer {
  seq: number;
  fireAt: string;
  purpose: TimerPurpose;
}

export interface PendingActivity {
  seq: number;
  name: string;
  input: string;
  retryKey?: string;
}

export interface PendingChild {
  seq: number;
  instanceId: string;
  retryKey?: string;
}

/** Everything the local runtime knows about one orchestration instance; persisted as one JSON document. */
export interface InstanceRecord {
  instanceId: string;
  name: string;
  runtimeStatus: RuntimeStatus;
  /** JSON text of the input. */
  input: string;
  /** JSON text of the output (or of the failure message). */
  output: string | null;
  customStatus: string | null;
  createdTime: string;
  lastUpdatedTime: string;
  parent?: { instanceId: string; seq: number };
  history: HistoryEvent[];
  /** Events that arrived and are not yet part of an episode. */
  inbox: HistoryEvent[];
  /** Events held back while the instance is suspended. */
  nextSequence: number;
  /** The leaf actions of every episode so far, in the order they were first emitted. */
  actionSignatures: string[];
  pendingActivities: PendingActivity[];
  pendingTimers: PendingTimer[];
  pendingChildren: PendingChild[];
  retries: Record<string, RetryState>;
  /** Set once the parent has been told that this instance finished. */
  parentNotified?: boolean;
}
