// Runs `vitest run` inside a network namespace that has only loopback, so no test (and no tool a
// test starts, such as the Agents Playground with its bundled telemetry) can reach the internet.
// Falls back to a plain run where the OS does not allow namespaces. Extra arguments go to vitest.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';
import { inLoopbackNamespace } from './loopback-namespace.mjs';
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

const isolated = inLoopbackNamespace(process.execPath, vitestArgs);
if (isolated !== undefined) {
  // unshare does not pass SIGTERM on, and vitest as the namespace's pid 1 would not get it anyway;
  // killing unshare makes --kill-child end the whole namespace.
  run(isolated.command, isolated.args, { ...process.env, LOOPBACK_ONLY: '1' }, 'SIGKILL');
} else {
  console.log('Tests run without network isolation (no network namespace available here).');
  const { LOOPBACK_ONLY: _ignored, ...env } = process.env;
  run(process.execPath, vitestArgs, env, 'SIGTERM');
}
