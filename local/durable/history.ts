import { z } from 'zod';

/** DTFx history event types, as the Durable extension serialises them for out-of-process workers. */
export const EventType = {
  ExecutionStarted: 0,
  ExecutionCompleted: 1,
  ExecutionFailed: 2,
  ExecutionTerminated: 3,
  TaskScheduled: 4,
  TaskCompleted: 5,
  TaskFailed: 6,
  SubOrchestrationInstanceCreated: 7,
  SubOrchestrationInstanceCompleted: 8,
  SubOrchestrationInstanceFailed: 9,
  TimerCreated: 10,
  TimerFired: 11,
  OrchestratorStarted: 12,
  OrchestratorCompleted: 13,
  EventRaised: 15,
  ContinueAsNew: 16,
  ExecutionSuspended: 19,
  ExecutionResumed: 20,
} as const;

const timestamp = z.iso.datetime();

/** A history event in the PascalCase JSON the SDK's replay reads. */
export const historyEventSchema = z.object({
  EventType: z.int(),
  EventId: z.int(),
  IsPlayed: z.boolean(),
  Timestamp: timestamp,
  Name: z.string().exactOptional(),
  Input: z.string().exactOptional(),
  Result: z.string().exactOptional(),
  Reason: z.string().exactOptional(),
  Details: z.string().exactOptional(),
  TaskScheduledId: z.int().exactOptional(),
  TimerId: z.int().exactOptional(),
  FireAt: timestamp.exactOptional(),
  InstanceId: z.string().exactOptional(),
  /** On ExecutionStarted: the instance and the execution this history belongs to. */
  OrchestrationInstance: z
    .object({ InstanceId: z.string(), ExecutionId: z.string() })
    .exactOptional(),
  OrchestrationStatus: z.string().exactOptional(),
});
export type HistoryEvent = z.infer<typeof historyEventSchema>;

/** Builds a history event; `EventId` is the sequence number on scheduling events and -1 elsewhere. */
export function historyEvent(
  type: number,
  timestamp: Date,
  fields: Omit<Partial<HistoryEvent>, 'EventType' | 'Timestamp' | 'IsPlayed'> = {},
): HistoryEvent {
  return {
    EventType: type,
    EventId: -1,
    IsPlayed: false,
    Timestamp: timestamp.toISOString(),
    ...fields,
  };
}

/** Action types the SDK emits (`ActionType` in durable-functions). */
export const ActionType = {
  CallActivity: 0,
  CallActivityWithRetry: 1,
  CallSubOrchestrator: 2,
  CallSubOrchestratorWithRetry: 3,
  ContinueAsNew: 4,
  CreateTimer: 5,
  WaitForExternalEvent: 6,
  CallEntity: 7,
  CallHttp: 8,
  SignalEntity: 9,
  WhenAny: 11,
  WhenAll: 12,
  LockEntities: 13,
  ReleaseEntities: 14,
} as const;

/** Runtime statuses as the durable client API reports them. */
export const runtimeStatusSchema = z.enum([
  'Pending',
  'Running',
  'Completed',
  'ContinuedAsNew',
  'Failed',
  'Terminated',
  'Suspended',
]);
export type RuntimeStatus = z.infer<typeof runtimeStatusSchema>;

/** True for a status after which the instance never runs again. */
export function isTerminal(status: RuntimeStatus): boolean {
  return status === 'Completed' || status === 'Failed' || status === 'Terminated';
}
