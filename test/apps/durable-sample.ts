// A small function app that exercises every durable feature the migration orchestrations rely on.
import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import * as df from 'durable-functions';
import type { OrchestrationContext, OrchestrationHandler } from 'durable-functions';

const failuresLeft = new Map<string, number>();
export const activityRuns: string[] = [];

const echo = df.app.activity('sampleEcho', {
  handler: (input: unknown) => {
    activityRuns.push(`echo:${JSON.stringify(input)}`);
    return input;
  },
});

/** Fails `failTimes` times per key, then succeeds. Module state is fine in activities. */
df.app.activity('sampleFlaky', {
  handler: (input: { key: string; failTimes: number }) => {
    activityRuns.push(`flaky:${input.key}`);
    const left = failuresLeft.get(input.key) ?? input.failTimes;
    if (left > 0) {
      failuresLeft.set(input.key, left - 1);
      throw new Error(`transient failure (${String(left)} left)`);
    }
    return `ok after retries: ${input.key}`;
  },
});

const child = df.app.orchestration('sampleChild', function* (context: OrchestrationContext) {
  const input = context.df.getInput<{ n: number }>();
  const doubled: unknown = yield echo({ n: input.n * 2 });
  return { child: context.df.instanceId, doubled };
});

const main: OrchestrationHandler = function* (context: OrchestrationContext) {
  const input = context.df.getInput<{ key: string; failTimes: number; approvalHours: number }>();
  const steps: unknown[] = [];
  context.df.setCustomStatus({ step: 'echo' });
  steps.push(yield echo('hello'));

  context.df.setCustomStatus({ step: 'retry' });
  const retry = new df.RetryOptions(1000, 4);
  retry.backoffCoefficient = 2;
  steps.push(yield context.df.callActivityWithRetry('sampleFlaky', retry, input));

  context.df.setCustomStatus({ step: 'long-timer' });
  const sevenDays = new Date(context.df.currentUtcDateTime.getTime() + 7 * 24 * 3600_000);
  yield context.df.createTimer(sevenDays);
  steps.push(`woke at ${context.df.currentUtcDateTime.toISOString()}`);

  context.df.setCustomStatus({ step: 'approval' });
  const deadline = new Date(
    context.df.currentUtcDateTime.getTime() + input.approvalHours * 3600_000,
  );
  const timeout = context.df.createTimer(deadline);
  const approval = context.df.waitForExternalEvent('Approval');
  const winner: unknown = yield context.df.Task.any([approval, timeout]);
  if (winner === approval) {
    timeout.cancel();
    steps.push({ approval: approval.result });
  } else {
    steps.push('approval timed out');
  }

  context.df.setCustomStatus({ step: 'child' });
  steps.push(yield child({ n: 21 }));

  const parallel: unknown = yield context.df.Task.all([echo('a'), echo('b')]);
  steps.push(parallel);
  context.df.setCustomStatus({ step: 'done' });
  return steps;
};
df.app.orchestration('sampleMain', main);

df.app.orchestration('sampleWaitForever', function* (context: OrchestrationContext) {
  context.df.setCustomStatus('waiting');
  const value: unknown = yield context.df.waitForExternalEvent('Go');
  const echoed: unknown = yield echo(value);
  return echoed;
});

// The hazard of DURABLE-REAL.md: an event raced against a timer longer than six days. When the event
// wins, the timer is cancelled, which the Durable Task extension cannot replay.
df.app.orchestration('sampleLongRace', function* (context: OrchestrationContext) {
  const days = context.df.getInput<number>();
  const event = context.df.waitForExternalEvent('Go');
  const timer = context.df.createTimer(
    new Date(context.df.currentUtcDateTime.getTime() + days * 24 * 3600_000),
  );
  const winner: unknown = yield context.df.Task.any([event, timer]);
  if (winner !== event) return 'timed out';
  timer.cancel();
  const echoed: unknown = yield echo(event.result);
  return echoed;
});

df.app.orchestration('sampleRandom', function* () {
  // Deliberately wrong: random input differs between replays.
  const value: unknown = yield echo(Math.random());
  return value;
});

df.app.orchestration('sampleCounter', function* (context: OrchestrationContext) {
  const count = context.df.getInput<number>();
  yield echo(count);
  if (count < 3) {
    context.df.continueAsNew(count + 1);
    return undefined;
  }
  return `counted to ${String(count)}`;
});

df.app.orchestration('sampleFailing', function* () {
  yield echo('before failing');
  throw new Error('the orchestrator gave up');
});

df.app.client.http('sampleStart', {
  route: 'samples/{name}/{id?}',
  methods: ['POST'],
  handler: async (request: HttpRequest, client: df.DurableClient): Promise<HttpResponseInit> => {
    const name = request.params.name ?? '';
    const input: unknown = await request.json();
    const instanceId = await client.startNew(name, {
      input,
      ...(request.params.id === undefined ? {} : { instanceId: request.params.id }),
    });
    return { status: 202, jsonBody: { instanceId } };
  },
});

df.app.client.http('sampleControl', {
  route: 'samples-control/{id}/{action}',
  methods: ['POST', 'GET'],
  handler: async (request: HttpRequest, client: df.DurableClient): Promise<HttpResponseInit> => {
    const id = request.params.id ?? '';
    switch (request.params.action) {
      case 'status': {
        const status = await client.getStatus(id);
        return {
          jsonBody: {
            runtimeStatus: status.runtimeStatus,
            customStatus: status.customStatus,
            output: status.output,
          },
        };
      }
      case 'raise':
        await client.raiseEvent(id, 'Go', await request.json());
        return { status: 202 };
      case 'suspend':
        await client.suspend(id, 'test');
        return { status: 202 };
      case 'resume':
        await client.resume(id, 'test');
        return { status: 202 };
      case 'terminate':
        await client.terminate(id, 'stopped by test');
        return { status: 202 };
      case 'list': {
        const all = await client.getStatusAll();
        return { jsonBody: all.map((s) => ({ id: s.instanceId, status: s.runtimeStatus })) };
      }
      default:
        return { status: 404 };
    }
  },
});

app.http('samplePing', {
  route: 'ping',
  methods: ['GET'],
  handler: (): HttpResponseInit => ({ body: 'pong' }),
});
