import path from 'node:path';
import { RealDurableBuildError } from '../../scripts/real-durable.mjs';
import type { DurableEngineKind } from '../app-host';
import { FaketimeMissingError } from '../real-durable/faketime';
import { RealEngineStartError } from '../real-durable/real-engine';
import type { RuntimeLogger } from '../runtime-logger';
import { formatDuration } from './duration';
import { runScenario, type ScenarioResult } from './run-scenario';
import { loadScenarioFile, ScenarioFileError, type Scenario } from './scenario-file';
import { formatItem, formatTime, type TranscriptItem } from './transcript';

/** 0: every expectation held; 1: one failed, or the run broke; 2: the scenario file is unusable. */
export type SimulationExitCode = 0 | 1 | 2;

/** Where `simulate` writes, and how much. */
export interface SimulateOptions {
  readonly root: string;
  /** Only expectations, the failure and the outcome; not every message and card. */
  readonly quiet: boolean;
  /** The transcript (stdout for the CLI). */
  readonly out: (text: string) => void;
  /** Problems with the file or the run (stderr for the CLI). */
  readonly err: (text: string) => void;
  readonly logger?: RuntimeLogger;
  /** The Durable engine to run on (default `local`). */
  readonly engine?: DurableEngineKind;
}

const itemsBeforeFailure = 4;

/** What `npm run simulate -- <file>` does, without the process: load, run, print; the exit code. */
export async function simulate(
  file: string,
  options: SimulateOptions,
): Promise<SimulationExitCode> {
  let scenario: Scenario;
  try {
    scenario = loadScenarioFile(file, { root: options.root });
  } catch (error) {
    if (!(error instanceof ScenarioFileError)) throw error;
    options.err(error.message);
    return 2;
  }
  options.out(formatHeader(scenario, options.root, options.engine ?? 'local'));
  let result: ScenarioResult;
  try {
    result = await runScenario(scenario, {
      root: options.root,
      onItem: (item) => {
        if (!options.quiet || item.kind === 'expect' || item.kind === 'error') {
          options.out(formatItem(item, scenario.timeZone));
        }
      },
      ...(options.logger === undefined ? {} : { logger: options.logger }),
      ...(options.engine === undefined ? {} : { engine: options.engine }),
    });
  } catch (error) {
    // What the machine lacks for the real engine is said as it is: the message names the fix.
    const setup =
      error instanceof FaketimeMissingError ||
      error instanceof RealDurableBuildError ||
      error instanceof RealEngineStartError;
    options.err(
      `The scenario could not be run: ${error instanceof Error ? (setup ? error.message : (error.stack ?? error.message)) : String(error)}`,
    );
    return 1;
  }
  options.out(formatOutcome(result, options.root));
  return result.passed ? 0 : 1;
}

/** The scenario's name, file, description, the engine and the clock's start. */
export function formatHeader(
  scenario: Scenario,
  root: string,
  engine: DurableEngineKind = 'local',
): string {
  const start = `${formatTime(scenario.start, scenario.timeZone)} (${scenario.timeZone})`;
  return [
    `Scenario: ${scenario.name} (${path.relative(root, scenario.file) || scenario.file})`,
    ...(scenario.description === undefined ? [] : [scenario.description.trim()]),
    engine === 'local'
      ? `Virtual clock starts ${start}`
      : `Real Durable engine; the shared clock starts ${start}`,
    '',
  ].join('\n');
}

/** PASSED with counts, or FAILED with the step, the reason and the last items before it. */
export function formatOutcome(result: ScenarioResult, root: string): string {
  const { scenario } = result;
  const simulated = formatDuration(result.endedAt.getTime() - scenario.start.getTime());
  if (result.failure === undefined) {
    return `\nPASSED  ${scenario.name}: ${String(result.expectationsHeld)} expectation(s) held over ${String(scenario.steps.length)} steps; ${simulated} simulated`;
  }
  const { failure } = result;
  const where = `${path.relative(root, scenario.file) || scenario.file}:${String(failure.line)}`;
  const failed = result.transcript.findLastIndex((item) => item.step === failure.step);
  const before = result.transcript
    .slice(0, failed < 0 ? result.transcript.length : failed)
    .slice(-itemsBeforeFailure);
  return [
    '',
    `FAILED  ${scenario.name} at step ${String(failure.step)} (${failure.kind}, ${where}):`,
    ...failure.reason.split('\n').map((line) => `  ${line}`),
    ...(before.length === 0
      ? []
      : ['', 'The last items before it:', ...before.map((i) => formatItem(i, scenario.timeZone))]),
  ].join('\n');
}

/** The whole transcript as text: header, every item, outcome. */
export function formatTranscript(result: ScenarioResult, root: string): string {
  const items = result.transcript.map((item: TranscriptItem) =>
    formatItem(item, result.scenario.timeZone),
  );
  return [formatHeader(result.scenario, root), ...items, formatOutcome(result, root)].join('\n');
}
