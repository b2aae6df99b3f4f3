// npm run check:infra: builds and lints infra/main.bicep offline with the pinned Bicep CLI
// (installed into .local/tools/bicep/ on first use) and fails on any error or warning. The
// compiled ARM template goes to .local/infra-build/main.json, where test/infra/ reads it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BicepError, checkInfra } from './bicep.mjs';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));

try {
  const result = await checkInfra({ log: (line) => console.log(line) });
  if (!result.ok) {
    console.error(`infra/main.bicep: ${result.problems.length} problem(s):`);
    for (const problem of result.problems) console.error(`  ${problem}`);
    process.exit(1);
  }
  console.log(
    `infra/main.bicep: built and linted with no warnings; ARM template in ${path.relative(projectRoot, result.out)}`,
  );
} catch (error) {
  if (error instanceof BicepError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
