// The configuration diff on a synthetic ~5 MB export (test/fixtures/synthetic; no real export is
// public), against JSON.parse of the same two documents measured in the same run. Reports times,
// heap figures and their ratios; asserts nothing.
import { diffConfigurations, parseConfigDocument, type ConfigDocument } from '../migration/config';
import {
  largeExportSpec,
  newInstall,
  oldInstall,
  syntheticExport,
  type SyntheticExportSpec,
} from '../test/fixtures/synthetic/config-export-builder';
import { shuffledEverywhere } from '../test/migration/config/support/json-leaves';

const targetBytes = 5_000_000;
const runs = 11;

function gc(): void {
  if (typeof globalThis.gc !== 'function')
    throw new Error('run with --expose-gc (npm run bench does)');
  globalThis.gc();
}

interface Measure {
  medianMs: number;
  /** Heap growth while the operation ran (no collection forced in between): what it allocates, roughly. */
  allocatedMb: number;
  /** Heap still held after a full collection while the result is alive. */
  retainedMb: number;
}

function measure(operation: () => unknown): Measure {
  operation();
  const times: number[] = [];
  let allocated = 0;
  let retained = 0;
  for (let run = 0; run < runs; run += 1) {
    gc();
    const before = process.memoryUsage().heapUsed;
    const started = performance.now();
    const result = operation();
    times.push(performance.now() - started);
    const after = process.memoryUsage().heapUsed;
    gc();
    const kept = process.memoryUsage().heapUsed;
    allocated = Math.max(allocated, after - before);
    retained = Math.max(retained, kept - before);
    keepAlive(result);
  }
  times.sort((a, b) => a - b);
  return {
    medianMs: times[Math.floor(times.length / 2)] ?? Number.NaN,
    allocatedMb: allocated / 1e6,
    retainedMb: retained / 1e6,
  };
}

// Holds the result until after the post-run collection, so "retained" includes it.
let sink: unknown;
function keepAlive(value: unknown): void {
  sink = value;
}

function documentOf(text: string): ConfigDocument {
  const parsed = parseConfigDocument(text);
  if (parsed.kind === 'not-config') throw new Error(`synthetic export refused: ${parsed.reason}`);
  return parsed.document;
}

function driftedSpec(spec: SyntheticExportSpec): SyntheticExportSpec {
  const copy = structuredClone(spec);
  for (const directory of copy.directories.filter((_, index) => index % 10 === 0)) {
    directory.partitions[0]?.exclusions?.pop();
    directory.customRules?.pop();
  }
  return copy;
}

const spec = largeExportSpec(targetBytes);
const oldText = JSON.stringify(syntheticExport(spec, oldInstall));
const scenarios = [
  ['faithful import, same order', JSON.stringify(syntheticExport(spec, newInstall))],
  [
    'faithful import, every list reordered',
    JSON.stringify(shuffledEverywhere(syntheticExport(spec, newInstall), 20260601)),
  ],
  [
    'drifted (OUs and rules missing)',
    JSON.stringify(syntheticExport(driftedSpec(spec), newInstall)),
  ],
] as const;

console.log(
  `old export ${(oldText.length / 1e6).toFixed(2)} MB: ${spec.directories.length} forests; median of ${runs} runs`,
);
const rows: Record<string, string | number>[] = [];
for (const [name, newText] of scenarios) {
  const oldDoc = documentOf(oldText);
  const newDoc = documentOf(newText);
  const baseline = measure(() => parseBoth(oldText, newText));
  const parse = measure(() => [parseConfigDocument(oldText), parseConfigDocument(newText)]);
  const diff = measure(() => diffConfigurations(oldDoc, newDoc));
  rows.push({
    scenario: name,
    differences: diffConfigurations(oldDoc, newDoc).length,
    'JSON.parse ms': round(baseline.medianMs),
    'parse (zod) ms': round(parse.medianMs),
    'diff ms': round(diff.medianMs),
    'diff/JSON.parse time': round(diff.medianMs / baseline.medianMs),
    'JSON.parse alloc MB': round(baseline.allocatedMb),
    'diff alloc MB': round(diff.allocatedMb),
    'diff/JSON.parse alloc': round(diff.allocatedMb / baseline.allocatedMb),
    'diff retained MB': round(diff.retainedMb),
  });
}
console.table(rows);
console.log(`max RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
keepAlive(sink === undefined);

/** The baseline: what reading the two files as plain JSON costs. */
function parseBoth(oldJson: string, newJson: string): unknown[] {
  const oldValue: unknown = JSON.parse(oldJson);
  const newValue: unknown = JSON.parse(newJson);
  return [oldValue, newValue];
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
