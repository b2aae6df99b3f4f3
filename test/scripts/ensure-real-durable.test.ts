import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pathWith, runEnsureScript, scratchFolder } from './support/ensure-script';
import { DOTNET_INSTALL_COMMAND } from '../../scripts/bicep.mjs';
import {
  REAL_DURABLE_BUILD_COMMAND,
  REAL_DURABLE_HOME,
  hostSourceHash,
  realDurableHostPath,
} from '../../scripts/real-durable.mjs';

// npm test runs scripts/ensure-real-durable.mjs before the tests' network namespace is entered.
// These runs give it a PATH of their own: node alone (no .NET SDK), or node with a `dotnet` that
// fails as a broken build does.

const work = scratchFolder('ensure-real-durable-');

function ensureRealDurable(env: Readonly<Record<string, string>>) {
  return runEnsureScript('ensure-real-durable.mjs', work, env);
}

/** A home with a build of other sources in place. */
function homeWithBuildOf(name: string, sources: string): string {
  const home = path.join(work, name);
  const host = realDurableHostPath(home);
  mkdirSync(path.dirname(host), { recursive: true });
  writeFileSync(host, '');
  writeFileSync(path.join(path.dirname(host), 'build.json'), JSON.stringify({ sources }));
  return home;
}

describe('ensure-real-durable.mjs (npm test, before any test starts)', () => {
  it('stops a machine without the .NET SDK with exit 1 and the command that installs it', () => {
    const run = ensureRealDurable({
      PATH: pathWith(work, 'no-dotnet'),
      REAL_DURABLE_HOME: path.join(work, 'a'),
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('`dotnet` does not run here');
    expect(run.stderr).toContain(`\n  ${DOTNET_INSTALL_COMMAND}\n`);
    expect(run.stderr).toContain('Nothing else was started.');
  });

  it("stops when the build fails, with the build's errors and the command to retry", () => {
    const dotnet = [
      'if [ "$1" = "--version" ]; then echo 10.0.401; exit 0; fi',
      'echo "  Determining projects to restore..."',
      'echo "Program.cs(1,1): error CS1002: ; expected"',
      'exit 1',
    ].join('\n');
    const home = homeWithBuildOf('b', 'sources of an older host');
    const run = ensureRealDurable({
      PATH: pathWith(work, 'broken-build', { dotnet }),
      REAL_DURABLE_HOME: home,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('error CS1002: ; expected');
    expect(run.stderr).not.toContain('Determining projects');
    expect(run.stderr).toContain(`\n  ${REAL_DURABLE_BUILD_COMMAND}\n`);
    // The older build is not taken for one of these sources.
    const again = ensureRealDurable({
      PATH: pathWith(work, 'no-dotnet-b'),
      REAL_DURABLE_HOME: home,
    });
    expect(again.status).toBe(1);
  });

  it('refuses a build of older sources inside the network namespace, naming the command', () => {
    const run = ensureRealDurable({
      PATH: pathWith(work, 'namespace'),
      REAL_DURABLE_HOME: homeWithBuildOf('c', 'sources of an older host'),
      LOOPBACK_ONLY: '1',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('this run has no network');
    expect(run.stderr).toContain(`\n  ${REAL_DURABLE_BUILD_COMMAND}\n`);
  });

  it('uses the build of the current sources without the .NET SDK or NuGet', () => {
    // npm test ran this script before the tests: the current build is in place.
    expect(existsSync(realDurableHostPath(REAL_DURABLE_HOME))).toBe(true);
    const run = ensureRealDurable({
      PATH: pathWith(work, 'built'),
      REAL_DURABLE_HOME,
      LOOPBACK_ONLY: '1',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    // And a stamp of the current sources is all it takes.
    const home = homeWithBuildOf('d', hostSourceHash());
    expect(
      ensureRealDurable({ PATH: pathWith(work, 'stamped'), REAL_DURABLE_HOME: home }).status,
    ).toBe(0);
  });
});
