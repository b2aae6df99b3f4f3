// The closing lines of a test run, read from vitest's JSON report: what failed, by file, then one
// plain "N passed, N failed, N skipped" line. A file that failed outside any test (an import error,
// a failing beforeAll) counts as a failure, and so does a run that failed with nothing counted.
import path from 'node:path';

/**
 * @param {any} report vitest's JSON report, or undefined when the run wrote none
 * @param {number} exitCode vitest's exit code
 * @param {string} root paths in the listing are shown relative to it
 * @returns {string[]} the lines to print, the plain count line last
 */
export function summarizeRun(report, exitCode, root) {
  if (!report) {
    return [
      'The test run ended without a report (vitest could not start or was stopped).',
      '0 passed, 1 failed',
    ];
  }
  const results = Array.isArray(report.testResults) ? report.testResults : [];
  const failedFiles = results.filter((file) => file.status === 'failed');
  const failedOutsideTests = failedFiles.filter(
    (file) => !(file.assertionResults ?? []).some((test) => test.status === 'failed'),
  );
  const failedTests = Number(report.numFailedTests ?? 0);
  let failed = failedTests + failedOutsideTests.length;
  const lines = [];
  if (failedFiles.length > 0) {
    lines.push(
      `Failed: ${failedTests} ${failedTests === 1 ? 'test' : 'tests'} in ` +
        `${failedFiles.length} ${failedFiles.length === 1 ? 'file' : 'files'}` +
        (failedOutsideTests.length > 0
          ? `, ${failedOutsideTests.length} of them failing outside any test`
          : ''),
    );
    for (const file of failedFiles) {
      const relative = path.relative(root, String(file.name));
      const name = relative.startsWith('..') ? String(file.name) : relative;
      const failures = (file.assertionResults ?? []).filter((test) => test.status === 'failed');
      const reason =
        failures.length > 0
          ? `${failures.length} failed: ${failures[0].fullName}`
          : firstLine(file.message) || 'failed outside any test';
      lines.push(`  ${name}: ${reason}`);
    }
  }
  if (exitCode !== 0 && failed === 0) {
    lines.push(`The run failed (exit ${exitCode}) with an error outside any test file: see above.`);
    failed = 1;
  }
  const skipped = Number(report.numPendingTests ?? 0) + Number(report.numTodoTests ?? 0);
  lines.push(
    `${Number(report.numPassedTests ?? 0)} passed, ${failed} failed` +
      (skipped > 0 ? `, ${skipped} skipped` : ''),
  );
  return lines;
}

function firstLine(text) {
  return String(text ?? '')
    .split('\n')[0]
    .trim();
}
