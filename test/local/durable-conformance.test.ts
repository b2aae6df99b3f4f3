import { registeredFunctions, type RegisteredFunction } from '../../local/functions-core';
// functions-core must load first: it installs the worker hook that lets the SDK register functions.
import { InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import type { OrchestrationContext } from 'durable-functions';
import { describe, expect, it } from 'vitest';
import { replayEpisode } from '../../local/durable/episode';
import { EventType, historyEvent } from '../../local/durable/history';

// The local engine against what the Durable Task extension 3.19.0 on Azure Storage was seen to do
// (DURABLE-REAL.md, "The protocol as the real extension 3.19.0 speaks it"); each test names the
// behaviour it reproduces.

const start = new Date('2026-10-05T08:00:00.000Z');

const conformanceEcho = df.app.activity('conformanceEcho', {
  handler: (input: unknown) => input,
});

df.app.orchestration('conformanceEchoThenWait', function* (context: OrchestrationContext) {
  const echoed: unknown = yield conformanceEcho(context.df.getInput());
  const signal: unknown = yield context.df.waitForExternalEvent('Go');
  return { echoed, signal };
});

function registered(name: string): RegisteredFunction {
  const fn = registeredFunctions().get(name);
  if (fn === undefined) throw new Error(`${name} did not register`);
  return fn;
}

const contextFor = (fn: RegisteredFunction): InvocationContext =>
  new InvocationContext({ functionName: fn.name });

describe('the orchestrator trigger payload', () => {
  it('offers replay schema V4 with a null sourceInstanceId, as extension 3.19.0 does, and reads the SDK answering schemaVersion 3 with one group of actions', async () => {
    const fn = registered('conformanceEchoThenWait');
    const payloads: Record<string, unknown>[] = [];
    const watched: RegisteredFunction = {
      ...fn,
      callback: (payload, ...rest) => {
        payloads.push(payload as Record<string, unknown>);
        return fn.callback(payload, ...rest);
      },
    };
    const replay = await replayEpisode(
      watched,
      { instanceId: 'schema', input: '"hi"', actionSignatures: [] },
      [
        historyEvent(EventType.OrchestratorStarted, start),
        historyEvent(EventType.ExecutionStarted, start, {
          Name: 'conformanceEchoThenWait',
          Input: '"hi"',
        }),
      ],
      contextFor,
    );
    expect(payloads[0]).toMatchObject({
      sourceInstanceId: null,
      parentInstanceId: null,
      upperSchemaVersion: 1,
      upperSchemaVersionNew: 3,
    });
    if (replay.kind !== 'replayed') throw new Error(replay.detail);
    expect(replay.outcome.state?.schemaVersion).toBe(3);
    expect(replay.outcome.state?.actions).toHaveLength(1);
    expect(replay.leaves.map((leaf) => leaf.functionName)).toEqual(['conformanceEcho']);
  });
});
