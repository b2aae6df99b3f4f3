// Runs every bench/*.bench.ts in its own Node process, collects the rows each reports
// (bench/report.ts), prints one table and writes bench/results.json; a run of every benchmark also
// rewrites the table in docs/performance.md. Each benchmark gets --expose-gc and a young generation
// large enough that a few hundred MB of short-lived objects rarely trigger a collection
// mid-operation, so heap growth approximates what an operation allocates. Never part of `npm test`:
// timings depend on the machine, so benchmarks report figures and ratios, they assert nothing.
//
//   npm run bench                 every benchmark
//   npm run bench -- turn config  only the files whose names contain one of the words
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { benchIds, machine, rowInLine, type BenchRow } from './report';

const folder = fileURLToPath(new URL('.', import.meta.url));
const resultsFile = fileURLToPath(new URL('results.json', import.meta.url));
const docsFile = fileURLToPath(new URL('../docs/performance.md', import.meta.url));
const tableStart = '<!-- bench:table:start -->';
const tableEnd = '<!-- bench:table:end -->';

const only = process.argv.slice(2).filter((word) => word !== '--');
const benches = readdirSync(folder)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => only.length === 0 || only.some((name) => file.includes(name)))
  .sort();

if (benches.length === 0) {
  console.error(`No bench/*.bench.ts matches ${only.join(' ') || 'anything'}.`);
  process.exit(2);
}

/** Runs one benchmark, passing its output through and keeping the rows it reports. */
function runBench(file: string): Promise<{ rows: BenchRow[]; failure: string | null }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--max-semi-space-size=256', '--import', 'tsx', file],
      { cwd: folder, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const rows: BenchRow[] = [];
    let failure: string | null = null;
    createInterface({ input: child.stdout }).on('line', (line) => {
      try {
        const row = rowInLine(line);
        if (row === null) console.log(line);
        else rows.push(row);
      } catch (error) {
        failure = `a row it reported could not be read (${String(error)})`;
      }
    });
    child.on('close', (code, signal) => {
      resolve({
        rows,
        failure: code === 0 ? failure : `exit ${String(code ?? signal ?? '?')}`,
      });
    });
  });
}

async function main(): Promise<void> {
  const rows: BenchRow[] = [];
  const failed: string[] = [];
  for (const file of benches) {
    console.log(`\n=== ${file} ===`);
    const outcome = await runBench(file);
    rows.push(...outcome.rows);
    if (outcome.failure !== null) failed.push(`${file} (${outcome.failure})`);
  }
  rows.sort((a, b) => order(a.id) - order(b.id));

  const results: Results = { date: new Date().toISOString(), machine: machine(), rows };
  console.log('');
  console.log(markdownTable(rows));
  const missing = only.length === 0 ? benchIds.filter((id) => !rows.some((r) => r.id === id)) : [];
  if (missing.length > 0) failed.push(`no row for ${missing.join(', ')}`);

  if (only.length === 0) {
    writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
    writeDocsTable(results, failed);
    console.log(`\nwrote bench/results.json and the table in docs/performance.md`);
  } else {
    // A partial run keeps the other rows of the last full run.
    const previous = readPrevious();
    const kept = previous.rows.filter((row) => !rows.some((r) => r.id === row.id));
    const merged = [...kept, ...rows].sort((a, b) => order(a.id) - order(b.id));
    writeFileSync(resultsFile, `${JSON.stringify({ ...results, rows: merged }, null, 2)}\n`);
    console.log(
      `\nupdated ${rows.length} rows of bench/results.json (docs/performance.md unchanged)`,
    );
  }

  const unmet = rows.filter((row) => !row.met).map((row) => row.id);
  console.log(
    `\n${benches.length - failed.length} of ${benches.length} benchmarks ran; ${rows.length - unmet.length} of ${rows.length} goals met${unmet.length > 0 ? ` (not met: ${unmet.join(', ')})` : ''}`,
  );
  if (failed.length > 0) {
    console.error(`failed: ${failed.join('; ')}`);
    process.exitCode = 1;
  }
}

interface Results {
  date: string;
  machine: ReturnType<typeof machine>;
  rows: BenchRow[];
}

function order(id: string): number {
  const index = (benchIds as readonly string[]).indexOf(id);
  return index === -1 ? benchIds.length : index;
}

function readPrevious(): { rows: BenchRow[] } {
  try {
    const parsed = JSON.parse(readFileSync(resultsFile, 'utf8')) as { rows?: BenchRow[] };
    return { rows: parsed.rows ?? [] };
  } catch {
    return { rows: [] };
  }
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function figure(value: number, unit: string): string {
  return `${String(value)} ${unit}`;
}

function markdownTable(table: readonly BenchRow[]): string {
  const lines = [
    '| id | what | value | floor | ratio | goal | met |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const row of table) {
    const detail =
      row.detail === undefined
        ? ''
        : ` (${Object.entries(row.detail)
            .map(([key, value]) => `${key} ${String(value)}`)
            .join(', ')})`;
    const met = row.met ? 'yes' : `no: ${row.note ?? 'no reason given'}`;
    lines.push(
      `| \`${row.id}\` | ${cell(row.what + detail)} | ${figure(row.value, row.unit)} | ${cell(`${figure(row.floor, row.unit)}: ${row.floorIs}`)} | ${String(row.ratio)} | ${cell(row.goal)} | ${cell(met)} |`,
    );
  }
  return lines.join('\n');
}

function writeDocsTable(latest: Results, failed: string[]): void {
  const text = readFileSync(docsFile, 'utf8');
  const start = text.indexOf(tableStart);
  const end = text.indexOf(tableEnd);
  if (start === -1 || end < start) {
    failed.push(`docs/performance.md has no ${tableStart} … ${tableEnd} section`);
    return;
  }
  const { cpu, cores, memoryGb, node, os } = latest.machine;
  const section = [
    tableStart,
    '',
    `Measured ${latest.date.slice(0, 10)} on ${cpu}, ${String(cores)} cores, ${String(memoryGb)} GB, Node ${node}, ${os}.`,
    '',
    markdownTable(latest.rows),
    '',
    tableEnd,
  ].join('\n');
  writeFileSync(docsFile, text.slice(0, start) + section + text.slice(end + tableEnd.length));
}

void main();
