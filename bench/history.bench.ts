// The decommission phase's history as a migration waits in it (reminders every 48 hours inside
// working hours): its events and the time one episode's replay takes on day 1, 30 and 180, the
// floor being day 1's replay in the same run. With `pastes` as its argument (run in a process of its
// own, as the app is hosted once per process), 300 pastes into one checkpoint, reported in detail.
// The app runs in the local runtime on the local Durable engine with a virtual clock, driven by the
// scenario runner through test/scenarios/decommission-reminders.yaml; loopback sockets only.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { InvocationContext } from '@azure/functions';
import type { AppHost } from '../local/app-host';
import { invokeOrchestrator } from '../local/durable/episode';
import { EventType, type HistoryEvent } from '../local/durable/history';
import type { RegisteredFunction } from '../local/functions-core';
import { runScenario } from '../local/scenario/run-scenario';
import {
  loadScenarioFile,
  type Scenario,
  type ScenarioStep,
} from '../local/scenario/scenario-file';
import { reportRows, ratioOf, round } from './report';

const root = path.resolve(__dirname, '..');
const day = 24 * 3_600_000;
const phaseOrchestrator = 'migrationPhaseOrchestratorV2';
const eventBound = 200;
const pasteCount = 300;

/** One phase instance's history as it stood at a point of the run. */
interface Taken {
  readonly label: string;
  readonly instanceId: string;
  readonly input: string;
  readonly history: HistoryEvent[];
  readonly customStatus: unknown;
}

function describe(taken: Taken): Record<string, number | string> {
  const names = new Map<number, string>(Object.entries(EventType).map(([name, n]) => [n, name]));
  const counts = new Map<string, number>();
  for (const event of taken.history) {
    const name = names.get(event.EventType) ?? String(event.EventType);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return {
    label: taken.label,
    events: taken.history.length,
    historyBytes: Buffer.byteLength(JSON.stringify(taken.history)),
    inputBytes: Buffer.byteLength(taken.input),
    customStatusBytes: Buffer.byteLength(JSON.stringify(taken.customStatus ?? null)),
    episodes: taken.history.filter((e) => e.EventType === EventType.OrchestratorStarted).length,
    byType: JSON.stringify(Object.fromEntries(counts)),
  };
}

const source = loadScenarioFile(path.join(root, 'test/scenarios/decommission-reminders.yaml'), {
  root,
});

function stepIndex(
  scenario: Scenario,
  test: (step: ScenarioStep) => boolean,
  what: string,
): number {
  const at = scenario.steps.findIndex(test);
  if (at < 0) throw new Error(`decommission-reminders.yaml no longer has ${what}`);
  return at;
}

const isChecklist = (step: ScenarioStep): boolean =>
  step.kind === 'expect' && JSON.stringify(step.expectation).includes('0 of 6 done');

function advanceBy(ms: number, label: string): ScenarioStep {
  return { ...advanceTemplate, by: ms, until: undefined, label } as ScenarioStep;
}
const advanceTemplate = source.steps.find((step) => step.kind === 'advance');
if (advanceTemplate === undefined) throw new Error('the scenario has no advance step to copy');

/** The migration's id, from the first card data that carries one. */
function migrationIdIn(item: unknown): string | undefined {
  return /"migrationId":"([0-9a-f-]{36})"/u.exec(JSON.stringify(item))?.[1];
}

/** Runs `steps` on the app, taking the phase's history after each step `marks` names. */
async function run(
  steps: ScenarioStep[],
  marks: ReadonlyMap<ScenarioStep, string>,
  phase: string,
): Promise<{ taken: Taken[]; fn: RegisteredFunction }> {
  let migrationId: string | undefined;
  let fn: RegisteredFunction | undefined;
  const taken: Taken[] = [];
  const take = (host: AppHost, label: string): void => {
    if (migrationId === undefined) throw new Error('no migration id seen on a card');
    const instanceId = `${migrationId}:${phase}`;
    const status = host.runtime.engine.getStatus(instanceId, true);
    if (status?.history === undefined) throw new Error(`no instance ${instanceId}`);
    fn ??= host.runtime.functions.get(phaseOrchestrator);
    taken.push({
      label,
      instanceId,
      input: JSON.stringify(status.input),
      history: structuredClone(status.history),
      customStatus: status.customStatus,
    });
  };
  const result = await runScenario(
    { ...source, steps },
    {
      root,
      onItem: (item) => {
        migrationId ??= migrationIdIn(item);
      },
      afterStep: (step, host) => {
        const label = marks.get(step);
        if (label !== undefined) take(host, label);
        return Promise.resolve();
      },
    },
  );
  if (!result.passed) throw new Error(`the scenario failed: ${JSON.stringify(result.failure)}`);
  if (fn === undefined) throw new Error(`${phaseOrchestrator} is not registered`);
  return { taken, fn };
}

/** One replay of `taken`'s history, as the host runs it for an episode: milliseconds. */
async function replay(fn: RegisteredFunction, taken: Taken): Promise<number> {
  const record = { instanceId: taken.instanceId, input: taken.input };
  const context = (): InvocationContext => new InvocationContext({ functionName: fn.name });
  const started = performance.now();
  await invokeOrchestrator(fn, record, taken.history, context);
  return performance.now() - started;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Replays every history in turn, round after round, so noise falls on all of them alike. */
async function replayTimes(fn: RegisteredFunction, taken: readonly Taken[]): Promise<number[]> {
  const times = taken.map((): number[] => []);
  for (let round = 0; round < 61; round++) {
    for (const [i, each] of taken.entries()) times[i]?.push(await replay(fn, each));
  }
  return times.map(median);
}

/** 300 pastes of a 20 KB output into the first checkpoint that judges one, which keeps waiting. */
async function pastes(): Promise<void> {
  const first = stepIndex(source, (step) => step.kind === 'paste', 'a paste');
  const paste = source.steps[first];
  if (paste?.kind !== 'paste') throw new Error('unreachable');
  const marks = new Map<ScenarioStep, string>();
  const steps: ScenarioStep[] = source.steps.slice(0, first);
  const big = { ...paste, text: padded(paste.text, 20_000) };
  for (let n = 1; n <= pasteCount; n++) {
    // Each paste differs (a counter line), as outputs taken at different times do.
    const step = { ...big, text: `${big.text}\n# paste ${String(n)}` } as ScenarioStep;
    steps.push(step);
    if (n === 1 || n === 10 || n === 100 || n === pasteCount) marks.set(step, `paste ${String(n)}`);
  }
  const { taken, fn } = await run(steps, marks, 'prepare');
  const times = await replayTimes(fn, taken);
  const detail = taken.map((each, i) => ({ ...describe(each), replayMs: round(times[i] ?? 0, 3) }));
  process.stdout.write(`@@pastes ${JSON.stringify(detail)}\n`);
}

/** The output, repeated up to about `bytes` (a long scheduler listing is that size). */
function padded(text: string, bytes: number): string {
  const lines = [text];
  let size = Buffer.byteLength(text);
  while (size < bytes) {
    lines.push(text);
    size += Buffer.byteLength(text) + 1;
  }
  return lines.join('\n');
}

/** The same script in a process of its own, for the pastes; their detail from its stdout. */
function pastesInOwnProcess(): Promise<Record<string, number | string>[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, __filename, 'pastes'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('@@pastes '));
      if (code !== 0 || line === undefined) {
        reject(new Error(`the pastes run ended with ${String(code)}`));
        return;
      }
      resolve(JSON.parse(line.slice('@@pastes '.length)) as Record<string, number | string>[]);
    });
  });
}

async function wait(): Promise<void> {
  const checklist = stepIndex(source, isChecklist, 'the decommission checklist');
  const marks = new Map<ScenarioStep, string>();
  const steps = source.steps.slice(0, checklist + 1);
  for (const [label, ms] of [
    ['day 1', day],
    ['day 30', 29 * day],
    ['day 180', 150 * day],
  ] as const) {
    const step = advanceBy(ms, label);
    marks.set(step, label);
    steps.push(step);
  }
  const { taken, fn } = await run(steps, marks, 'decommission');
  const [day1, day30, day180] = taken;
  if (day1 === undefined || day30 === undefined || day180 === undefined) {
    throw new Error('a day of the wait was not taken');
  }
  const [ms1 = Number.NaN, ms30 = Number.NaN, ms180 = Number.NaN] = await replayTimes(fn, taken);
  const pasted = await pastesInOwnProcess();
  const waitDetail = taken.map((each) => describe(each));
  console.log(JSON.stringify({ wait: waitDetail, pastes: pasted }, null, 2));
  const bounded = taken.every((each) => each.history.length <= eventBound);
  const ratio = ratioOf(ms180, ms1);
  const met = bounded && ratio <= 1.2;
  const lastPaste = pasted.at(-1);
  reportRows([
    {
      id: 'history-day-180',
      what: 'One episode replay of the decommission phase on day 180 of its wait (reminders every 48 h in working hours); its history events on day 1, 30 and 180',
      value: round(ms180, 3),
      unit: 'ms',
      floor: round(ms1, 3),
      floorIs: 'the same replay on day 1 of the wait, in the same run',
      ratio,
      goal: 'history bounded (<= 200 events whatever the wait), replay on day 180 within 1.2x of day 1',
      met,
      detail: {
        eventsDay1: day1.history.length,
        eventsDay30: day30.history.length,
        eventsDay180: day180.history.length,
        replayMsDay30: round(ms30, 3),
        historyBytesDay180: Buffer.byteLength(JSON.stringify(day180.history)),
        inputBytesDay180: Buffer.byteLength(day180.input),
        eventsAfter300Pastes: Number(lastPaste?.events ?? Number.NaN),
        historyBytesAfter300Pastes: Number(lastPaste?.historyBytes ?? Number.NaN),
        inputBytesAfter300Pastes: Number(lastPaste?.inputBytes ?? Number.NaN),
        replayMsAfter300Pastes: Number(lastPaste?.replayMs ?? Number.NaN),
      },
      ...(met
        ? {}
        : {
            note: bounded
              ? 'the history is bounded, but replaying it on day 180 took longer than 1.2x day 1 (sizes in the detail); a shorter carried input would meet it'
              : 'the history grows with every reminder and every paste: the phase runs as one execution. Continuing it as new at each wait bounds it (8, 12 and 12 events on day 1, 30 and 180 in a trial), but that version stopped at its first paste on the Durable Task extension (messages held in the task hub, the cause not found) and is not in this one',
          }),
    },
  ]);
}

// No top-level await: tsx runs this file as CommonJS.
(process.argv[2] === 'pastes' ? pastes() : wait()).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
