import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../local/clock';
import { MemoryInstanceStore, type InstanceStore } from '../../local/durable/instance-store';
import { EventType, type HistoryEvent } from '../../local/durable/history';
import { quietLogger } from '../../local/runtime-logger';
import { startLocalRuntime, type LocalRuntime } from '../../local/runtime';

const sampleApp = fileURLToPath(new URL('../apps/durable-sample.ts', import.meta.url));
const hour = 3600_000;
const day = 24 * hour;

let runtime: LocalRuntime | undefined;

afterEach(async () => {
  await runtime?.close();
  runtime = undefined;
});

async function start(
  store: InstanceStore = new MemoryInstanceStore(),
  clock = new VirtualClock(),
): Promise<LocalRuntime> {
  runtime = await startLocalRuntime({ entryFiles: [sampleApp], clock, store, logger: quietLogger });
  return runtime;
}

async function post(rt: LocalRuntime, path: string, body: unknown): Promise<Response> {
  return fetch(`${rt.origin}/api/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function startSample(
  rt: LocalRuntime,
  name: string,
  id: string,
  input: unknown,
): Promise<void> {
  const response = await post(rt, `samples/${name}/${id}`, input);
  expect(response.status).toBe(202);
  expect(await response.json()).toEqual({ instanceId: id });
  await rt.settle();
}

function historyOf(rt: LocalRuntime, id: string): HistoryEvent[] {
  return rt.engine.getStatus(id, true)?.history ?? [];
}

describe('local durable runtime', () => {
  it('keeps the durable client API off the app port, on a loopback listener only the app client is given', async () => {
    const rt = await start();
    await startSample(rt, 'sampleWaitForever', 'wait-api', null);
    expect(new URL(rt.durableOrigin).hostname).toBe('127.0.0.1');
    expect(rt.durableOrigin).not.toBe(rt.origin);

    // Whatever reaches the app's port (a tunnel to Teams, say) finds no durable route there.
    for (const route of [
      '/durabletask/instances/wait-api',
      '/durabletask/instances/wait-api/raiseEvent/Go',
      '/durabletask/orchestrators/sampleWaitForever/wait-other',
      '/runtime/webhooks/durabletask/instances/wait-api/raiseEvent/Go',
    ]) {
      for (const method of ['GET', 'POST']) {
        const response = await fetch(`${rt.origin}${route}`, {
          method,
          body: method === 'POST' ? '1' : null,
        });
        expect(response.status, `${method} ${route}`).toBe(404);
      }
    }
    await rt.settle();
    expect(rt.engine.getStatus('wait-api')?.runtimeStatus).toBe('Running');
    expect(rt.engine.getStatus('wait-other')).toBeUndefined();
    // And the durable listener serves no app function.
    expect((await fetch(`${rt.durableOrigin}/api/ping`)).status).toBe(404);

    // The app's own durable client reaches it: status, event, and the orchestration goes on.
    const raised = await post(rt, 'samples-control/wait-api/raise', 'go');
    expect(raised.status).toBe(202);
    await rt.settle();
    const status = await fetch(`${rt.origin}/api/samples-control/wait-api/status`);
    expect(await status.json()).toMatchObject({ runtimeStatus: 'Completed', output: 'go' });
  });

  it('serves HTTP functions under /api with route parameters and answers 404 elsewhere', async () => {
    const rt = await start();
    const ping = await fetch(`${rt.origin}/api/ping`);
    expect(ping.status).toBe(200);
    expect(await ping.text()).toBe('pong');
    expect((await fetch(`${rt.origin}/api/nothing-here`)).status).toBe(404);
    expect((await fetch(`${rt.origin}/api/ping`, { method: 'DELETE' })).status).toBe(404);
  });

  it('runs a whole orchestration: activity, retries with backoff, a split 7-day timer, an event, a sub-orchestration and Task.all', async () => {
    const rt = await start();
    const startedAt = rt.clock.now().getTime();
    await startSample(rt, 'sampleMain', 'main-1', { key: 'k1', failTimes: 2, approvalHours: 48 });

    // The flaky activity failed once and waits on the first retry timer (1 s).
    expect(rt.engine.getStatus('main-1')?.customStatus).toEqual({ step: 'retry' });
    await rt.advance(1000);
    // Second failure: the next wait is 2 s (backoff coefficient 2).
    await rt.advance(1999);
    expect(rt.engine.getStatus('main-1')?.customStatus).toEqual({ step: 'retry' });
    await rt.advance(1);
    expect(rt.engine.getStatus('main-1')?.customStatus).toEqual({ step: 'long-timer' });

    const history = historyOf(rt, 'main-1');
    // The failure is worded as the extension words it, with two spaces after "failed:".
    expect(
      history.filter((e) => e.EventType === EventType.TaskFailed).map((e) => e.Reason),
    ).toEqual([
      "Activity function 'sampleFlaky' failed:  transient failure (2 left)",
      "Activity function 'sampleFlaky' failed:  transient failure (1 left)",
    ]);
    const retryTimers = history.filter((e) => e.EventType === EventType.TimerCreated);
    // Two retry timers, then the first 3-day slice of the 7-day timer.
    expect(retryTimers).toHaveLength(3);
    const slice = retryTimers[2];
    expect(new Date(slice?.FireAt ?? 0).getTime() - new Date(slice?.Timestamp ?? 0).getTime()).toBe(
      3 * day,
    );

    await rt.advance(6 * day);
    expect(rt.engine.getStatus('main-1')?.customStatus).toEqual({ step: 'long-timer' });
    await rt.advance(1 * day);
    expect(rt.engine.getStatus('main-1')?.customStatus).toEqual({ step: 'approval' });
    const slices = historyOf(rt, 'main-1')
      .filter((e) => e.EventType === EventType.TimerCreated)
      .slice(2, 6)
      .map((e) => new Date(e.FireAt ?? 0).getTime() - new Date(e.Timestamp).getTime());
    // Over 6 days, so 3-day slices until less than one is left, then the last day, as the
    // extension slices; then the 48-hour approval timeout.
    expect(slices).toEqual([3 * day, 3 * day, 1 * day, 2 * day]);

    const raised = await fetch(
      `${rt.durableOrigin}/durabletask/instances/main-1/raiseEvent/Approval`,
      {
        method: 'POST',
        body: JSON.stringify({ by: 'approver@contoso.com' }),
      },
    );
    expect(raised.status).toBe(202);
    await rt.settle();

    const status = rt.engine.getStatus('main-1');
    expect(status?.runtimeStatus).toBe('Completed');
    // An unnamed child is named after the parent's execution id, as DTFx names it.
    const executionId = historyOf(rt, 'main-1').find(
      (e) => e.EventType === EventType.ExecutionStarted,
    )?.OrchestrationInstance?.ExecutionId;
    expect(executionId).toMatch(/^[0-9a-f-]{36}$/);
    const childId = `${String(executionId)}:10`;
    expect(status?.customStatus).toEqual({ step: 'done' });
    expect(status?.output).toEqual([
      'hello',
      'ok after retries: k1',
      `woke at ${new Date(startedAt + 7 * day + 3000).toISOString()}`,
      { approval: { by: 'approver@contoso.com' } },
      // One sequence number later than with two slices: the 7-day timer takes three.
      { child: childId, doubled: { n: 42 } },
      ['a', 'b'],
    ]);
    expect(rt.engine.getStatus(childId)?.runtimeStatus).toBe('Completed');
    // Played, as the extension marks it for later episodes: what came in, never what the
    // orchestrator did itself.
    const incoming: readonly number[] = [
      EventType.ExecutionStarted,
      EventType.TaskCompleted,
      EventType.TaskFailed,
      EventType.SubOrchestrationInstanceCompleted,
      EventType.TimerFired,
      EventType.EventRaised,
    ];
    const marked = historyOf(rt, 'main-1').filter(
      (e) => e.EventType !== EventType.ExecutionCompleted,
    );
    expect(marked.filter((e) => e.IsPlayed !== incoming.includes(e.EventType))).toEqual([]);
    expect(marked.some((e) => e.EventType === EventType.TaskScheduled)).toBe(true);
  });

  it('lets the timeout win when the event does not come', async () => {
    const rt = await start();
    await startSample(rt, 'sampleMain', 'main-2', {
      key: 'k2',
      failTimes: 0,
      approvalHours: 5 * 24,
    });
    await rt.advance(7 * day);
    expect(rt.engine.getStatus('main-2')?.customStatus).toEqual({ step: 'approval' });
    await rt.advance(5 * day - 1);
    expect(rt.engine.getStatus('main-2')?.runtimeStatus).toBe('Running');
    await rt.advance(1);
    const status = rt.engine.getStatus('main-2');
    expect(status?.runtimeStatus).toBe('Completed');
    expect((status?.output as unknown[])[3]).toBe('approval timed out');
  });

  it('fails an activity for good when the retries are used up', async () => {
    const rt = await start();
    await startSample(rt, 'sampleMain', 'main-3', { key: 'k3', failTimes: 10, approvalHours: 1 });
    await rt.advance(1000 + 2000 + 4000 + 8000);
    const status = rt.engine.getStatus('main-3');
    expect(status?.runtimeStatus).toBe('Failed');
    expect(String(status?.output)).toContain('transient failure');
  });

  it('reports a non-deterministic orchestrator by name', async () => {
    const rt = await start();
    await startSample(rt, 'sampleRandom', 'random-1', null);
    const status = rt.engine.getStatus('random-1');
    expect(status?.runtimeStatus).toBe('Failed');
    expect(String(status?.output)).toMatch(/Non-deterministic orchestrator "sampleRandom"/);
  });

  it('starts a fresh execution with the new input on continueAsNew', async () => {
    const rt = await start();
    await startSample(rt, 'sampleCounter', 'counter-1', 0);
    const status = rt.engine.getStatus('counter-1', true);
    expect(status).toMatchObject({ runtimeStatus: 'Completed', input: 3, output: 'counted to 3' });
    // Only the last execution's history is kept.
    expect(status?.history?.filter((e) => e.EventType === EventType.TaskScheduled)).toHaveLength(1);
  });

  it('marks an orchestrator that throws as failed with its message', async () => {
    const rt = await start();
    await startSample(rt, 'sampleFailing', 'failing-1', null);
    const status = rt.engine.getStatus('failing-1');
    expect(status?.runtimeStatus).toBe('Failed');
    expect(String(status?.output)).toContain('the orchestrator gave up');
  });

  it('holds events while suspended and processes them on resume, through df.getClient', async () => {
    const rt = await start();
    await startSample(rt, 'sampleWaitForever', 'wait-1', null);
    const control = (action: string, body?: unknown): Promise<Response> =>
      fetch(`${rt.origin}/api/samples-control/wait-1/${action}`, {
        method: 'POST',
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });

    expect((await control('suspend')).status).toBe(202);
    await rt.settle();
    expect(rt.engine.getStatus('wait-1')?.runtimeStatus).toBe('Suspended');
    expect((await control('raise', { go: true })).status).toBe(202);
    await rt.settle();
    expect(rt.engine.getStatus('wait-1')?.runtimeStatus).toBe('Suspended');

    const viaClient = await (await control('status')).json();
    expect(viaClient).toEqual({
      runtimeStatus: 'Suspended',
      customStatus: 'waiting',
      output: null,
    });

    expect((await control('resume')).status).toBe(202);
    await rt.settle();
    expect(rt.engine.getStatus('wait-1')).toMatchObject({
      runtimeStatus: 'Completed',
      output: { go: true },
    });

    const list = await (await fetch(`${rt.origin}/api/samples-control/wait-1/list`)).json();
    expect(list).toEqual([{ id: 'wait-1', status: 'Completed' }]);
  });

  it('fails an orchestration that cancels a timer longer than six days, as the extension does', async () => {
    const rt = await start();
    await startSample(rt, 'sampleLongRace', 'long-race', 8);
    // The first 3-day slice fires, then the event wins and the 8-day timer is cancelled.
    await rt.advance(4 * day);
    expect(rt.engine.getStatus('long-race')?.runtimeStatus).toBe('Running');
    expect(
      (
        await fetch(`${rt.origin}/api/samples-control/long-race/raise`, {
          method: 'POST',
          body: JSON.stringify('now'),
        })
      ).status,
    ).toBe(202);
    await rt.settle();
    const status = rt.engine.getStatus('long-race');
    expect(status?.runtimeStatus).toBe('Failed');
    expect(String(status?.output)).toMatch(
      /^Non-Deterministic workflow detected: orchestrator "sampleLongRace" .* cancelled a timer due /,
    );
  });

  it('lets an orchestration cancel a timer of six days', async () => {
    const rt = await start();
    await startSample(rt, 'sampleLongRace', 'short-race', 6);
    await fetch(`${rt.origin}/api/samples-control/short-race/raise`, {
      method: 'POST',
      body: JSON.stringify('now'),
    });
    await rt.settle();
    expect(rt.engine.getStatus('short-race')).toMatchObject({
      runtimeStatus: 'Completed',
      output: 'now',
    });
  });

  it('reports status times in whole seconds, as the extension does', async () => {
    const rt = await start(
      new MemoryInstanceStore(),
      new VirtualClock(new Date('2026-12-07T04:43:41.789Z')),
    );
    await startSample(rt, 'sampleWaitForever', 'wait-times', null);
    const response = await fetch(`${rt.durableOrigin}/durabletask/instances/wait-times`);
    expect(await response.json()).toMatchObject({
      createdTime: '2026-12-07T04:43:41Z',
      lastUpdatedTime: '2026-12-07T04:43:41Z',
    });
  });

  it('terminates an instance and answers 410 to events afterwards, 404 for unknown instances', async () => {
    const rt = await start();
    await startSample(rt, 'sampleWaitForever', 'wait-2', null);
    expect(
      (await fetch(`${rt.origin}/api/samples-control/wait-2/terminate`, { method: 'POST' })).status,
    ).toBe(202);
    await rt.settle();
    expect(rt.engine.getStatus('wait-2')).toMatchObject({
      runtimeStatus: 'Terminated',
      output: 'stopped by test',
    });
    const late = await fetch(`${rt.durableOrigin}/durabletask/instances/wait-2/raiseEvent/Go`, {
      method: 'POST',
      body: '1',
    });
    expect(late.status).toBe(410);
    const unknown = await fetch(`${rt.durableOrigin}/durabletask/instances/nobody/raiseEvent/Go`, {
      method: 'POST',
      body: '1',
    });
    expect(unknown.status).toBe(404);
    expect((await fetch(`${rt.durableOrigin}/durabletask/instances/nobody`)).status).toBe(404);
  });

  it('refuses to start a second instance with the id of a running one', async () => {
    const rt = await start();
    await startSample(rt, 'sampleWaitForever', 'wait-3', null);
    const again = await fetch(
      `${rt.durableOrigin}/durabletask/orchestrators/sampleWaitForever/wait-3`,
      {
        method: 'POST',
        body: '',
      },
    );
    expect(again.status).toBe(409);
  });

  it('resumes every running orchestration after a restart with nothing lost', async () => {
    const store = new MemoryInstanceStore();
    const clock = new VirtualClock();
    const first = await start(store, clock);
    await startSample(first, 'sampleMain', 'main-r', {
      key: 'kr',
      failTimes: 0,
      approvalHours: 48,
    });
    await first.advance(4 * day);
    expect(first.engine.getStatus('main-r')?.customStatus).toEqual({ step: 'long-timer' });
    await first.close();

    // Same store and clock, new engine: the pending timer slice is re-armed from the saved state.
    const second = await start(store, clock);
    await second.settle();
    expect(second.engine.getStatus('main-r')?.runtimeStatus).toBe('Running');
    await second.advance(3 * day);
    expect(second.engine.getStatus('main-r')?.customStatus).toEqual({ step: 'approval' });
    await fetch(`${second.durableOrigin}/durabletask/instances/main-r/raiseEvent/Approval`, {
      method: 'POST',
      body: '"yes"',
    });
    await second.settle();
    expect(second.engine.getStatus('main-r')?.runtimeStatus).toBe('Completed');
  });

  it('fires a timer again after a restart when the process stopped before its episode was saved', async () => {
    const saved = new MemoryInstanceStore();
    // Writes stop reaching storage, as when the process dies: what it did in memory is lost.
    let reachable = true;
    const store: InstanceStore = {
      loadAll: () => saved.loadAll(),
      save: (record) => (reachable ? saved.save(record) : Promise.resolve()),
      remove: (instanceId) => saved.remove(instanceId),
    };
    const clock = new VirtualClock();
    const first = await start(store, clock);
    await startSample(first, 'sampleMain', 'main-lost', {
      key: 'kl',
      failTimes: 0,
      approvalHours: 48,
    });
    await first.advance(4 * day);
    expect(first.engine.getStatus('main-lost')?.customStatus).toEqual({ step: 'long-timer' });
    reachable = false;
    await first.advance(3 * day);
    expect(first.engine.getStatus('main-lost')?.customStatus).toEqual({ step: 'approval' });
    await first.close();

    // Storage still has the timer pending and not fired: the new engine fires it, due by now.
    const second = await start(saved, clock);
    expect(second.engine.getStatus('main-lost')?.customStatus).toEqual({ step: 'long-timer' });
    await second.settle();
    expect(second.engine.getStatus('main-lost')?.customStatus).toEqual({ step: 'approval' });
    await fetch(`${second.durableOrigin}/durabletask/instances/main-lost/raiseEvent/Approval`, {
      method: 'POST',
      body: '"yes"',
    });
    await second.settle();
    expect(second.engine.getStatus('main-lost')?.runtimeStatus).toBe('Completed');
  });
});
