// `npm run simulate -- <scenario.yaml> [--quiet]`: runs a scenario against the app in the local
// runtime on a virtual clock and prints the transcript. Exit 0: every expectation held; 1: one
// failed or the run broke; 2: the scenario file is unusable.
import path from 'node:path';
import { format } from 'node:util';
import { simulate } from '../local/scenario/simulate';

const root = path.resolve(__dirname, '..');
const usage = 'usage: npm run simulate -- <scenario.yaml> [--quiet]';

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

async function main(args: readonly string[]): Promise<number> {
  const quiet = args.includes('--quiet');
  const files = args.filter((arg) => arg !== '--quiet');
  const [file] = files;
  if (file === undefined || files.length > 1 || file.startsWith('-')) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  routeAppLogs(quiet);
  return simulate(file, {
    root,
    quiet,
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
