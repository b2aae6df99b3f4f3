// Orchestrations in the shapes the migration orchestrators use (functions/orchestration/), run on
// both Durable engines by test/local/real-durable-protocol.test.ts. host.json beside it configures
// the real extension: its own task hub, and 1 s queue polling so that short timers stay short.
import * as df from 'durable-functions';
import type { OrchestrationContext } from 'durable-functions';

const second = 1000;
const attemptsByKey = new Map<string, number>();

const echo = df.app.activity('protocolEcho', { handler: (input: unknown) => input });

/** Fails the first attempt for each key, then succeeds. Module state is fine in activities. */
const flaky = df.app.activity('protocolFlaky', {
  handler: (key: string) => {
    const attempt = (attemptsByKey.get(key) ?? 0) + 1;
    attemptsByKey.set(key, attempt);
    if (attempt === 1) throw new Error(`attempt ${String(attempt)} of ${key} failed`);
    return `attempt ${String(attempt)} of ${key} worked`;
  },
});

const broken = df.app.activity('protocolBroken', {
  handler: () => {
    throw new Error('the activity always fails');
  },
});

/** As activity-calls.ts `attempt` builds them: backoff 2, capped. */
function retryOptions(attempts: number): df.RetryOptions {
  const options = new df.RetryOptions(1 * second, attempts);
  options.backoffCoefficient = 2;
  options.maxRetryIntervalInMilliseconds = 4 * second;
  return options;
}

function after(context: OrchestrationContext, milliseconds: number): Date {
  return new Date(context.df.currentUtcDateTime.getTime() + milliseconds);
}

df.app.orchestration('protocolActivity', function* (context: OrchestrationContext) {
  const echoed: unknown = yield echo(context.df.getInput());
  return echoed;
});

df.app.orchestration('protocolTimer', function* (context: OrchestrationContext) {
  yield context.df.createTimer(after(context, 2 * second));
  return 'woke';
});

/** As migration-run.ts `waitForSignal`: the event raced against a timer, the timer cancelled if it lost. */
df.app.orchestration('protocolRace', function* (context: OrchestrationContext) {
  const { timeoutSeconds } = context.df.getInput<{ timeoutSeconds: number }>();
  const event = context.df.waitForExternalEvent('Signal');
  const timer = context.df.createTimer(after(context, timeoutSeconds * second));
  context.df.setCustomStatus('waiting');
  const winner: unknown = yield context.df.Task.any([event, timer]);
  if (winner === event) {
    timer.cancel();
    const echoed: unknown = yield echo({ signal: event.result });
    return echoed;
  }
  const echoed: unknown = yield echo('timed out');
  return echoed;
});

const child = df.app.orchestration('protocolChild', function* (context: OrchestrationContext) {
  const echoed: unknown = yield echo({ child: context.df.instanceId });
  return echoed;
});

/** As migration-orchestrator.ts runs each phase: a sub-orchestration with an explicit id. */
df.app.orchestration('protocolParent', function* (context: OrchestrationContext) {
  const result: unknown = yield child(
    { from: context.df.instanceId },
    `${context.df.instanceId}:child`,
  );
  return result;
});

df.app.orchestration('protocolRetry', function* (context: OrchestrationContext) {
  const result: unknown = yield flaky(context.df.instanceId).withRetry(retryOptions(3));
  return result;
});

/** As activity-calls.ts `attempt`: a failure after the last retry is caught and returned. */
df.app.orchestration('protocolCaught', function* () {
  try {
    yield broken(null).withRetry(retryOptions(2));
    return 'unreachable';
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { caught: message.split('\n', 1)[0] };
  }
});
