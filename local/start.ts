// `npm start [-- --engine local|real]`: Azurite, the function app in the local runtime, and two Agents
// Playgrounds (the owner and the approver), with the outputs of a first migration written to
// .local/first-migration/. The orchestrations run on the project's own Durable engine (default) or,
// with `--engine real`, on the Durable Task extension in a .NET host.
import path from 'node:path';
import { durableEngineKinds, type DurableEngineKind } from './app-host';
import { RealClock, type Clock } from './clock';
import { keepClockSaved, resumedClockTime } from './clock-file';
import { writeWalkFiles } from './first-migration';
import { consoleLogger } from './runtime-logger';
import { playgroundPerson } from './scenario/playground-identities';
import { removeSession, writeSession } from './session';
import { ShiftedClock } from './shifted-clock';
import { startLocalStack } from './stack';

const root = path.resolve(__dirname, '..');
const dataDir = path.join(root, '.local');

function numberSetting(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${name} must be a positive number.`);
  }
  return value;
}

/** A line saying how far a sped-up earlier run put the local clock ahead of the wall clock. */
function aheadOfWallClock(now: Date): string[] {
  const ahead = now.getTime() - Date.now();
  if (ahead < 60_000) return [];
  const hours = ahead / 3_600_000;
  const amount =
    hours >= 48 ? `${String(Math.round(hours / 24))} days` : `${String(Math.round(hours))} hours`;
  return [
    `  Local time:            ${now.toISOString()}, ${amount} ahead of the wall clock (an earlier sped-up run got there; delete .local/clock.json to go back)`,
  ];
}

/** `--engine local|real` (or `--engine=real`); local without it. */
function engineOption(args: readonly string[]): DurableEngineKind {
  const at = args.findIndex((arg) => arg === '--engine' || arg.startsWith('--engine='));
  if (at < 0) return 'local';
  const arg = args[at] ?? '';
  const value = arg === '--engine' ? args[at + 1] : arg.slice('--engine='.length);
  const kind = durableEngineKinds.find((known) => known === value);
  if (kind === undefined) throw new Error(`--engine takes local or real, not "${value ?? ''}".`);
  return kind;
}

async function main(): Promise<void> {
  const engine = engineOption(process.argv.slice(2));
  const timeScale = numberSetting('LOCAL_TIME_SCALE', 1);
  if (engine === 'real' && timeScale !== 1) {
    throw new Error(
      'LOCAL_TIME_SCALE works on the local engine only: the real Durable engine runs its timeouts on the same clock, and fails when it runs faster. Unset it, or start without --engine real.',
    );
  }
  const clockFile = path.join(dataDir, 'clock.json');
  const resumed = await resumedClockTime(clockFile);
  // The real engine's processes share a shifted wall clock, which goes on from where the last run
  // got to, as the local engine's clock does.
  const clock: Clock =
    engine === 'real'
      ? new ShiftedClock(path.join(dataDir, 'clock-offset'), resumed ?? new Date())
      : new RealClock(timeScale, resumed);
  const stack = await startLocalStack({
    engine,
    root,
    dataDir,
    functionsPort: numberSetting('FUNCTIONS_PORT', 7071),
    // Two people: the owner who runs the migration, and the approver the cutover needs. Each chat
    // keeps its conversation id across restarts, so running migrations still reach it.
    playgrounds: [
      { user: playgroundPerson('Alex Wilber'), port: numberSetting('PLAYGROUND_PORT', 56150) },
      {
        user: playgroundPerson('Megan Bowen'),
        port: numberSetting('APPROVER_PLAYGROUND_PORT', 56151),
      },
    ],
    clock,
    logger: consoleLogger,
  });
  const walkFolder = await writeWalkFiles(root, path.join(dataDir, 'first-migration'), clock.now());
  await writeSession(dataDir, stack, walkFolder);
  const saveClock = keepClockSaved(clockFile, clock);
  const [owner, approver] = stack.playgrounds;
  const lines = [
    '',
    'Entra Connect migration bot is running locally.',
    `  Chat as ${owner?.user.name ?? ''}:  ${owner?.url ?? ''}   (starts migrations)`,
    `  Chat as ${approver?.user.name ?? ''}:  ${approver?.url ?? ''}   (approves the cutover)`,
    `  Upload a file:         npm run upload -- <file> [--as "Megan Bowen"]`,
    `  Outputs to paste:      ${walkFolder}`,
    `  Bot endpoint:          ${stack.messagesUrl}`,
    `  Storage (Azurite):     data in ${path.join(dataDir, 'azurite')}`,
    engine === 'real'
      ? '  Durable engine:        real (the Durable Task extension on Azurite; runs only what it started)'
      : '  Durable engine:        local (npm start -- --engine real runs the Durable Task extension)',
    ...(engine === 'real'
      ? []
      : [
          `  Time scale:            ${String(timeScale)}x${timeScale === 1 ? ' (set LOCAL_TIME_SCALE=1440 to make a day pass in a minute)' : ''}`,
        ]),
    ...aheadOfWallClock(clock.now()),
    '',
    'Press Ctrl+C to stop. Running migrations resume on the next start (reload the pages).',
    '',
  ];
  console.log(lines.join('\n'));

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    console.log('Stopping...');
    Promise.all([removeSession(dataDir), saveClock()])
      .then(() => stack.stop())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
