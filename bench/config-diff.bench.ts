// The configuration diff on synthetic 5 MB and 50 MB exports (test/fixtures/synthetic; no real
// export is public) where the new server's export is a faithful import with every list reordered,
// so every difference found is a false one. Two rows:
//   config-diff       the diff of the two read documents, against JSON.parse of both texts (reading
//                     the texts with parseConfigDocument and diffing, end to end, is in the detail);
//   config-diff-peer  the same diff against jsondiffpatch on the same pair.
// Product, floor and peer are alternated in the same process; medians of the repetitions. Costs are
// CPU time of the process (the machine is shared: wall time mostly measures the other work on it);
// wall-clock medians are in the detail.
import { create, type Delta } from 'jsondiffpatch';
import {
  diffConfigurations,
  parseConfigDocument,
  perInstallKeys,
  perInstallSections,
  type ConfigDocument,
} from '../migration/config';
import {
  largeExportSpec,
  newInstall,
  oldInstall,
  syntheticExport,
} from '../test/fixtures/synthetic/config-export-builder';
import { shuffledEverywhere } from '../test/migration/config/support/json-leaves';
import { ratioOf, reportRows, round, type BenchRow } from './report';

// 50 MB documents take about a second each to read: fewer repetitions keep the run short.
// jsondiffpatch takes tens of seconds at 50 MB and is several times slower than the product, so one
// run of it there is enough to read the ratio.
const sizes = [
  { label: '5 MB', bytes: 5_000_000, repetitions: 5, peerRepetitions: 3, warmUp: true },
  { label: '50 MB', bytes: 50_000_000, repetitions: 3, peerRepetitions: 1, warmUp: false },
] as const;
const parseGoal = 2;
const peerGoal = 5;

function gc(): void {
  if (typeof globalThis.gc !== 'function')
    throw new Error('run with --expose-gc (npm run bench does)');
  globalThis.gc();
}

interface Timed<T> {
  /** CPU time (user and system) of the process while it ran. */
  ms: number;
  wallMs: number;
  /** Heap growth while it ran, after a full collection before (no collection forced in between). */
  heapMb: number;
  result: T;
}

function timed<T>(operation: () => T): Timed<T> {
  gc();
  const before = process.memoryUsage().heapUsed;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = operation();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return {
    ms: (used.user + used.system) / 1000,
    wallMs,
    heapMb: (process.memoryUsage().heapUsed - before) / 1e6,
    result,
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function documentOf(text: string): ConfigDocument {
  const parsed = parseConfigDocument(text);
  if (parsed.kind === 'not-config') throw new Error(`synthetic export refused: ${parsed.reason}`);
  return parsed.document;
}

// A fair peer: lists matched by what identifies an entry (as the product does), moves detected,
// and the keys the product ignores (per-install GUIDs, host and database, the metadata sections)
// filtered out, so that what it reports is comparable.
const ignoredKeys = new Set(perInstallKeys.map((setting) => setting.key));
const ignoredSections = new Set(perInstallSections.map((setting) => setting.key));
const identityFields = [
  'fullyQualifiedDomainName',
  'distinguishedName',
  'destination',
  'attribute',
  'csAttribute',
] as const;
const peer = create({
  objectHash: (item: object, index?: number) => {
    const record = item as Record<string, unknown>;
    if (typeof record.name === 'string') return `rule:${record.name}:${String(record.direction)}`;
    for (const field of identityFields) {
      const value = record[field];
      if (typeof value === 'string') return `${field}:${value}`;
    }
    return `$$index:${String(index)}`;
  },
  arrays: { detectMove: true, includeValueOnMove: false },
  propertyFilter: (name, context) =>
    !ignoredKeys.has(name) && !(context.parent === undefined && ignoredSections.has(name)),
});

/** Differences in a jsondiffpatch delta: added, removed and changed values; moves (order only) apart. */
function countDelta(delta: Delta): { differences: number; moves: number } {
  const count = { differences: 0, moves: 0 };
  const visit = (node: Delta): void => {
    if (node === undefined) return;
    if (Array.isArray(node)) {
      if (node.length === 3 && node[2] === 3) count.moves += 1;
      else count.differences += 1;
      return;
    }
    for (const [key, child] of Object.entries(node)) {
      if (key !== '_t') visit(child as Delta);
    }
  };
  visit(delta);
  return count;
}

interface SizeFigures {
  label: string;
  megabytes: number;
  parseMs: number;
  parseWallMs: number;
  productMs: number;
  productWallMs: number;
  productHeapMb: number;
  productDiffMs: number;
  productDiffWallMs: number;
  diffHeapMb: number;
  peerMs: number;
  peerWallMs: number;
  peerHeapMb: number;
  falseDifferences: number;
  peerDifferences: number;
  peerMoves: number;
}

function measureSize(
  label: string,
  bytes: number,
  repetitions: number,
  peerRepetitions: number,
  warmUp: boolean,
): SizeFigures {
  const spec = largeExportSpec(bytes);
  const oldText = JSON.stringify(syntheticExport(spec, oldInstall));
  const newText = JSON.stringify(shuffledEverywhere(syntheticExport(spec, newInstall), 20260601));
  const oldDoc = documentOf(oldText);
  const newDoc = documentOf(newText);
  const oldValue: unknown = JSON.parse(oldText);
  const newValue: unknown = JSON.parse(newText);

  if (warmUp) {
    // One untimed round first, so that no timed run pays for compiling the code it runs.
    diffConfigurations(documentOf(oldText), documentOf(newText));
    peer.diff(oldValue, newValue);
  }
  const parse: Timed<unknown[]>[] = [];
  const product: Timed<number>[] = [];
  const productDiff: Timed<number>[] = [];
  const peerRuns: Timed<Delta>[] = [];
  for (let run = 0; run < repetitions; run += 1) {
    parse.push(timed(() => [JSON.parse(oldText), JSON.parse(newText)] as unknown[]));
    product.push(timed(() => diffConfigurations(documentOf(oldText), documentOf(newText)).length));
    productDiff.push(timed(() => diffConfigurations(oldDoc, newDoc).length));
    if (run < peerRepetitions) peerRuns.push(timed(() => peer.diff(oldValue, newValue)));
  }
  const peerCount = countDelta(peerRuns[0]?.result);
  const figures: SizeFigures = {
    label,
    megabytes: round((oldText.length + newText.length) / 2 / 1e6, 1),
    parseMs: median(parse.map((run) => run.ms)),
    parseWallMs: median(parse.map((run) => run.wallMs)),
    productMs: median(product.map((run) => run.ms)),
    productWallMs: median(product.map((run) => run.wallMs)),
    productHeapMb: median(product.map((run) => run.heapMb)),
    productDiffMs: median(productDiff.map((run) => run.ms)),
    productDiffWallMs: median(productDiff.map((run) => run.wallMs)),
    diffHeapMb: median(productDiff.map((run) => run.heapMb)),
    peerMs: median(peerRuns.map((run) => run.ms)),
    peerWallMs: median(peerRuns.map((run) => run.wallMs)),
    peerHeapMb: median(peerRuns.map((run) => run.heapMb)),
    falseDifferences: Math.max(...product.map((run) => run.result)),
    peerDifferences: peerCount.differences,
    peerMoves: peerCount.moves,
  };
  console.log(
    `${label}: ${String(figures.megabytes)} MB each, ${String(spec.directories.length)} forests, ${String(repetitions)} runs`,
  );
  return figures;
}

const measured = sizes.map((size) =>
  measureSize(size.label, size.bytes, size.repetitions, size.peerRepetitions, size.warmUp),
);
console.log('CPU milliseconds (medians):');
console.table(
  measured.map((m) => ({
    size: m.label,
    'JSON.parse both': round(m.parseMs),
    diff: round(m.productDiffMs),
    'diff / parse': ratioOf(m.productDiffMs, m.parseMs),
    'read + diff': round(m.productMs),
    'read + diff / parse': ratioOf(m.productMs, m.parseMs),
    jsondiffpatch: round(m.peerMs),
    'diff / jsondiffpatch': ratioOf(m.productDiffMs, m.peerMs),
    'read + diff heap MB': round(m.productHeapMb),
    'diff heap MB': round(m.diffHeapMb),
    'jsondiffpatch heap MB': round(m.peerHeapMb),
    'false differences': m.falseDifferences,
    'jsondiffpatch differences': m.peerDifferences,
  })),
);

const [small, large] = measured;
if (small === undefined || large === undefined) throw new Error('both sizes are measured');
const falseDifferences = small.falseDifferences + large.falseDifferences;
const parseMet = measured.every((m) => m.productDiffMs <= parseGoal * m.parseMs);
const peerMet = measured.every((m) => m.productDiffMs * peerGoal <= m.peerMs);
const maxRssMb = round(process.resourceUsage().maxRSS / 1024, 0);

const parseRow: BenchRow = {
  id: 'config-diff',
  what: 'Diff of two read 50 MB settings exports, the new one a faithful import with every list reordered (5 MB in detail)',
  value: round(large.productDiffMs),
  unit: 'ms CPU',
  floor: round(large.parseMs),
  floorIs: 'JSON.parse of both texts',
  ratio: ratioOf(large.productDiffMs, large.parseMs),
  goal: `<= ${String(parseGoal)}x parse at 5 and 50 MB; 0 false differences`,
  met: parseMet && falseDifferences === 0,
  detail: {
    'ratio 5 MB': ratioOf(small.productDiffMs, small.parseMs),
    'ms 5 MB': round(small.productDiffMs),
    'JSON.parse ms 5 MB': round(small.parseMs),
    'read + diff / parse 50 MB': ratioOf(large.productMs, large.parseMs),
    'read + diff / parse 5 MB': ratioOf(small.productMs, small.parseMs),
    'wall ms 50 MB (diff, JSON.parse)': `${String(round(large.productDiffWallMs))}, ${String(round(large.parseWallMs))}`,
    'false differences': falseDifferences,
    'diff heap MB 50 MB': round(large.diffHeapMb),
    'read + diff heap MB 50 MB': round(large.productHeapMb),
    'max RSS MB': maxRssMb,
  },
  ...(parseMet && falseDifferences === 0
    ? {}
    : {
        note: 'Over the goal: see the detail for the size that misses it. The remaining cost is the one walk over every value of both documents that order-free comparison needs.',
      }),
};
const peerRow: BenchRow = {
  id: 'config-diff-peer',
  what: 'Diff of the same two read 50 MB exports (5 MB in detail)',
  value: round(large.productDiffMs),
  unit: 'ms CPU',
  floor: round(large.peerMs),
  floorIs:
    'jsondiffpatch 0.7.7 on the same pair (lists matched by identity, moves detected, per-install keys filtered)',
  ratio: ratioOf(large.productDiffMs, large.peerMs),
  goal: `>= ${String(peerGoal)}x faster (ratio <= ${String(1 / peerGoal)}) at 5 and 50 MB; 0 false differences`,
  met: peerMet && falseDifferences === 0,
  detail: {
    'ratio 5 MB': ratioOf(small.productDiffMs, small.peerMs),
    'ms 5 MB': round(small.productDiffMs),
    'jsondiffpatch ms 5 MB': round(small.peerMs),
    'wall ms 50 MB (diff, jsondiffpatch)': `${String(round(large.productDiffWallMs))}, ${String(round(large.peerWallMs))}`,
    'false differences': falseDifferences,
    'jsondiffpatch differences': large.peerDifferences,
    'jsondiffpatch moves': large.peerMoves,
    'heap MB 50 MB': round(large.diffHeapMb),
    'jsondiffpatch heap MB 50 MB': round(large.peerHeapMb),
  },
  ...(peerMet && falseDifferences === 0
    ? {}
    : {
        note: 'Under 5x faster than jsondiffpatch: see the detail for the size that misses it.',
      }),
};
reportRows([parseRow, peerRow]);
