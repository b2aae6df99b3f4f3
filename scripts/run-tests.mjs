// Runs `vitest run` inside a network namespace that has only loopback, so no test (and no tool a
// test starts, such as the Agents Playground with its bundled telemetry) can reach the internet.
// Falls back to a plain run where the OS does not allow namespaces. Extra arguments go to vitest.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';
import { summarizeRun } from './test-summary.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const vitest = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));
// TEST_REPORT_FILE: where the JSON report goes (a run started by a test keeps its own).
const report =
  process.env.TEST_REPORT_FILE ||
  fileURLToPath(new URL('../test-results/vitest-report.json', import.meta.url));
const vitestArgs = [
  vitest,
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
];
rmSync(report, { force: true });

// Ends the output with what failed and a plain "N passed, N failed" line that any CI can read.
function printSummary(exitCode) {
  const data = existsSync(report) ? JSON.parse(readFileSync(report, 'utf8')) : undefined;
  console.log(`\n${summarizeRun(data, exitCode, root).join('\n')}`);
}

// `ip` lives in /usr/sbin, which an ordinary user's PATH on Debian often lacks.
const bringUpLoopback = 'PATH="$PATH:/usr/sbin:/sbin" ip link set lo up';

// --pid --fork --mount-proc: every process a test starts ends with the namespace. --kill-child:
// if this script is killed, the namespace's first process gets SIGKILL and takes the rest along.
const namespaceFlags = ['--net', '--pid', '--fork', '--mount-proc', '--kill-child'];
// An ordinary user needs a user namespace (mapped to root inside) to own the network namespace.
const unshareFlags =
  process.getuid?.() === 0 ? namespaceFlags : ['--user', '--map-root-user', ...namespaceFlags];

function probe(flags) {
  const result = spawnSync('unshare', [...flags, '--', 'sh', '-c', bringUpLoopback], {
    stdio: 'ignore',
    timeout: 5000,
  });
  return result.status === 0;
}

function run(command, args, env, onTerminate) {
  const child = spawn(command, args, { cwd: root, env, stdio: 'inherit' });
  process.on('SIGINT', () => {
    // Ctrl+C reaches vitest directly (same process group); this script only has to outlive it.
  });
  process.on('SIGTERM', () => {
    child.kill(onTerminate);
  });
  child.on('exit', (code, signal) => {
    const exitCode = code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0);
    printSummary(exitCode);
    process.exit(exitCode);
  });
  child.on('error', (error) => {
    console.error(`could not start ${command}: ${error.message}`);
    process.exit(1);
  });
}

if (probe(unshareFlags)) {
  const inner = `${bringUpLoopback} && exec "$0" "$@"`;
  // unshare does not pass SIGTERM on, and vitest as the namespace's pid 1 would not get it anyway;
  // killing unshare makes --kill-child end the whole namespace.
  const args = [...unshareFlags, '--', 'sh', '-c', inner, process.execPath, ...vitestArgs];
  run('unshare', args, { ...process.env, LOOPBACK_ONLY: '1' }, 'SIGKILL');
} else {
  console.log('Tests run without network isolation (no network namespace available here).');
  const { LOOPBACK_ONLY: _ignored, ...env } = process.env;
  run(process.execPath, vitestArgs, env, 'SIGTERM');
}
