// One cold start, in a process of its own: loads the built entry files given as arguments into the
// local runtime, as the Node worker loads package.json `main`, serves them on loopback and prints
// one line of JSON with its origin and how long each step took since the process started.
// cold-start.bench.ts bundles this file and runs the bundle with plain `node`, so no TypeScript
// loader sits between Node and the entry files it times.
import { loadEntryFile } from '../../local/entry-file';
import { startLocalRuntime } from '../../local/runtime';
import { quietLogger } from '../../local/runtime-logger';

/** What the host reports once it serves: milliseconds since the process started. */
export interface ColdStartReport {
  readonly origin: string;
  /** Node started and this host (the local runtime) loaded. */
  readonly hostLoadedMs: number;
  /** Loading the entry files: reading, compiling and running them, and their registrations. */
  readonly entryLoadMs: number;
  /** CPU time of that loading (user and system). */
  readonly entryLoadCpuMs: number;
  /** Modules `require` holds once the entry files are loaded. */
  readonly modules: number;
  /** Heap in use after loading the entry files. */
  readonly heapMb: number;
  /** Listening on /api/: ready for the first request. */
  readonly servingMs: number;
}

async function main(entryFiles: readonly string[]): Promise<void> {
  const hostLoadedMs = performance.now();
  const cpuBefore = process.cpuUsage();
  for (const file of entryFiles) await loadEntryFile(file);
  const entryLoadMs = performance.now() - hostLoadedMs;
  const cpu = process.cpuUsage(cpuBefore);
  const modules = Object.keys(require.cache).length;
  const heapMb = process.memoryUsage().heapUsed / 1048576;
  // The files are loaded already: the runtime takes their registrations and starts serving.
  const runtime = await startLocalRuntime({ entryFiles, logger: quietLogger });
  const report: ColdStartReport = {
    origin: runtime.origin,
    hostLoadedMs,
    entryLoadMs,
    entryLoadCpuMs: (cpu.user + cpu.system) / 1000,
    modules,
    heapMb,
    servingMs: performance.now(),
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
  process.on('SIGTERM', () => {
    void runtime.close().finally(() => process.exit(0));
  });
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
