// Builds the function app the Functions host loads: every entry file package.json `main` names
// (functions/*.ts as sources) bundled into one CommonJS file, dist/functions/function-app.js, for
// Node 20, with only the code those entry files reach.
//
//   npm run build                     type-checks (tsconfig.build.json), then bundles into dist/
//   tsx scripts/build-functions.ts [--out-dir <dir>] [--source-map linked|external]
//
// One file, so the worker reads and compiles one file instead of about 2,000 modules at a cold
// start, and the deployment package needs no node_modules but @azure/functions. That one stays a
// package of its own: the Node worker hands it the `@azure/functions-core` module through Node's
// `require` (so it must be loaded by `require`, outside the bundle), and the local runtime builds
// its requests and invocation contexts with the classes of the copy the entry file resolves.
// Not minified: a stack trace from Azure names the functions and shows readable lines, and each
// bundled module is marked by a `// <source path>` comment.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { appEntryFiles } from '../local/app-entry';
import { INSTALLED_PACKAGES } from './package-functions.mjs';

const projectRoot = path.resolve(__dirname, '..');

/** The file every entry file is bundled into, inside the folder package.json `main` names. */
export const BUNDLE_NAME = 'function-app.js';

/**
 * What the bundle requires at run time instead of carrying: `@azure/functions-core`, which only
 * the Node worker provides, and the packages the deployment package installs beside the bundle.
 */
export const BUNDLE_EXTERNALS = ['@azure/functions-core', ...INSTALLED_PACKAGES];

/** Where the source map goes: linked from the bundle (`npm run build`), or not named in it. */
export type SourceMapMode = 'linked' | 'external';

export interface BundleOptions {
  /** Source files to load, in order, as the worker would load them one by one. */
  readonly entries: readonly string[];
  /** The bundle's path. */
  readonly outfile: string;
  readonly sourceMap: SourceMapMode;
}

export interface BuiltBundle {
  readonly outfile: string;
  readonly sourceMapFile: string;
  /** The source files in the bundle, relative to the project root. */
  readonly inputs: readonly string[];
  readonly bytes: number;
}

/** Bundles entry files into one CommonJS file for Node 20. */
export async function bundleEntryFiles(options: BundleOptions): Promise<BuiltBundle> {
  if (options.entries.length === 0) throw new Error('There are no entry files to bundle.');
  // Each entry file imported for its registrations, in the order the worker would load them.
  const contents = options.entries
    .map((file) => `import ${JSON.stringify(path.resolve(file))};`)
    .join('\n');
  const result = await build({
    stdin: {
      contents,
      resolveDir: projectRoot,
      sourcefile: 'function-app-entries.ts',
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile: path.resolve(options.outfile),
    absWorkingDir: projectRoot,
    external: BUNDLE_EXTERNALS,
    tsconfig: path.join(projectRoot, 'tsconfig.build.json'),
    sourcemap: options.sourceMap,
    sourcesContent: true,
    metafile: true,
    logLevel: 'warning',
    // An import esbuild cannot resolve is an error, except a `require` inside a `try` (optional
    // packages such as ws's bufferutil), which stays a `require` that fails where it is caught.
  });
  return {
    outfile: options.outfile,
    sourceMapFile: `${options.outfile}.map`,
    inputs: inputsOf(result.metafile, options.outfile),
    bytes: outputOf(result.metafile, options.outfile).bytes,
  };
}

function outputOf(metafile: Metafile, outfile: string): Metafile['outputs'][string] {
  // The metafile names files relative to absWorkingDir, with forward slashes.
  const relativeOut = path.relative(projectRoot, path.resolve(outfile)).split(path.sep).join('/');
  const output = metafile.outputs[relativeOut];
  if (output === undefined) throw new Error(`esbuild did not report ${relativeOut}.`);
  return output;
}

function inputsOf(metafile: Metafile, outfile: string): string[] {
  return Object.keys(outputOf(metafile, outfile).inputs)
    .filter((input) => !input.startsWith('<stdin>'))
    .sort();
}

/**
 * Builds the app into `outDir` (emptied first): the bundle of every entry file package.json `main`
 * names, where `main` expects it (`<outDir>/functions/function-app.js` for `dist/functions/*.js`).
 */
export async function buildFunctionApp(
  outDir: string,
  sourceMap: SourceMapMode,
  root = projectRoot,
): Promise<BuiltBundle> {
  const entries = appEntryFiles(root);
  // `main` is dist/<folder>/*.js: the bundle goes to the same folder under outDir.
  const folder = path.relative(root, path.dirname(entries[0] ?? root));
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(path.join(outDir, folder), { recursive: true });
  return bundleEntryFiles({ entries, outfile: path.join(outDir, folder, BUNDLE_NAME), sourceMap });
}

function argument(args: readonly string[], name: string): string | undefined {
  const index = args.indexOf(name);
  if (index === -1) return undefined;
  const value = args[index + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value.`);
  return value;
}

async function main(args: readonly string[]): Promise<void> {
  const outDir = path.resolve(argument(args, '--out-dir') ?? path.join(projectRoot, 'dist'));
  const sourceMap = argument(args, '--source-map') ?? 'linked';
  if (sourceMap !== 'linked' && sourceMap !== 'external') {
    throw new Error(`--source-map is linked or external, not ${sourceMap}.`);
  }
  const built = await buildFunctionApp(outDir, sourceMap);
  console.log(
    `build-functions: ${path.relative(process.cwd(), built.outfile)}: ${(built.bytes / 1048576).toFixed(1)} MB from ${String(built.inputs.length)} source files`,
  );
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === __filename) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(`build-functions: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
