// Runs `vitest run` loopback-only (scripts/loopback-only.mjs), so no test (and no tool a test
// starts) can reach the internet. Extra arguments go to vitest.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runLoopbackOnly } from './loopback-only.mjs';
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

runLoopbackOnly(process.execPath, vitestArgs, {
  cwd: root,
  what: 'Tests run',
  onExit: (exitCode) => {
    printSummary(exitCode);
    process.exit(exitCode);
  },
});
