import { registeredFunctions, type RegisteredFunction } from '../../local/functions-core';
// functions-core must load first: it installs the worker hook that lets the SDK register functions.
import { InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import type { OrchestrationContext } from 'durable-functions';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../local/clock';
import { DurableEngine } from '../../local/durable/engine';
import { replayEpisode } from '../../local/durable/episode';
import { EventType, historyEvent, type HistoryEvent } from '../../local/durable/history';
import { MemoryInstanceStore } from '../../local/durable/instance-store';
import { quietLogger } from '../../local/runtime-logger';

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

const conformanceChild = df.app.orchestration(
  'conformanceChild',
  function* (context: OrchestrationContext) {
    const echoed: unknown = yield conformanceEcho(context.df.instanceId);
    return echoed;
  },
);

df.app.orchestration('conformanceParent', function* () {
  const child: unknown = yield conformanceChild(null);
  return child;
});

df.app.orchestration('conformanceCounter', function* (context: OrchestrationContext) {
  const count = context.df.getInput<number>();
  yield conformanceEcho(count);
  if (count < 2) {
    context.df.continueAsNew(count + 1);
    return undefined;
  }
  return count;
});

df.app.orchestration('conformanceFailing', function* () {
  yield conformanceEcho('before failing');
  throw new Error('the orchestrator gave up');
});

/** An activity held until the test lets it finish: it is still running while other things arrive. */
const held = { running: 0, release: (): void => undefined, gate: Promise.resolve() };
function hold(): void {
  held.gate = new Promise<void>((resolve) => {
    held.release = resolve;
  });
}
const attempts = new Map<string, number>();
const conformanceHeld = df.app.activity('conformanceHeld', {
  handler: async (input: { key: string; failFirst: boolean }) => {
    held.running++;
    await held.gate;
    const attempt = (attempts.get(input.key) ?? 0) + 1;
    attempts.set(input.key, attempt);
    if (input.failFirst && attempt === 1) throw new Error('the first attempt fails');
    return `${input.key}: attempt ${String(attempt)}`;
  },
});

df.app.orchestration('conformanceHeldThenWait', function* (context: OrchestrationContext) {
  const result: unknown = yield conformanceHeld({ key: context.df.instanceId, failFirst: false });
  const signal: unknown = yield context.df.waitForExternalEvent('Go');
  return { result, signal };
});

df.app.orchestration('conformanceTwoSignals', function* (context: OrchestrationContext) {
  const first: unknown = yield context.df.waitForExternalEvent('Go');
  const second: unknown = yield context.df.waitForExternalEvent('Go');
  return [first, second];
});

// The event wins the race; the orchestrator calls another activity at once, while the retried
// activity's failure, delivered with the event, makes the host set a retry timer.
df.app.orchestration('conformanceRaceRetry', function* (context: OrchestrationContext) {
  const flaky = context.df.callActivityWithRetry('conformanceHeld', new df.RetryOptions(1000, 2), {
    key: context.df.instanceId,
    failFirst: true,
  });
  const go = context.df.waitForExternalEvent('Go');
  yield context.df.Task.any([go, flaky]);
  const echoed: unknown = yield conformanceEcho('after go');
  const result: unknown = yield flaky;
  return { echoed, result };
});

df.app.orchestration('conformanceTimer', function* (context: OrchestrationContext) {
  const fireAt = new Date(context.df.currentUtcDateTime.getTime() + context.df.getInput<number>());
  yield context.df.createTimer(fireAt);
  return { fireAt: fireAt.toISOString(), woke: context.df.currentUtcDateTime.toISOString() };
});

df.app.orchestration('conformanceScheduled', function* (context: OrchestrationContext) {
  const echoed: unknown = yield conformanceEcho('text');
  const child: unknown = yield conformanceChild('child input');
  yield context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + 2000));
  return { echoed, child };
});

function registered(name: string): RegisteredFunction {
  const fn = registeredFunctions().get(name);
  if (fn === undefined) throw new Error(`${name} did not register`);
  return fn;
}

let engine: DurableEngine | undefined;

afterEach(async () => {
  await engine?.dispose();
  engine = undefined;
});

function startEngine(
  clock = new VirtualClock(start),
  functions: ReadonlyMap<string, RegisteredFunction> = registeredFunctions(),
): DurableEngine {
  engine = new DurableEngine({
    functions,
    clock,
    store: new MemoryInstanceStore(),
    logger: quietLogger,
    createContext: contextFor,
  });
  return engine;
}

function historyOf(id: string): HistoryEvent[] {
  return engine?.getStatus(id, true)?.history ?? [];
}

function executionIdOf(id: string): string | undefined {
  return historyOf(id).find((e) => e.EventType === EventType.ExecutionStarted)
    ?.OrchestrationInstance?.ExecutionId;
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

describe('executions', () => {
  const dashed = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  const compact = /^[0-9a-f]{32}$/;

  it('gives each start its own execution id, a GUID with dashes as the extension client does, in ExecutionStarted.OrchestrationInstance', async () => {
    const durable = startEngine();
    await durable.startNew('conformanceCounter', 'counted', 2);
    await durable.settle();
    const first = executionIdOf('counted');
    expect(first).toMatch(dashed);
    expect(historyOf('counted')[1]?.OrchestrationInstance).toEqual({
      InstanceId: 'counted',
      ExecutionId: first,
    });
    // Starting the finished instance again is a new execution.
    await durable.startNew('conformanceCounter', 'counted', 2);
    await durable.settle();
    expect(executionIdOf('counted')).toMatch(dashed);
    expect(executionIdOf('counted')).not.toBe(first);
  });

  it('gives the execution after continue-as-new a new id, without dashes as DTFx writes it', async () => {
    const durable = startEngine();
    await durable.startNew('conformanceCounter', 'continued', 0);
    await durable.settle();
    expect(durable.getStatus('continued')).toMatchObject({ runtimeStatus: 'Completed', output: 2 });
    expect(executionIdOf('continued')).toMatch(compact);
  });

  it('names an unnamed sub-orchestration {parent ExecutionId}:{seq} and gives it a compact execution id, as DTFx does', async () => {
    const durable = startEngine();
    await durable.startNew('conformanceParent', 'parent', null);
    await durable.settle();
    const childId = `${String(executionIdOf('parent'))}:0`;
    expect(durable.getStatus('parent')).toMatchObject({
      runtimeStatus: 'Completed',
      output: childId,
    });
    expect(executionIdOf(childId)).toMatch(compact);
  });
});

describe('the end of an execution', () => {
  const tail = (id: string): [number, number][] =>
    historyOf(id)
      .slice(-3)
      .map((e) => [e.EventType, e.EventId]);

  it('numbers ExecutionCompleted with the next sequence number and closes the episode after it, as the extension does when an orchestration completes', async () => {
    const durable = startEngine();
    await durable.startNew('conformanceEchoThenWait', 'completes', 'hi');
    await durable.settle();
    await durable.raiseEvent('completes', 'Go', 'now');
    await durable.settle();
    expect(durable.getStatus('completes')?.runtimeStatus).toBe('Completed');
    expect(tail('completes')).toEqual([
      [EventType.EventRaised, -1],
      [EventType.ExecutionCompleted, 1],
      [EventType.OrchestratorCompleted, -1],
    ]);
  });

  it('does the same when the orchestrator fails (the extension recorded EventId 1 after one activity)', async () => {
    const durable = startEngine();
    await durable.startNew('conformanceFailing', 'fails', null);
    await durable.settle();
    expect(durable.getStatus('fails')?.runtimeStatus).toBe('Failed');
    expect(tail('fails')).toEqual([
      [EventType.TaskCompleted, -1],
      [EventType.ExecutionCompleted, 1],
      [EventType.OrchestratorCompleted, -1],
    ]);
  });
});

/** Resolves once the held activity has been entered `count` times in all. */
async function heldRunning(count: number): Promise<void> {
  while (held.running < count) await new Promise((resolve) => setImmediate(resolve));
}

/** The new events of each episode: what follows each OrchestratorStarted and came in. */
function episodesOf(id: string): number[][] {
  const incoming: readonly number[] = [
    EventType.ExecutionStarted,
    EventType.TaskCompleted,
    EventType.TaskFailed,
    EventType.TimerFired,
    EventType.EventRaised,
  ];
  const episodes: number[][] = [];
  for (const event of historyOf(id)) {
    if (event.EventType === EventType.OrchestratorStarted) episodes.push([]);
    else if (incoming.includes(event.EventType)) episodes.at(-1)?.push(event.EventType);
  }
  return episodes;
}

describe('events that arrive together', () => {
  it('delivers an event raised while an activity runs together with its result, [EventRaised, TaskCompleted], as the extension did', async () => {
    const durable = startEngine();
    hold();
    const before = held.running;
    await durable.startNew('conformanceHeldThenWait', 'early', null);
    await heldRunning(before + 1);
    await durable.raiseEvent('early', 'Go', 'early-bird');
    held.release();
    await durable.settle();
    expect(durable.getStatus('early')).toMatchObject({
      runtimeStatus: 'Completed',
      output: { result: 'early: attempt 1', signal: 'early-bird' },
    });
    expect(episodesOf('early')).toEqual([
      [EventType.ExecutionStarted],
      [EventType.EventRaised, EventType.TaskCompleted],
    ]);
  });

  it('delivers two events raised back to back in one episode', async () => {
    const durable = startEngine();
    await durable.startNew('conformanceTwoSignals', 'two', null);
    await durable.settle();
    await durable.raiseEvent('two', 'Go', 1);
    await durable.raiseEvent('two', 'Go', 2);
    await durable.settle();
    expect(durable.getStatus('two')).toMatchObject({ runtimeStatus: 'Completed', output: [1, 2] });
    expect(episodesOf('two')).toEqual([
      [EventType.ExecutionStarted],
      [EventType.EventRaised, EventType.EventRaised],
    ]);
  });

  it('numbers the actions an event starts before the retry timer of a failure delivered after it, as the SDK does', async () => {
    const clock = new VirtualClock(start);
    const durable = startEngine(clock);
    hold();
    const before = held.running;
    await durable.startNew('conformanceRaceRetry', 'race', null);
    await heldRunning(before + 1);
    await durable.raiseEvent('race', 'Go', true);
    held.release();
    await durable.settle();
    // The echo's result then comes on its own, while the retry timer runs.
    expect(episodesOf('race')).toEqual([
      [EventType.ExecutionStarted],
      [EventType.EventRaised, EventType.TaskFailed],
      [EventType.TaskCompleted],
    ]);
    const scheduled = historyOf('race')
      .filter(
        (e) => e.EventType === EventType.TaskScheduled || e.EventType === EventType.TimerCreated,
      )
      .map((e) => [e.EventType, e.EventId, e.Name ?? null]);
    expect(scheduled).toEqual([
      [EventType.TaskScheduled, 0, 'conformanceHeld'],
      [EventType.TaskScheduled, 1, 'conformanceEcho'],
      [EventType.TimerCreated, 2, null],
    ]);
    await clock.advanceTo(new Date(start.getTime() + 1000), () => durable.settle());
    expect(durable.getStatus('race')).toMatchObject({
      runtimeStatus: 'Completed',
      output: { echoed: 'after go', result: 'race: attempt 2' },
    });
  });
});

describe('timers', () => {
  const at = (ms: number): Date => new Date(start.getTime() + ms);

  it('fires a timer at its FireAt rounded down to the second, so the next episode runs before FireAt, as the extension fired timers up to a second early', async () => {
    const clock = new VirtualClock(start);
    const durable = startEngine(clock);
    await durable.startNew('conformanceTimer', 'early-timer', 2500);
    await durable.settle();
    await clock.advanceTo(at(1999), () => durable.settle());
    expect(durable.getStatus('early-timer')?.runtimeStatus).toBe('Running');
    await clock.advanceTo(at(2000), () => durable.settle());
    expect(durable.getStatus('early-timer')).toMatchObject({
      runtimeStatus: 'Completed',
      output: { fireAt: at(2500).toISOString(), woke: at(2000).toISOString() },
    });
  });

  it('fires a timer due within the second it was created in at its FireAt, so time moves on', async () => {
    const clock = new VirtualClock(start);
    const durable = startEngine(clock);
    await durable.startNew('conformanceTimer', 'short-timer', 500);
    await durable.settle();
    await clock.advanceTo(at(499), () => durable.settle());
    expect(durable.getStatus('short-timer')?.runtimeStatus).toBe('Running');
    await clock.advanceTo(at(500), () => durable.settle());
    expect(durable.getStatus('short-timer')).toMatchObject({
      runtimeStatus: 'Completed',
      output: { woke: at(500).toISOString() },
    });
  });
});

describe('what the orchestrator is handed', () => {
  it('stamps TimerFired with the time the timer was created and leaves the inputs of scheduled work null, as the extension does', async () => {
    const fn = registered('conformanceScheduled');
    const histories: HistoryEvent[][] = [];
    const functions = new Map(registeredFunctions());
    functions.set(fn.name, {
      ...fn,
      callback: (payload, ...rest) => {
        histories.push(structuredClone((payload as { history: HistoryEvent[] }).history));
        return fn.callback(payload, ...rest);
      },
    });
    const clock = new VirtualClock(start);
    const durable = startEngine(clock, functions);
    await durable.startNew('conformanceScheduled', 'handed', null);
    await durable.settle();
    await clock.advanceTo(new Date(start.getTime() + 2000), () => durable.settle());
    const childId = `${String(executionIdOf('handed'))}:1`;
    expect(durable.getStatus('handed')).toMatchObject({
      runtimeStatus: 'Completed',
      output: { echoed: 'text', child: childId },
    });
    const last = histories.at(-1) ?? [];
    const pick = (type: number): HistoryEvent | undefined => last.find((e) => e.EventType === type);
    expect(pick(EventType.TaskScheduled)?.Input).toBeNull();
    expect(pick(EventType.SubOrchestrationInstanceCreated)?.Input).toBeNull();
    expect(pick(EventType.TimerFired)?.Timestamp).toBe(start.toISOString());
    expect(pick(EventType.TimerCreated)?.Timestamp).toBe(start.toISOString());
    // The engine still ran the work with its inputs: the child was given its own.
    expect(durable.getStatus(childId)?.input).toBe('child input');
  });
});
