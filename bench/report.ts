// What every benchmark reports: one row per id of the performance table (docs/performance.md), each
// with the floor measured beside it in the same process run. bench/run.ts collects the rows from
// each benchmark's stdout, prints the table and writes bench/results.json. Rows report; nothing here
// asserts a timing.
import os from 'node:os';
import { z } from 'zod';

export const benchRowSchema = z.object({
  /** One of `benchIds` below. */
  id: z.string().min(1),
  /** What was measured, in a sentence an admin or an engineer can read. */
  what: z.string().min(1),
  value: z.number(),
  unit: z.string().min(1),
  /** The same measure on the floor named in `floorIs`, taken in the same run. */
  floor: z.number(),
  /** value / floor (for rates where more is better, floor / value: above 1 is always worse). */
  ratio: z.number(),
  /** The goal, as the table states it. */
  goal: z.string().min(1),
  met: z.boolean(),
  /** What the floor is. */
  floorIs: z.string().min(1),
  /** Figures beside the headline one (p50 and p99, sizes, memory). */
  detail: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
  /** For a goal not met: why not, and what would meet it. */
  note: z.string().optional(),
});
export type BenchRow = z.infer<typeof benchRowSchema>;

/** Every row the table has, in its order. */
export const benchIds = [
  'turn-help',
  'turn-status',
  'turn-paste',
  'card-click',
  'cold-start',
  'evidence-parse',
  'evidence-growth',
  'config-diff',
  'config-diff-peer',
  'history-day-180',
  'scale-500',
] as const;

const marker = '@@bench-row ';

/** Reports rows to bench/run.ts (one stdout line each); checks them first, so a bad row fails here. */
export function reportRows(rows: readonly BenchRow[]): void {
  for (const row of rows) {
    const checked = benchRowSchema.parse(row);
    if (!(benchIds as readonly string[]).includes(checked.id))
      throw new Error(`unknown bench row id ${checked.id}`);
    process.stdout.write(`${marker}${JSON.stringify(checked)}\n`);
  }
}

/** The row in a line of a benchmark's stdout, or null for any other line. */
export function rowInLine(line: string): BenchRow | null {
  if (!line.startsWith(marker)) return null;
  return benchRowSchema.parse(JSON.parse(line.slice(marker.length)));
}

/** value / floor, rounded for reading. */
export function ratioOf(value: number, floor: number): number {
  return round(value / floor, 2);
}

export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** The machine the figures were taken on. */
export function machine(): {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  os: string;
} {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGb: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
  };
}

/** Median and high percentiles of samples (milliseconds or any unit). */
export function percentiles(samples: readonly number[]): { p50: number; p99: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ??
    Number.NaN;
  return { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? Number.NaN };
}
