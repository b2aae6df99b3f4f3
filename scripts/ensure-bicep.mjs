// Makes sure the pinned Bicep CLI is installed in .local/tools/bicep/ before the tests start: the
// infrastructure tests build infra/main.bicep with it, inside a network namespace where NuGet
// cannot be reached. Installs it from NuGet with the .NET SDK when it is missing or of another
// version; where it cannot, stops with one message naming the command to run, and exit code 1.
import { pathToFileURL } from 'node:url';
import { BicepError, ensureBicep } from './bicep.mjs';

/** Installs the CLI when needed; returns the process exit code (0 or 1). */
export function ensureBicepInstalled() {
  try {
    ensureBicep({ log: (line) => console.log(line) });
    return 0;
  } catch (error) {
    if (!(error instanceof BicepError)) throw error;
    console.error(
      `\nerror: ${error.message}\nthen run the command again (the infrastructure tests build ` +
        'infra/ with the Bicep CLI). Nothing else was started.\n',
    );
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = ensureBicepInstalled();
}
