// Runs every bench/*.bench.ts in its own Node process and prints what each reports. Each gets
// --expose-gc and a young generation large enough that a few hundred MB of short-lived objects
// rarely trigger a collection mid-operation, so heap growth approximates what an operation allocates. Never part of `npm test`:
// timings depend on the machine, so benchmarks report numbers and ratios, they assert nothing.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const folder = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const benches = readdirSync(folder)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => only.length === 0 || only.some((name) => file.includes(name)))
  .sort();

if (benches.length === 0) {
  console.error(`No bench/*.bench.ts matches ${only.join(' ') || 'anything'}.`);
  process.exit(2);
}

const failed: string[] = [];
for (const file of benches) {
  console.log(`\n=== ${file} ===`);
  const result = spawnSync(
    process.execPath,
    ['--expose-gc', '--max-semi-space-size=256', '--import', 'tsx', file],
    {
      cwd: folder,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) failed.push(`${file} (exit ${result.status ?? result.signal ?? '?'})`);
}

console.log(`\n${benches.length - failed.length} of ${benches.length} benchmarks ran`);
if (failed.length > 0) {
  console.error(`failed: ${failed.join(', ')}`);
  process.exit(1);
}
