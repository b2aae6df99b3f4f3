// `npm start`: Azurite, the function app in the local runtime, and the Agents Playground.
import path from 'node:path';
import { RealClock } from './clock';
import { consoleLogger } from './runtime-logger';
import { startLocalStack } from './stack';

const root = path.resolve(__dirname, '..');

function numberSetting(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${name} must be a positive number.`);
  }
  return value;
}

async function main(): Promise<void> {
  const timeScale = numberSetting('LOCAL_TIME_SCALE', 1);
  const stack = await startLocalStack({
    root,
    dataDir: path.join(root, '.local'),
    functionsPort: numberSetting('FUNCTIONS_PORT', 7071),
    playgroundPort: numberSetting('PLAYGROUND_PORT', 56150),
    clock: new RealClock(timeScale),
    logger: consoleLogger,
  });
  const lines = [
    '',
    'Entra Connect migration bot is running locally.',
    `  Chat with it:      ${stack.playground?.url ?? '(Playground not started)'}`,
    `  Bot endpoint:      ${stack.messagesUrl}`,
    `  Storage (Azurite): data in ${path.join(root, '.local', 'azurite')}`,
    `  Time scale:        ${String(timeScale)}x${timeScale === 1 ? ' (set LOCAL_TIME_SCALE=1440 to make a day pass in a minute)' : ''}`,
    '',
    'Press Ctrl+C to stop. Running migrations resume on the next start.',
    '',
  ];
  console.log(lines.join('\n'));

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    console.log('Stopping...');
    stack.stop().then(
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
