// Prints, as JSON, every function the app registers when the local runtime loads it from its
// TypeScript sources (`npm start`'s way): the reference a built package must match. Run in its
// own process (`node --import tsx`): registrations are global to a process.
import path from 'node:path';
import { appEntryFiles } from '../../../local/app-entry';
import { quietLogger } from '../../../local/runtime-logger';
import { startLocalRuntime } from '../../../local/runtime';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..', '..');
  const runtime = await startLocalRuntime({ entryFiles: appEntryFiles(root), logger: quietLogger });
  const functions = [...runtime.functions.values()].map(({ name, bindings }) => ({
    name,
    bindings,
  }));
  await runtime.close();
  process.stdout.write(JSON.stringify(functions));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
