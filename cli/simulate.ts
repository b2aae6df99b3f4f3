// `npm run simulate -- <scenario.yaml> [--quiet] [--engine local|real]`: runs a scenario against
// the app in the local runtime and prints the transcript. The orchestrations run on the project's
// own Durable engine on a virtual clock (default), or with `--engine real` on the Durable Task
// extension, whose days pass by clock jumps. Exit 0: every expectation held; 1: one failed or the
// run broke; 2: the scenario file or the options are unusable.
import path from 'node:path';
import { format } from 'node:util';
import { durableEngineKinds, type DurableEngineKind } from '../local/app-host';
import { simulate } from '../local/scenario/simulate';

const root = path.resolve(__dirname, '..');
const usage = 'usage: npm run simulate -- <scenario.yaml> [--quiet] [--engine local|real]';

// The app logs through console; stdout carries only the transcript, so its lines go to stderr
// (and, with --quiet, only its warnings and errors).
function routeAppLogs(quiet: boolean): void {
  const toStderr = (...args: unknown[]): void => {
    process.stderr.write(`${format(...args)}\n`);
  };
  const drop = (): void => undefined;
  console.log = quiet ? drop : toStderr;
  console.info = quiet ? drop : toStderr;
  console.debug = quiet ? drop : toStderr;
  console.warn = toStderr;
  console.error = toStderr;
}

/** The options, or a reason they are unusable. */
function parseArgs(
  args: readonly string[],
): { file: string; quiet: boolean; engine: DurableEngineKind } | string {
  let quiet = false;
  let engine: DurableEngineKind = 'local';
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--quiet') quiet = true;
    else if (arg === '--engine' || arg.startsWith('--engine=')) {
      const value = arg === '--engine' ? args[++i] : arg.slice('--engine='.length);
      const kind = durableEngineKinds.find((known) => known === value);
      if (kind === undefined) return `--engine takes local or real, not "${value ?? ''}"`;
      engine = kind;
    } else if (arg.startsWith('-')) return `unknown option ${arg}`;
    else files.push(arg);
  }
  const [file, ...more] = files;
  if (file === undefined) return 'name one scenario file';
  if (more.length > 0) return 'name one scenario file only';
  return { file, quiet, engine };
}

async function main(args: readonly string[]): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    process.stderr.write(`${parsed}\n${usage}\n`);
    return 2;
  }
  const { file, quiet, engine } = parsed;
  routeAppLogs(quiet);
  return simulate(file, {
    root,
    quiet,
    engine,
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    // Libraries the app loads may keep timers alive; the outcome is known, so end once output is out.
    process.stdout.write('', () => process.exit(code));
  },
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
