// Builds the deployment package of the function app: what Azure runs, and nothing else.
//
//   npm run package:functions [-- out.zip]
//
// Type-checks the app (tsconfig.build.json) and bundles its entry files into one file
// (scripts/build-functions.ts, as `npm run build`) in a fresh staging folder, adds host.json, and
// package.json with package-lock.json trimmed to the packages the bundle leaves out
// (`INSTALLED_PACKAGES` and their own dependencies), installs those with `npm ci` (from the npm
// cache when it has them), checks the installed tree with `npm ls`, drops whatever .funcignore
// lists, and zips the folder with fixed timestamps and sorted entries, so the same sources and
// lockfile give the same zip. The bundle's source map goes beside the zip, not into it.
//
// The zip goes to .dist/functions.zip unless a path is given. The staging folder is a temporary
// one, removed at the end.
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Zip, ZipDeflate } from 'fflate';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/** Where the package goes when no path is given. */
export const DEFAULT_ZIP = join(projectRoot, '.dist', 'functions.zip');

/**
 * The packages installed beside the bundle, which it requires instead of carrying:
 * `@azure/functions` must be a package of its own, loaded by `require`, for the Node worker to
 * hand it `@azure/functions-core` (scripts/build-functions.ts). Every other dependency is bundled.
 */
export const INSTALLED_PACKAGES = ['@azure/functions'];

/** Where the bundle's source map goes: beside the zip (`functions.zip` -> `functions.js.map`). */
export function sourceMapPathOf(zipPath) {
  return resolve(zipPath).replace(/\.zip$/, '.js.map');
}

// DOS timestamps start in 1980; local-time parts, because zip stores local time and fflate reads
// the Date in the local time zone: the same bytes in every time zone.
const fixedTime = new Date(1980, 0, 1, 0, 0, 0);
// A regular file, rw-r--r--, in the Unix external attributes (made by "Unix", os 3).
const fileAttributes = 0o100644 << 16;

class PackageError extends Error {
  name = 'PackageError';
}

/**
 * The rules of a .funcignore: the .gitignore syntax (comments, `*`, `?`, `**`, a trailing `/` for
 * folders, a leading or inner `/` to anchor at the app folder) without negation.
 */
export function parseIgnoreRules(text) {
  const rules = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('!')) {
      throw new PackageError(
        `.funcignore: "${line}": negation is not supported; list what to drop.`,
      );
    }
    const folderOnly = line.endsWith('/');
    const body = folderOnly ? line.slice(0, -1) : line;
    const anchored = body.includes('/');
    const pattern = body.replace(/^\//, '');
    rules.push({ line, folderOnly, anchored, regex: globRegex(pattern) });
  }
  return rules;
}

function globRegex(pattern) {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '*' && pattern[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** The first rule that drops a file (a `/`-separated path relative to the app folder), if any. */
export function ignoredBy(rules, file) {
  const parts = file.split('/');
  for (const rule of rules) {
    // A folder rule matches one of the file's folders; any other rule also the file itself.
    const last = rule.folderOnly ? parts.length - 1 : parts.length;
    for (let depth = 1; depth <= last; depth++) {
      const candidate = rule.anchored ? parts.slice(0, depth).join('/') : parts[depth - 1];
      if (rule.regex.test(candidate)) return rule.line;
    }
  }
  return undefined;
}

/** The project's .funcignore rules. */
export function readFuncignore(root = projectRoot) {
  return parseIgnoreRules(readFileSync(join(root, '.funcignore'), 'utf8'));
}

/**
 * package.json as deployed: no development dependencies and no scripts, `main` unchanged, and of
 * the dependencies only those installed beside the bundle (`names`).
 */
export function packageManifest(manifest, names = INSTALLED_PACKAGES) {
  const {
    devDependencies: _dev,
    scripts: _scripts,
    allowScripts: _allow,
    dependencies = {},
    ...kept
  } = manifest;
  return { ...kept, dependencies: pickDependencies(dependencies, names, 'package.json') };
}

function pickDependencies(dependencies, names, where) {
  const picked = {};
  for (const name of names) {
    const range = dependencies[name];
    if (typeof range !== 'string') {
      throw new PackageError(`${where} has no dependency ${name} to install.`);
    }
    picked[name] = range;
  }
  return picked;
}

/**
 * package-lock.json for an install of only the dependencies `names`: the lockfile's packages those
 * reach through dependencies, optional and peer dependencies (as Node resolves them, from the
 * nearest node_modules outwards), at the versions and places the lockfile has them.
 */
export function lockfileFor(lock, names) {
  const all = lock.packages ?? {};
  const root = all[''] ?? {};
  const packages = {
    '': {
      ...Object.fromEntries(
        Object.entries(root).filter(([key]) => !/^(dev|optional|peer)?[dD]ependencies$/.test(key)),
      ),
      dependencies: pickDependencies(root.dependencies ?? {}, names, 'package-lock.json'),
    },
  };
  const pending = names.map((name) => ({ from: '', name, optional: false }));
  while (pending.length > 0) {
    const { from, name, optional } = pending.pop();
    const location = resolveInLock(all, from, name);
    if (location === undefined) {
      if (optional) continue;
      throw new PackageError(
        `package-lock.json has no ${name} for ${from || 'the project'}: run npm install.`,
      );
    }
    if (packages[location] !== undefined) continue;
    const entry = all[location];
    packages[location] = entry;
    const optionalPeers = entry.peerDependenciesMeta ?? {};
    for (const dependency of Object.keys(entry.dependencies ?? {})) {
      pending.push({ from: location, name: dependency, optional: false });
    }
    for (const dependency of Object.keys(entry.optionalDependencies ?? {})) {
      pending.push({ from: location, name: dependency, optional: true });
    }
    for (const dependency of Object.keys(entry.peerDependencies ?? {})) {
      const peerOptional = optionalPeers[dependency]?.optional === true;
      pending.push({ from: location, name: dependency, optional: peerOptional });
    }
  }
  const sorted = Object.fromEntries(
    Object.entries(packages).sort(([a], [b]) => a.localeCompare(b)),
  );
  return { ...lock, packages: sorted };
}

/** Where Node finds `name` from the package at `from`: its node_modules, then each outer one. */
function resolveInLock(packages, from, name) {
  for (let base = from; ;) {
    const candidate = base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`;
    if (packages[candidate] !== undefined) return candidate;
    if (base === '') return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut === -1 ? '' : base.slice(0, cut);
  }
}

function run(command, args, options) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) throw new PackageError(`could not run ${command}: ${result.error.message}`);
  if (result.status !== 0) {
    throw new PackageError(`${[basename(command), ...args].join(' ')} failed (${result.status}).`);
  }
  return result;
}

/** npm as this script was started with (`npm run` sets npm_execpath), else the one on PATH. */
function npm(args, cwd, capture = false) {
  const execPath = process.env.npm_execpath;
  const [command, prefix, shell] =
    execPath !== undefined && /\.[cm]?js$/.test(execPath)
      ? [process.execPath, [execPath], false]
      : ['npm', [], process.platform === 'win32'];
  // `npm run` exports its own project as local prefix; the staged folder is another project.
  const { npm_config_local_prefix: _prefix, ...env } = process.env;
  return run(command, [...prefix, ...args], {
    cwd,
    env,
    shell,
    ...(capture ? { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' } : {}),
  });
}

function filesUnder(folder) {
  const files = [];
  const walk = (directory) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.push(relative(folder, path).split(sep).join('/'));
      else
        throw new PackageError(
          `${path} is neither a file nor a folder; a zip deploy has no links.`,
        );
    }
  };
  walk(folder);
  return files.sort();
}

/** Checks that the staged node_modules is exactly the trimmed lockfile's packages, nothing more. */
function checkInstalledTree(stage, lock) {
  const listed = npm(['ls', '--all', '--parseable'], stage, true).stdout;
  const installed = new Set(
    listed
      .split(/\r?\n/)
      .filter((line) => line !== '' && resolve(line) !== resolve(stage))
      .map((line) => relative(stage, line).split(sep).join('/')),
  );
  const expected = new Set(Object.keys(lock.packages).filter((path) => path !== ''));
  const extra = [...installed].filter((path) => !expected.has(path));
  const missing = [...expected].filter((path) => !installed.has(path));
  if (extra.length > 0 || missing.length > 0) {
    throw new PackageError(
      `the installed packages differ from the production lockfile (extra: ${extra.join(', ') || 'none'}; missing: ${missing.join(', ') || 'none'}).`,
    );
  }
  return installed.size;
}

function writeZip(stage, files, zipPath) {
  const partial = `${zipPath}.partial`;
  const fd = openSync(partial, 'w');
  let failure;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else writeSync(fd, chunk);
  });
  for (const file of files) {
    const entry = new ZipDeflate(file, { level: 6 });
    // Zip attributes are the entry's properties (the constructor takes deflate options only).
    Object.assign(entry, { mtime: fixedTime, os: 3, attrs: fileAttributes });
    zip.add(entry);
    entry.push(readFileSync(join(stage, file)), true);
  }
  zip.end();
  closeSync(fd);
  if (failure) throw new PackageError(`could not write ${zipPath}: ${failure.message}`);
  renameSync(partial, zipPath);
}

/** A fresh path for a zip: its folder made, an old zip of that name removed. */
function zipTarget(zipPath) {
  const zip = resolve(zipPath);
  if (!zip.endsWith('.zip'))
    throw new PackageError(`${zipPath}: the package name must end in .zip.`);
  mkdirSync(dirname(zip), { recursive: true });
  rmSync(zip, { force: true });
  return zip;
}

/** Runs `work` in a staging folder outside the project (whose linters and type checks must not read it). */
function inStage(work) {
  const stage = mkdtempSync(join(tmpdir(), 'functions-package-'));
  try {
    return work(stage);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

/**
 * Builds the package: type-checks, bundles, stages, installs what the bundle leaves out, zips.
 * Returns the zip's path, the files in it and where the bundle's source map went. `typeCheck:
 * false` skips the type check, which changes nothing in the zip (for a benchmark of the zip).
 */
export function packageFunctions(zipPath = DEFAULT_ZIP, root = projectRoot, options = {}) {
  const zip = zipTarget(zipPath);
  return inStage((stage) => stageAndZip(stage, zip, root, options.typeCheck ?? true));
}

/**
 * Zips the dependencies `names` alone, installed and packaged as packageFunctions installs and
 * packages the app's: what a function app of only those packages would deploy.
 */
export function packageDependencies(names, zipPath, root = projectRoot) {
  const zip = zipTarget(zipPath);
  return inStage((stage) => {
    const project = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const manifest = {
      name: `${project.name}-dependencies`,
      version: project.version,
      private: true,
    };
    return installAndZip(
      stage,
      zip,
      root,
      {
        ...manifest,
        dependencies: pickDependencies(project.dependencies ?? {}, names, 'package.json'),
      },
      names,
    );
  });
}

function stageAndZip(stage, zip, root, typeCheck) {
  if (typeCheck) {
    const tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
    console.log('package-functions: type-checking (tsconfig.build.json)');
    run(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--noEmit'], { cwd: root });
  }
  console.log('package-functions: bundling the entry files (scripts/build-functions.ts)');
  run(
    process.execPath,
    [
      '--import',
      'tsx',
      join(root, 'scripts', 'build-functions.ts'),
      '--out-dir',
      join(stage, 'dist'),
      '--source-map',
      'external',
    ],
    { cwd: root },
  );
  // Beside the zip, not in it: the host runs the bundle without it (Node reads source maps only
  // with --enable-source-maps), and a stack trace from Azure is read against it here.
  const sourceMap = sourceMapPathOf(zip);
  const maps = filesUnder(join(stage, 'dist')).filter((file) => file.endsWith('.map'));
  if (maps.length !== 1) {
    throw new PackageError(`the bundle has ${maps.length} source maps, not one.`);
  }
  rmSync(sourceMap, { force: true });
  renameOrCopy(join(stage, 'dist', maps[0]), sourceMap);

  copyFileSync(join(root, 'host.json'), join(stage, 'host.json'));
  const manifest = packageManifest(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')));
  const result = installAndZip(stage, zip, root, manifest, INSTALLED_PACKAGES, (files) => {
    if (!files.some((file) => file.startsWith('dist/functions/') && file.endsWith('.js'))) {
      throw new PackageError(`no entry file for package.json "main" (${manifest.main}) was built.`);
    }
  });
  return { ...result, sourceMap };
}

/** The stage's folder may be on another file system than the zip's (a temporary folder). */
function renameOrCopy(from, to) {
  try {
    renameSync(from, to);
  } catch (error) {
    if (error.code !== 'EXDEV') throw error;
    copyFileSync(from, to);
    rmSync(from);
  }
}

/**
 * Writes package.json and the lockfile trimmed to `names` into the stage, installs them with
 * `npm ci`, checks the tree, drops what .funcignore lists and zips the stage.
 */
function installAndZip(stage, zip, root, manifest, names, check = () => undefined) {
  const lock = lockfileFor(
    JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')),
    names,
  );
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(stage, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);

  console.log(`package-functions: installing ${names.join(', ')} (npm ci --omit=dev)`);
  // No install scripts and no .bin links: the app only requires its dependencies.
  npm(
    [
      'ci',
      '--omit=dev',
      '--ignore-scripts',
      '--no-bin-links',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--loglevel=error',
    ],
    stage,
  );
  const packages = checkInstalledTree(stage, lock);

  const rules = readFuncignore(root);
  let dropped = 0;
  for (const file of filesUnder(stage)) {
    if (ignoredBy(rules, file) !== undefined) {
      rmSync(join(stage, file));
      dropped++;
    }
  }
  const files = filesUnder(stage);
  check(files);
  writeZip(stage, files, zip);

  const size = statSync(zip).size;
  const top = [...new Set(files.map((file) => file.split('/')[0]))].join(', ');
  console.log(
    `package-functions: ${relative(process.cwd(), zip) || zip}: ${(size / 1048576).toFixed(1)} MB, ${files.length} files (${packages} packages; ${dropped} files dropped by .funcignore): ${top}`,
  );
  return { zip, files };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const out = process.argv[2];
    if (out !== undefined && existsSync(out) && lstatSync(out).isDirectory()) {
      throw new PackageError(`${out} is a folder; give the path of the zip to write.`);
    }
    packageFunctions(out ?? DEFAULT_ZIP);
  } catch (error) {
    if (!(error instanceof PackageError)) throw error;
    console.error(`package-functions: ${error.message}`);
    process.exit(1);
  }
}
