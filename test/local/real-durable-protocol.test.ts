// The local Durable engine against the real one: the same orchestrations, in the shapes the
// migration orchestrators use, run on local/durable/ and on the real Durable Task extension
// (local/real-durable/, built by npm test before the tests), and their histories compared by
// shape. Where the two differ by design, DURABLE-REAL.md ("Differences from local/durable/")
// names the row; each difference met here is either normalised with that name or asserted.
import { startLocalRuntime, type LocalRuntime } from '../../local/runtime';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { TableClient, odata } from '@azure/data-tables';
import { InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../local/clock';
import { durableClientBinding } from '../../local/durable/client-api';
import { EventType, type HistoryEvent } from '../../local/durable/history';
import { startRealEngine, type RealEngine } from '../../local/real-durable/real-engine';
import type { RuntimeLogger } from '../../local/runtime-logger';

const appFolder = fileURLToPath(new URL('../apps/durable-protocol/', import.meta.url));
const appFile = fileURLToPath(new URL('../apps/durable-protocol/app.ts', import.meta.url));

/** One history event, as both engines can tell it: what it is and the sequence number it takes or answers. */
interface EventFacts {
  type: string;
  EventId: number;
  Name?: string | undefined;
  TaskScheduledId?: number | undefined;
  TimerId?: number | undefined;
  InstanceId?: string | undefined;
  OrchestrationStatus?: string | undefined;
  Reason?: string | undefined;
  Input?: string | undefined;
}

interface Engine {
  readonly client: df.DurableClient;
  /** Until the instance's status passes `until`; the local engine settles and moves its virtual clock on. */
  waitFor(
    id: string,
    until: (status: df.DurableOrchestrationStatus) => boolean,
  ): Promise<df.DurableOrchestrationStatus>;
  history(id: string): Promise<EventFacts[]>;
}

const names = Object.fromEntries(Object.entries(EventType).map(([name, type]) => [type, name]));

/**
 * The episode markers go: both engines deliver what waits for an instance in one episode, but what
 * happens to be waiting depends on timing (queue polling on the real one), so only the order of the
 * events themselves is compared. IsPlayed, timestamps and payloads are not compared either (rows
 * "IsPlayed", "TimerFired.Timestamp", "timer precision", "context fields").
 */
function shapeOf(history: readonly EventFacts[]): string[] {
  return history.flatMap((e) => {
    switch (e.type) {
      case 'OrchestratorStarted':
      case 'OrchestratorCompleted':
        return [];
      case 'ExecutionStarted':
        return [`ExecutionStarted ${e.Name ?? ''}`];
      case 'TaskScheduled':
        return [`TaskScheduled #${String(e.EventId)} ${e.Name ?? ''}`];
      case 'TimerCreated':
        return [`TimerCreated #${String(e.EventId)}`];
      case 'SubOrchestrationInstanceCreated':
        return [
          `SubOrchestrationInstanceCreated #${String(e.EventId)} ${e.Name ?? ''} ${e.InstanceId ?? ''}`,
        ];
      case 'TaskCompleted':
      case 'TaskFailed':
      case 'SubOrchestrationInstanceCompleted':
      case 'SubOrchestrationInstanceFailed':
        return [`${e.type} of #${String(e.TaskScheduledId)}`];
      case 'TimerFired':
        return [`TimerFired of #${String(e.TimerId)}`];
      case 'EventRaised':
        return [`EventRaised ${e.Name ?? ''}`];
      case 'ExecutionCompleted':
        // Its EventId differs between the engines: asserted on its own below.
        return [`ExecutionCompleted ${e.OrchestrationStatus ?? ''}`];
      default:
        return [`${e.type} #${String(e.EventId)}`];
    }
  });
}

function clientFor(binding: Readonly<Record<string, unknown>>): df.DurableClient {
  // What the Functions host hands a client function: a durableClient input bound to this JSON.
  const input = df.input.durableClient();
  const context = new InvocationContext({ options: { extraInputs: [input] } });
  context.extraInputs.set(input, binding);
  return df.getClient(context);
}

/** Keeps the host's log for the failure messages, instead of printing it in passing runs. */
function collectingLogger(lines: string[]): RuntimeLogger {
  const keep = (line: string): void => {
    lines.push(line);
  };
  return { info: keep, warn: keep, error: keep };
}

function localEngine(rt: LocalRuntime, log: readonly string[]): Engine {
  const client = clientFor(durableClientBinding(rt.durableOrigin, 'LocalTaskHub'));
  return {
    client,
    async waitFor(id, until) {
      const limitMs = 10 * 60_000;
      for (let waitedMs = 0; ; waitedMs += 1000) {
        await rt.settle();
        const status = await client.getStatus(id);
        if (until(status)) return status;
        if (waitedMs >= limitMs) {
          throw new Error(
            `${id} got nowhere in ${String(limitMs)} virtual ms: ${JSON.stringify(status)}\n${log.join('\n')}`,
          );
        }
        await rt.advance(1000);
      }
    },
    history(id) {
      const history: HistoryEvent[] = rt.engine.getStatus(id, true)?.history ?? [];
      return Promise.resolve(
        history.map((e) => ({ ...e, type: names[e.EventType] ?? String(e.EventType) })),
      );
    },
  };
}

function realEngine(engine: RealEngine, log: readonly string[]): Engine {
  const client = clientFor(engine.clientBinding);
  const table = TableClient.fromConnectionString(
    engine.azurite.connectionString,
    `${engine.taskHubName}History`,
    { allowInsecureConnection: true },
  );
  return {
    client,
    async waitFor(id, until) {
      const limitMs = 30_000;
      const started = performance.now();
      for (;;) {
        const status = await client.getStatus(id);
        if (until(status)) return status;
        if (performance.now() - started > limitMs) {
          throw new Error(
            `${id} got nowhere in ${String(limitMs)} ms: ${JSON.stringify(status)}\n${log.join('\n')}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async history(id) {
      // The extension's own record: one row per event, in order, plus a sentinel row per instance.
      const rows: (EventFacts & { rowKey: string })[] = [];
      const entities = table.listEntities({
        queryOptions: { filter: odata`PartitionKey eq ${id}` },
      });
      for await (const row of entities) {
        if (typeof row.EventType !== 'string') continue;
        rows.push({
          rowKey: row.rowKey ?? '',
          type: row.EventType,
          EventId: Number(row.EventId),
          Name: optionalText(row.Name),
          TaskScheduledId: optionalNumber(row.TaskScheduledId),
          TimerId: optionalNumber(row.TimerId),
          InstanceId: optionalText(row.InstanceId),
          OrchestrationStatus: optionalText(row.OrchestrationStatus),
          Reason: optionalText(row.Reason),
          Input: optionalText(row.Input),
        });
      }
      // Row keys are the event's position in hexadecimal.
      return rows.sort((a, b) => Number.parseInt(a.rowKey, 16) - Number.parseInt(b.rowKey, 16));
    },
  };
}

function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function optionalNumber(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

const finished = (status: df.DurableOrchestrationStatus): boolean =>
  ['Completed', 'Failed', 'Terminated'].includes(status.runtimeStatus);

let runtime: LocalRuntime | undefined;
let real: RealEngine | undefined;
const localLog: string[] = [];
const realLog: string[] = [];
let engines: { local: Engine; real: Engine };

beforeAll(async () => {
  // One host for the whole file: starting it takes seconds.
  const [local, remote] = await Promise.allSettled([
    startLocalRuntime({
      entryFiles: [appFile],
      clock: new VirtualClock(),
      logger: collectingLogger(localLog),
    }),
    startRealEngine({
      scriptRoot: appFolder,
      entryFiles: [appFile],
      logger: collectingLogger(realLog),
    }),
  ]);
  // Whichever started is closed by afterAll, even when the other did not.
  if (local.status === 'fulfilled') runtime = local.value;
  if (remote.status === 'fulfilled') real = remote.value;
  if (local.status === 'rejected') throw local.reason;
  if (remote.status === 'rejected') throw remote.reason;
  engines = { local: localEngine(local.value, localLog), real: realEngine(remote.value, realLog) };
});

afterAll(async () => {
  await Promise.all([runtime?.close(), real?.close()]);
});

/** Runs `drive` on both engines at once; resolves with each engine's final status and history. */
async function onBoth(
  drive: (engine: Engine) => Promise<df.DurableOrchestrationStatus>,
  id: string,
): Promise<{
  status: Record<'local' | 'real', df.DurableOrchestrationStatus>;
  history: Record<'local' | 'real', EventFacts[]>;
}> {
  const [local, remote] = await Promise.all([drive(engines.local), drive(engines.real)]);
  const [localHistory, realHistory] = await Promise.all([
    engines.local.history(id),
    engines.real.history(id),
  ]);
  return {
    status: { local, real: remote },
    history: { local: localHistory, real: realHistory },
  };
}

/** Starts `name` with `input` under `id` and waits until it has finished. */
function run(name: string, id: string, input: unknown) {
  return onBoth(async (engine) => {
    await engine.client.startNew(name, { instanceId: id, input });
    return engine.waitFor(id, finished);
  }, id);
}

function expectShape(
  history: Record<'local' | 'real', EventFacts[]>,
  expected: readonly string[],
): void {
  expect({ local: shapeOf(history.local), real: shapeOf(history.real) }).toEqual({
    local: expected,
    real: expected,
  });
}

describe('the local Durable engine against the real Durable Task extension', () => {
  it("configures the extension from the app's host.json, as the Functions host does", () => {
    expect(real?.taskHubName).toBe('DurableProtocol');
    expect(real?.clientBinding).toMatchObject({
      taskHubName: 'DurableProtocol',
      rpcBaseUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/durabletask\/$/),
    });
  });

  it('calls an activity', async () => {
    const { status, history } = await run('protocolActivity', 'activity-1', { n: 1 });
    expect(status.real).toMatchObject({ runtimeStatus: 'Completed', output: { n: 1 } });
    expect(status.local).toMatchObject({ runtimeStatus: 'Completed', output: { n: 1 } });
    expectShape(history, [
      'ExecutionStarted protocolActivity',
      'TaskScheduled #0 protocolEcho',
      'TaskCompleted of #0',
      'ExecutionCompleted Completed',
    ]);
  });

  it('differs from the local engine only in what the scheduling events record', async () => {
    const { history } = await run('protocolActivity', 'activity-2', 'input');
    const scheduled = {
      local: history.local.find((e) => e.type === 'TaskScheduled'),
      real: history.real.find((e) => e.type === 'TaskScheduled'),
    };
    // DURABLE-REAL.md, row "scheduled inputs": the Azure Storage backend keeps no activity input
    // in the history (StoreInputsInOrchestrationHistory is off); the local engine keeps it in its
    // own history, to run the work, and hands the orchestrator null as the extension does.
    expect({ local: scheduled.local?.Input, real: scheduled.real?.Input }).toEqual({
      local: '"input"',
      real: undefined,
    });
    // ExecutionCompleted takes the next sequence number on both (DurableTask.Core numbers the
    // completion action like any other).
    const completed = {
      local: history.local.find((e) => e.type === 'ExecutionCompleted')?.EventId,
      real: history.real.find((e) => e.type === 'ExecutionCompleted')?.EventId,
    };
    expect(completed).toEqual({ local: 1, real: 1 });
  });

  it('waits on a timer', async () => {
    const { status, history } = await run('protocolTimer', 'timer-1', null);
    expect(status.real).toMatchObject({ runtimeStatus: 'Completed', output: 'woke' });
    expect(status.local).toMatchObject({ runtimeStatus: 'Completed', output: 'woke' });
    expectShape(history, [
      'ExecutionStarted protocolTimer',
      'TimerCreated #0',
      'TimerFired of #0',
      'ExecutionCompleted Completed',
    ]);
  });

  it('takes an event that comes before its timer, and the timer takes no more turns', async () => {
    const id = 'race-event-1';
    const { status, history } = await onBoth(async (engine) => {
      await engine.client.startNew('protocolRace', {
        instanceId: id,
        input: { timeoutSeconds: 60 },
      });
      // Raised once the orchestration waits, so that no engine delivers it with its start.
      await engine.waitFor(id, (s) => s.customStatus === 'waiting');
      await engine.client.raiseEvent(id, 'Signal', { by: 'approver' });
      return engine.waitFor(id, finished);
    }, id);
    const output = { signal: { by: 'approver' } };
    expect(status.real).toMatchObject({ runtimeStatus: 'Completed', output });
    expect(status.local).toMatchObject({ runtimeStatus: 'Completed', output });
    expectShape(history, [
      'ExecutionStarted protocolRace',
      'TimerCreated #0',
      'EventRaised Signal',
      'TaskScheduled #1 protocolEcho',
      'TaskCompleted of #1',
      'ExecutionCompleted Completed',
    ]);
  });

  it('lets the timer win when the event does not come', async () => {
    const { status, history } = await run('protocolRace', 'race-timer-1', { timeoutSeconds: 2 });
    expect(status.real).toMatchObject({ runtimeStatus: 'Completed', output: 'timed out' });
    expect(status.local).toMatchObject({ runtimeStatus: 'Completed', output: 'timed out' });
    expectShape(history, [
      'ExecutionStarted protocolRace',
      'TimerCreated #0',
      'TimerFired of #0',
      'TaskScheduled #1 protocolEcho',
      'TaskCompleted of #1',
      'ExecutionCompleted Completed',
    ]);
  });

  it('runs a sub-orchestration under the id the parent gives it', async () => {
    const { status, history } = await run('protocolParent', 'parent-1', null);
    const output = { child: 'parent-1:child' };
    expect(status.real).toMatchObject({ runtimeStatus: 'Completed', output });
    expect(status.local).toMatchObject({ runtimeStatus: 'Completed', output });
    expectShape(history, [
      'ExecutionStarted protocolParent',
      'SubOrchestrationInstanceCreated #0 protocolChild parent-1:child',
      'SubOrchestrationInstanceCompleted of #0',
      'ExecutionCompleted Completed',
    ]);
    const child = {
      local: await engines.local.history('parent-1:child'),
      real: await engines.real.history('parent-1:child'),
    };
    expectShape(child, [
      'ExecutionStarted protocolChild',
      'TaskScheduled #0 protocolEcho',
      'TaskCompleted of #0',
      'ExecutionCompleted Completed',
    ]);
  });

  it('retries a failed activity after a retry timer that takes a sequence number', async () => {
    const { status, history } = await run('protocolRetry', 'retry-1', null);
    const output = 'attempt 2 of retry-1 worked';
    expect(status.real).toMatchObject({ runtimeStatus: 'Completed', output });
    expect(status.local).toMatchObject({ runtimeStatus: 'Completed', output });
    expectShape(history, [
      'ExecutionStarted protocolRetry',
      'TaskScheduled #0 protocolFlaky',
      'TaskFailed of #0',
      'TimerCreated #1',
      'TimerFired of #1',
      'TaskScheduled #2 protocolFlaky',
      'TaskCompleted of #2',
      'ExecutionCompleted Completed',
    ]);
  });

  it('hands the orchestrator the last failure once the retries are used up', async () => {
    const { status, history } = await run('protocolCaught', 'caught-1', null);
    expect(status.real.runtimeStatus).toBe('Completed');
    expect(status.local.runtimeStatus).toBe('Completed');
    expectShape(history, [
      'ExecutionStarted protocolCaught',
      'TaskScheduled #0 protocolBroken',
      'TaskFailed of #0',
      'TimerCreated #1',
      'TimerFired of #1',
      'TaskScheduled #2 protocolBroken',
      'TaskFailed of #2',
      // One more retry timer after the last attempt: the failure reaches the orchestrator when it fires.
      'TimerCreated #3',
      'TimerFired of #3',
      'ExecutionCompleted Completed',
    ]);
    // DURABLE-REAL.md, row "errors": the extension puts the text after "Exception:" in the
    // reason, with the space that follows the colon, so two spaces; the local engine words it so.
    const reasons = {
      local: history.local.filter((e) => e.type === 'TaskFailed').map((e) => e.Reason),
      real: history.real.filter((e) => e.type === 'TaskFailed').map((e) => e.Reason),
    };
    const reason = "Activity function 'protocolBroken' failed:  the activity always fails";
    expect(reasons).toEqual({ local: Array(2).fill(reason), real: Array(2).fill(reason) });
    // The SDK's error for a failed task reads `${Reason} \n ${Details}`; the first line is caught.
    expect({ local: status.local.output, real: status.real.output }).toEqual({
      local: { caught: `${reasons.local[1] ?? ''} ` },
      real: { caught: `${reasons.real[1] ?? ''} ` },
    });
  });
});
