// Makes sure the real Durable Task extension host is built in .local/real-durable/ before the
// tests start: the protocol conformance tests run it inside a network namespace where NuGet
// cannot be reached. Builds it with the .NET SDK when it is missing or older than its sources;
// where it cannot, stops with one message naming what to do, and exit code 1.
import { pathToFileURL } from 'node:url';
import { RealDurableBuildError, ensureRealDurableHost } from './real-durable.mjs';

/** Builds the host when needed; returns the process exit code (0 or 1). */
export function ensureRealDurableBuilt() {
  try {
    ensureRealDurableHost({ log: (line) => console.log(line) });
    return 0;
  } catch (error) {
    if (!(error instanceof RealDurableBuildError)) throw error;
    console.error(
      `\nerror: ${error.message}\nthen run the command again (the Durable protocol tests run ` +
        'the app on the real Durable Task extension). Nothing else was started.\n',
    );
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = ensureRealDurableBuilt();
}
