// The host of the real Durable Task extension (local/real-durable/host/), built with the machine's
// .NET SDK into .local/real-durable/host/, where the real engine mode and its tests run it. The
// build needs NuGet, which the tests' network namespace cannot reach, so npm test builds it first
// (scripts/ensure-real-durable.mjs); later runs reuse it until the host's sources change, and with
// them the pinned package versions in the project file.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DOTNET_INSTALL_COMMAND,
  QUIET_DOTNET_ENV,
  dotnetErrors,
  dotnetSdkMajor,
} from './dotnet-sdk.mjs';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/** The host's sources: the C# program and the project file that pins the package versions. */
export const HOST_SOURCES = path.join(projectRoot, 'local', 'real-durable', 'host');

/** Where it is built; git-ignored with the rest of .local/. REAL_DURABLE_HOME moves it. */
export const REAL_DURABLE_HOME =
  process.env.REAL_DURABLE_HOME || path.join(projectRoot, '.local', 'real-durable');

/** What builds it by itself (npm test runs it before the tests). */
export const REAL_DURABLE_BUILD_COMMAND = 'npm run setup:real-durable';

/** The project file targets net10.0. */
const SDK_MAJOR = 10;
const STAMP = 'build.json';

export class RealDurableBuildError extends Error {
  name = 'RealDurableBuildError';
}

function sourceFiles(sources) {
  return readdirSync(sources)
    .filter((name) => name.endsWith('.cs') || name.endsWith('.csproj'))
    .sort();
}

/**
 * A hash of the host's source files, names and contents: a build is current while it matches.
 * @param {string} [sources]
 * @returns {string}
 */
export function hostSourceHash(sources = HOST_SOURCES) {
  const hash = createHash('sha256');
  for (const name of sourceFiles(sources)) {
    hash
      .update(`${name}\0`)
      .update(readFileSync(path.join(sources, name)))
      .update('\0');
  }
  return hash.digest('hex');
}

/** The built host's entry assembly (run with `dotnet <path>`), whether or not it is built yet. */
export function realDurableHostPath(home = REAL_DURABLE_HOME) {
  return path.join(home, 'host', 'RealDurableHost.dll');
}

function isCurrent(home, hash) {
  const stamp = path.join(home, 'host', STAMP);
  if (!existsSync(stamp) || !existsSync(realDurableHostPath(home))) return false;
  try {
    return JSON.parse(readFileSync(stamp, 'utf8')).sources === hash;
  } catch {
    // A stamp that is not JSON belongs to no build of these sources: build again.
    return false;
  }
}

/**
 * Builds the host when its build is missing or older than its sources, and returns the path of
 * its entry assembly. The build goes to a temporary folder and is moved into place whole, so an
 * interrupted build leaves nothing half-written for the next run to take for a working one.
 * @param {{ home?: string, sources?: string, log?: (line: string) => void }} [options]
 * @returns {string}
 */
export function ensureRealDurableHost(options = {}) {
  const home = options.home ?? REAL_DURABLE_HOME;
  const sources = options.sources ?? HOST_SOURCES;
  const log = options.log ?? (() => undefined);
  const hash = hostSourceHash(sources);
  if (isCurrent(home, hash)) return realDurableHostPath(home);
  const where = home.startsWith(projectRoot) ? path.relative(projectRoot, home) : home;
  if (process.env.LOOPBACK_ONLY === '1') {
    // npm test runs in a loopback-only network namespace, where NuGet cannot be reached.
    throw new RealDurableBuildError(
      `The real Durable host is not built in ${where} for the current sources, and this run has ` +
        'no network (npm test builds it before the tests start). Build it with:\n\n' +
        `  ${REAL_DURABLE_BUILD_COMMAND}\n`,
    );
  }
  const sdk = dotnetSdkMajor();
  if (!sdk.ok || Number(sdk.major) < SDK_MAJOR) {
    const found = sdk.ok ? `the .NET SDK here is ${sdk.major}` : '`dotnet` does not run here';
    throw new RealDurableBuildError(
      `The real Durable host is built with the .NET SDK ${SDK_MAJOR} or later, and ${found}. ` +
        'Install it once (on Debian 12; for other systems see ' +
        `https://learn.microsoft.com/dotnet/core/install/linux) with:\n\n  ${DOTNET_INSTALL_COMMAND}\n`,
    );
  }

  log(`Building the real Durable host (${path.relative(projectRoot, sources)}) into ${where}...`);
  const started = Date.now();
  // The sources are copied next to the build, so that nothing (obj/ included) is written beside
  // them; the copy's obj/ stays for the next build's restore.
  const src = path.join(home, 'src');
  mkdirSync(src, { recursive: true });
  for (const name of sourceFiles(src)) rmSync(path.join(src, name));
  const files = sourceFiles(sources);
  for (const name of files) copyFileSync(path.join(sources, name), path.join(src, name));
  const project = files.find((name) => name.endsWith('.csproj'));
  if (project === undefined) {
    throw new RealDurableBuildError(`${sources} holds no project file to build.`);
  }
  const out = mkdtempSync(path.join(home, '.build-'));
  try {
    const build = spawnSync(
      'dotnet',
      [
        'build',
        path.join(src, project),
        '-c',
        'Release',
        '--nologo',
        '-v',
        'q',
        '-o',
        out,
        // No compiler or MSBuild server is left running after the build.
        '--disable-build-servers',
      ],
      {
        cwd: src,
        encoding: 'utf8',
        env: { ...process.env, ...QUIET_DOTNET_ENV },
        timeout: 600_000,
      },
    );
    if (build.error || build.status !== 0) {
      throw new RealDurableBuildError(
        `The real Durable host could not be built: \`dotnet build\` failed${dotnetErrors(build)}\n` +
          'Where a package could not be restored, NuGet must be reachable ' +
          '(https://api.nuget.org/v3/index.json or the source in your NuGet.Config). Then build ' +
          `it with:\n\n  ${REAL_DURABLE_BUILD_COMMAND}\n`,
        { cause: build.error },
      );
    }
    writeFileSync(path.join(out, STAMP), `${JSON.stringify({ sources: hash })}\n`);
    // Another process may have finished first: keep a current build.
    if (!isCurrent(home, hash)) {
      const target = path.join(home, 'host');
      rmSync(target, { recursive: true, force: true });
      try {
        renameSync(out, target);
      } catch (error) {
        if (!isCurrent(home, hash)) throw error;
      }
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  log(`Built the real Durable host in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return realDurableHostPath(home);
}
