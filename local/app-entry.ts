import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Which files of the app to run. */
export interface AppEntryOptions {
  /**
   * The built JavaScript that package.json `main` names, as the Functions host loads it (a built
   * project or an unpacked deployment package). Default: the TypeScript sources it was built from.
   */
  readonly built?: boolean;
}

/** Raised when package.json `main` names no file to load. */
export class AppEntryError extends Error {
  override readonly name = 'AppEntryError';
}

/**
 * The app's entry files, from package.json `main` as the Functions host reads it (`dist/functions/*.js`):
 * the files themselves when `built`, else mapped back to their TypeScript sources so the local
 * runtime runs the code as written.
 */
export function appEntryFiles(root: string, options: AppEntryOptions = {}): string[] {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    main?: unknown;
  };
  if (typeof manifest.main !== 'string') {
    throw new AppEntryError('package.json has no "main" naming the function app entry files.');
  }
  const built = options.built === true;
  const main = manifest.main.replace(/^\.\//, '');
  const file = built ? main : main.replace(/^dist\//, '').replace(/\.js$/, '.ts');
  const directory = path.join(root, path.dirname(file));
  const pattern = path.basename(file);
  if (!existsSync(directory)) {
    throw new AppEntryError(
      built
        ? `package.json "main" is ${manifest.main}, but ${directory} does not exist: build the app first (npm run build).`
        : `package.json "main" is ${manifest.main}, but its sources folder ${directory} does not exist.`,
    );
  }
  const matcher = new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^$()|[\]\\{}]/g, '\\$&'))
      .join('[^/]*')}$`,
  );
  const files = readdirSync(directory)
    .filter((name) => matcher.test(name) && !name.endsWith('.d.ts'))
    .sort()
    .map((name) => path.join(directory, name));
  // The worker loads nothing then and the app has no functions: say so instead.
  if (files.length === 0) {
    throw new AppEntryError(
      `package.json "main" is ${manifest.main}, but no file in ${directory} matches ${pattern}.`,
    );
  }
  return files;
}

/** The durable task hub name from host.json, as the Durable extension reads it. */
export function taskHubName(root: string): string {
  const host = JSON.parse(readFileSync(path.join(root, 'host.json'), 'utf8')) as {
    extensions?: { durableTask?: { hubName?: unknown } };
  };
  const name = host.extensions?.durableTask?.hubName;
  return typeof name === 'string' && name !== '' ? name : 'TestHubName';
}
