// The Bicep CLI for the offline infrastructure check: installed from its NuGet package into
// .local/tools/bicep/ with the machine's .NET SDK (a PackageDownload restore of a throwaway
// project, so nothing is built and nothing else is fetched), then run to build and lint
// infra/main.bicep. Any warning fails the check: Bicep reports a misspelled or unknown resource
// property as a warning (BCP037), which Azure would only refuse at deployment time.
//
// Bicep needs the network only for registry modules (br:), which this project does not use, and
// for the public module index it downloads while restoring them: --no-restore keeps both off.
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
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

export const BICEP_VERSION = '0.49.2';

/** Where the CLI is installed; git-ignored with the rest of .local/. BICEP_HOME moves it. */
export const BICEP_HOME =
  process.env.BICEP_HOME || path.join(projectRoot, '.local', 'tools', 'bicep');

/** The .NET SDK that installs it (re-exported for the messages' tests). */
export { DOTNET_INSTALL_COMMAND };

/** What installs the CLI by itself (npm test runs it before the tests). */
export const BICEP_INSTALL_COMMAND = 'npm run setup:bicep';

/** The compiled template that the tests read. */
export const DEFAULT_TEMPLATE_OUT = path.join(projectRoot, '.local', 'infra-build', 'main.json');

/** The template the check builds by default. */
export const DEFAULT_MAIN = path.join(projectRoot, 'infra', 'main.bicep');

const QUIET_TOOLS = { ...QUIET_DOTNET_ENV, BICEP_TRACING_ENABLED: 'false' };

export class BicepError extends Error {
  name = 'BicepError';
}

/**
 * The NuGet runtime identifier of the Bicep CLI package for a platform.
 * @param {string} platform process.platform
 * @param {string} arch process.arch
 * @returns {{ rid: string, executable: string }}
 */
export function bicepPackageFor(platform, arch) {
  const os = { linux: 'linux', darwin: 'osx', win32: 'win' }[platform];
  const cpu = { x64: 'x64', arm64: 'arm64' }[arch];
  if (os === undefined || cpu === undefined) {
    throw new BicepError(`The Bicep CLI has no NuGet package for ${platform} on ${arch}.`);
  }
  return { rid: `${os}-${cpu}`, executable: platform === 'win32' ? 'bicep.exe' : 'bicep' };
}

/** Path of the installed executable for this machine (whether or not it is installed yet). */
export function bicepPath(home = BICEP_HOME) {
  const { rid, executable } = bicepPackageFor(process.platform, process.arch);
  const id = `azure.bicep.commandline.${rid}`;
  return path.join(home, 'packages', id, BICEP_VERSION, 'tools', executable);
}

function versionOf(executable) {
  const result = spawnSync(executable, ['--version'], {
    encoding: 'utf8',
    env: { ...process.env, ...QUIET_TOOLS },
    timeout: 60_000,
  });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

function dotnetMajorVersion() {
  const sdk = dotnetSdkMajor();
  if (sdk.ok) return sdk.major;
  if (sdk.reason === 'unreadable') {
    throw new BicepError(`Could not read the .NET SDK version from "${sdk.printed}".`);
  }
  throw new BicepError(
    `The Bicep CLI ${BICEP_VERSION} is installed from NuGet with the .NET SDK, and \`dotnet\` ` +
      'is not on the PATH here. Install the .NET SDK once (on Debian 12; for other systems see ' +
      `https://learn.microsoft.com/dotnet/core/install/linux) with:\n\n  ${DOTNET_INSTALL_COMMAND}\n`,
  );
}

/**
 * Installs the pinned Bicep CLI when it is missing, and returns its path. The restore goes to a
 * temporary folder next to the final one and is moved into place whole, so an interrupted
 * install leaves nothing half-written behind.
 * @param {{ home?: string, log?: (line: string) => void }} [options]
 * @returns {string}
 */
export function ensureBicep(options = {}) {
  const home = options.home ?? BICEP_HOME;
  const log = options.log ?? (() => undefined);
  const executable = bicepPath(home);
  if (existsSync(executable) && versionOf(executable)?.includes(BICEP_VERSION)) {
    return executable;
  }
  if (process.env.LOOPBACK_ONLY === '1') {
    // npm test runs in a loopback-only network namespace, where NuGet cannot be reached.
    throw new BicepError(
      `The Bicep CLI ${BICEP_VERSION} is not installed in ${path.relative(projectRoot, home)}, ` +
        'and this run has no network (npm test installs it before the tests start). Install it ' +
        `with:\n\n  ${BICEP_INSTALL_COMMAND}\n`,
    );
  }
  const { rid } = bicepPackageFor(process.platform, process.arch);
  const packageId = `Azure.Bicep.CommandLine.${rid}`;
  const dotnetMajor = dotnetMajorVersion();
  log(`Installing the Bicep CLI ${BICEP_VERSION} (${packageId}) from NuGet...`);
  mkdirSync(home, { recursive: true });
  const work = mkdtempSync(path.join(home, '.install-'));
  try {
    const project = path.join(work, 'bicep-download.csproj');
    writeFileSync(
      project,
      [
        '<Project Sdk="Microsoft.NET.Sdk">',
        '  <PropertyGroup>',
        `    <TargetFramework>net${dotnetMajor}.0</TargetFramework>`,
        '  </PropertyGroup>',
        '  <ItemGroup>',
        `    <PackageDownload Include="${packageId}" Version="[${BICEP_VERSION}]" />`,
        '  </ItemGroup>',
        '</Project>',
        '',
      ].join('\n'),
    );
    const packages = path.join(work, 'packages');
    const restore = spawnSync(
      'dotnet',
      ['restore', project, '--packages', packages, '--disable-build-servers', '--nologo'],
      { cwd: work, encoding: 'utf8', env: { ...process.env, ...QUIET_TOOLS }, timeout: 600_000 },
    );
    if (restore.error || restore.status !== 0) {
      throw new BicepError(
        `The Bicep CLI ${BICEP_VERSION} could not be installed: \`dotnet restore\` of ` +
          `${packageId} from NuGet failed${dotnetErrors(restore)}\nOnce NuGet can be reached ` +
          `(https://api.nuget.org/v3/index.json or the source in your NuGet.Config), install it with:` +
          `\n\n  ${BICEP_INSTALL_COMMAND}\n`,
        { cause: restore.error },
      );
    }
    const restoredId = packageId.toLowerCase();
    const restored = path.join(packages, restoredId);
    const target = path.join(home, 'packages', restoredId);
    // NuGet does not keep the executable bit; set it before the folder appears in its place.
    if (process.platform !== 'win32') {
      chmodSync(path.join(restored, path.relative(target, executable)), 0o755);
    }
    // Another process (a second test worker) may have finished first: keep a working install.
    if (!versionOf(executable)?.includes(BICEP_VERSION)) {
      rmSync(target, { recursive: true, force: true });
      mkdirSync(path.dirname(target), { recursive: true });
      try {
        renameSync(restored, target);
      } catch (error) {
        if (!versionOf(executable)?.includes(BICEP_VERSION)) throw error;
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const version = versionOf(executable);
  if (!version?.includes(BICEP_VERSION)) {
    throw new BicepError(`The installed Bicep CLI at ${executable} does not run here.`);
  }
  log(`${version} installed at ${path.relative(projectRoot, executable)}`);
  return executable;
}

/**
 * @param {string} executable
 * @param {string[]} args
 * @param {string} cwd
 * @returns {Promise<{ status: number, stdout: string, stderr: string }>}
 */
function run(executable, args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(executable, args, {
      cwd,
      env: { ...process.env, ...QUIET_TOOLS },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ status: code ?? 1, stdout, stderr }));
  });
}

/**
 * @typedef {{ file: string, line: number, column: number, level: 'Error' | 'Warning' | 'Info', code: string, message: string }} BicepDiagnostic
 */

/**
 * Bicep's diagnostics, from its `path(line,col) : Level code: message` lines.
 * @param {string} text
 * @returns {BicepDiagnostic[]}
 */
export function parseDiagnostics(text) {
  const diagnostics = [];
  for (const line of text.split(/\r?\n/)) {
    const match = /^(.*)\((\d+),(\d+)\) : (Error|Warning|Info) ([^:\s]+): (.*)$/.exec(line.trim());
    if (match) {
      const [, file = '', row = '0', column = '0', level = 'Error', code = '', message = ''] =
        match;
      diagnostics.push({
        file,
        line: Number(row),
        column: Number(column),
        level: /** @type {'Error' | 'Warning' | 'Info'} */ (level),
        code,
        message,
      });
    }
  }
  return diagnostics;
}

/**
 * @param {BicepDiagnostic} d
 * @param {string} base
 */
export function formatDiagnostic(d, base = projectRoot) {
  return `${path.relative(base, d.file)}(${d.line},${d.column}) ${d.level} ${d.code}: ${d.message}`;
}

/**
 * Builds and lints a Bicep file. Problems are every error and warning (each once, as Bicep's
 * build and lint both report the linter's findings), and any failure that printed none.
 * @param {{ main?: string, out?: string, log?: (line: string) => void }} [options]
 * @returns {Promise<{ ok: boolean, problems: string[], diagnostics: BicepDiagnostic[], template: unknown, out: string }>}
 */
export async function checkInfra(options = {}) {
  const main = path.resolve(options.main ?? DEFAULT_MAIN);
  const out = path.resolve(options.out ?? DEFAULT_TEMPLATE_OUT);
  const executable = ensureBicep({ log: options.log ?? (() => undefined) });
  // Never leave an earlier build behind for the tests to read.
  rmSync(out, { force: true });
  const cwd = path.dirname(main);
  const [build, lint] = await Promise.all([
    run(executable, ['build', main, '--no-restore', '--stdout'], cwd),
    run(executable, ['lint', main, '--no-restore'], cwd),
  ]);
  const seen = new Set();
  const diagnostics = [];
  for (const d of [
    ...parseDiagnostics(build.stderr),
    ...parseDiagnostics(lint.stdout + lint.stderr),
  ]) {
    const key = `${d.file}:${d.line}:${d.column}:${d.code}`;
    if (!seen.has(key)) {
      seen.add(key);
      diagnostics.push(d);
    }
  }
  const problems = diagnostics
    .filter((d) => d.level !== 'Info')
    .map((d) => formatDiagnostic(d, cwd));
  if (build.status !== 0 && problems.length === 0) {
    problems.push(`bicep build failed: ${build.stderr.trim() || `exit code ${build.status}`}`);
  }
  if (lint.status !== 0 && problems.length === 0) {
    problems.push(`bicep lint failed: ${lint.stderr.trim() || `exit code ${lint.status}`}`);
  }
  let template;
  if (build.status === 0) {
    template = JSON.parse(build.stdout);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, build.stdout);
  }
  return { ok: problems.length === 0, problems, diagnostics, template, out };
}
