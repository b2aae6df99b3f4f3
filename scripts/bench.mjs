// `npm run bench`: runs bench/run.ts loopback-only (scripts/loopback-only.mjs), as the tests run:
// the benchmarks host the app, Azurite and a Teams connector stand-in on loopback and need nothing
// else. Arguments go to bench/run.ts.
import { fileURLToPath } from 'node:url';
import { runLoopbackOnly } from './loopback-only.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
runLoopbackOnly(process.execPath, ['--import', 'tsx', 'bench/run.ts', ...process.argv.slice(2)], {
  cwd: root,
  what: 'Benchmarks run',
  onExit: (exitCode) => process.exit(exitCode),
});
