import { holdsPastedError } from '../evidence/pasted-errors';
import { evidenceKindGuides } from '../evidence/evidence-kind-guide';
import type { RunProfileResults, RunProfileRun } from '../evidence/run-profile-result';
import type { Finding } from '../judgment';

/** What the runs of Get-ADSyncRunProfileResult mean for a checkpoint. */
export interface RunsReading {
  findings: Finding[];
  /** A run is still going, so the checkpoint cannot be decided yet. */
  undetermined: boolean;
  /** Every run shown finished cleanly: a cycle ran to its end, not only started. */
  allSucceeded: boolean;
}

// Learn: how-to-connect-sync-service-manager-ui-operations: success has no issues; completed-no-objects had nothing to do.
const clean = /^(?:success|completed-no-objects)$/i;
const warnings = /^completed-[a-z]+-warnings$/i;

const operations =
  'Open Synchronization Service Manager > Operations, select the run and read its details and errors; fix the cause, run Start-ADSyncSyncCycle -PolicyType Delta and send the new run results.';

/**
 * One finding per run, naming its run profile and connector as printed. A failed status is an
 * error here; when it is a known error, its cause and fix come from the pasted-error finding.
 */
export function runProfileFindings(
  results: RunProfileResults,
  options: { runningIs: 'warning' | 'info' } = { runningIs: 'warning' },
): RunsReading {
  const findings = results.runs.map((run) => runFinding(run, options.runningIs));
  const running = results.runs.some(isRunning);
  return {
    findings,
    undetermined: running,
    allSucceeded:
      results.runs.length > 0 &&
      results.runs.every((run) => !isRunning(run) && clean.test(run.result ?? '')),
  };
}

function isRunning(run: RunProfileRun): boolean {
  return run.complete === false || /^in-progress$/i.test(run.result ?? '');
}

function runFinding(run: RunProfileRun, runningIs: 'warning' | 'info'): Finding {
  const name = `${run.runProfile ?? 'A run'} on connector “${run.connector ?? 'not named'}”${run.runNumber === undefined ? '' : ` (run ${String(run.runNumber)})`}`;
  if (isRunning(run)) {
    return {
      severity: runningIs,
      message: `${name} is still running.`,
      remediation:
        'Wait until Get-ADSyncConnectorRunStatus returns nothing, then send Get-ADSyncRunProfileResult again.',
    };
  }
  const result = run.result;
  if (result === undefined) {
    return {
      severity: 'warning',
      message: `${name}: its Result could not be read.`,
      remediation: evidenceKindGuides['run-profile-result'].howToGet,
    };
  }
  if (clean.test(result)) {
    return { severity: 'info', message: `${name} ended ${result}.` };
  }
  if (warnings.test(result)) {
    return {
      severity: 'warning',
      message: `${name} ended ${result}: some data is not in the expected state.`,
      remediation: operations,
    };
  }
  // A known status (no-start-connection, ...) gets its cause and fix from its pasted-error finding.
  return holdsPastedError(result)
    ? { severity: 'error', message: `${name} ended ${result}.` }
    : { severity: 'error', message: `${name} ended ${result}.`, remediation: operations };
}
