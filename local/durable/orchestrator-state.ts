import { ActionType } from './history';

/** The part of the SDK's `OrchestratorState` the host reads. */
export interface OrchestratorState {
  isDone: boolean;
  /** From schema V2 on, one group holding every action since the start. */
  actions: unknown[][];
  /** The replay schema the SDK answered with: the one the host offered (3, V4). */
  schemaVersion: number;
  output?: unknown;
  error?: string;
  customStatus?: unknown;
}

/** One action the orchestrator asked for, with compound actions (`Task.any`/`Task.all`) flattened. */
export interface LeafAction {
  actionType: number;
  functionName?: string;
  input?: unknown;
  instanceId?: string;
  fireAt?: string;
  externalEventName?: string;
  retryOptions?: unknown;
  /** A timer the orchestrator cancelled (`timer.cancel()` after a `Task.any` it lost). */
  isCanceled?: boolean;
}

const outOfProcLabel = '$OutOfProcData$:';

/** What one run of the orchestrator callback produced. */
export type EpisodeOutcome =
  | { kind: 'state'; state: OrchestratorState }
  | { kind: 'failed'; message: string; state: OrchestratorState | undefined };

/** Reads the callback's result or the state the SDK embeds in the message of the error it throws. */
export function toEpisodeOutcome(result: PromiseSettledResult<unknown>): EpisodeOutcome {
  if (result.status === 'fulfilled') {
    return { kind: 'state', state: result.value as OrchestratorState };
  }
  const message = result.reason instanceof Error ? result.reason.message : String(result.reason);
  const at = message.indexOf(outOfProcLabel);
  if (at < 0) {
    return { kind: 'failed', message, state: undefined };
  }
  const state = JSON.parse(message.slice(at + outOfProcLabel.length)) as OrchestratorState;
  return { kind: 'failed', message: state.error ?? message.slice(0, at).trim(), state };
}

/** Flattens the action tree (schema V3 and V4 alike) depth-first: that is the order in which the SDK numbers its tasks. */
export function flattenActions(actions: unknown[][] | undefined): LeafAction[] {
  const leaves: LeafAction[] = [];
  const visit = (action: unknown): void => {
    const a = action as LeafAction & { compoundActions?: unknown[] };
    if (a.actionType === ActionType.WhenAll || a.actionType === ActionType.WhenAny) {
      for (const child of a.compoundActions ?? []) visit(child);
      return;
    }
    leaves.push(a);
  };
  for (const group of actions ?? []) {
    for (const action of group) visit(action);
  }
  return leaves;
}

/**
 * A stable description of an action, for checking that replay asks for the same things in the same
 * order. A timer's cancel flag changes legitimately between episodes, so it is left out.
 */
export function actionSignature(action: LeafAction): string {
  return JSON.stringify([
    action.actionType,
    action.functionName ?? null,
    action.instanceId ?? null,
    action.fireAt ?? null,
    action.externalEventName ?? null,
    action.input ?? null,
  ]);
}
