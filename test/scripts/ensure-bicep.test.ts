import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pathWith, runEnsureScript, scratchFolder } from './support/ensure-script';
import {
  BICEP_HOME,
  BICEP_INSTALL_COMMAND,
  BICEP_VERSION,
  DOTNET_INSTALL_COMMAND,
  bicepPath,
} from '../../scripts/bicep.mjs';

// npm test runs scripts/ensure-bicep.mjs before the tests' network namespace is entered. These
// runs give it a PATH of their own: node alone (no .NET SDK), or node with a `dotnet` whose
// restore fails as it does when NuGet cannot be reached.

const work = scratchFolder('ensure-bicep-');

function ensureBicep(env: Readonly<Record<string, string>>) {
  return runEnsureScript('ensure-bicep.mjs', work, env);
}

describe('ensure-bicep.mjs (npm test, before any test starts)', () => {
  it('stops a machine without the .NET SDK with exit 1 and the command that installs it', () => {
    const run = ensureBicep({
      PATH: pathWith(work, 'no-dotnet'),
      BICEP_HOME: path.join(work, 'a'),
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('`dotnet` is not on the PATH');
    expect(run.stderr).toContain(`\n  ${DOTNET_INSTALL_COMMAND}\n`);
    expect(run.stderr).toContain('Nothing else was started.');
  });

  it("stops when NuGet cannot be reached, with NuGet's error and the command to retry", () => {
    const dotnet = [
      'if [ "$1" = "--version" ]; then echo 10.0.401; exit 0; fi',
      'echo "  Determining projects to restore..."',
      'echo "/tmp/x/bicep-download.csproj : error NU1301: Unable to load the service index for source https://api.nuget.org/v3/index.json."',
      'exit 1',
    ].join('\n');
    const run = ensureBicep({
      PATH: pathWith(work, 'no-nuget', { dotnet }),
      BICEP_HOME: path.join(work, 'b'),
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('error NU1301: Unable to load the service index');
    expect(run.stderr).not.toContain('Determining projects');
    expect(run.stderr).toContain(`\n  ${BICEP_INSTALL_COMMAND}\n`);
    // Nothing half-installed is left for the next run to take for a working CLI.
    expect(spawnSync(bicepPath(path.join(work, 'b'))).error).toBeDefined();
  });

  it('replaces a CLI of another version instead of using it', () => {
    const home = path.join(work, 'c');
    const old = bicepPath(home);
    mkdirSync(path.dirname(old), { recursive: true });
    writeFileSync(old, '#!/bin/sh\necho "Bicep CLI version 0.48.1 (0000000000)"\n');
    chmodSync(old, 0o755);
    const run = ensureBicep({ PATH: pathWith(work, 'old-bicep'), BICEP_HOME: home });
    // No .NET SDK here: the old one is not taken, the install is tried and stops.
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`\n  ${DOTNET_INSTALL_COMMAND}\n`);
  });

  it('uses the installed CLI of the pinned version without the .NET SDK or NuGet', () => {
    // npm test ran this script before the tests: the pinned CLI is in place.
    const run = ensureBicep({ PATH: pathWith(work, 'installed'), BICEP_HOME });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const version = spawnSync(bicepPath(), ['--version'], { encoding: 'utf8' });
    expect(version.stdout).toContain(BICEP_VERSION);
  });
});
