import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The app's entry files, from package.json `main` as the Functions host reads it (`dist/functions/*.js`),
 * mapped back to their TypeScript sources so the local runtime runs the code as written.
 */
export function appEntryFiles(root: string): string[] {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    main?: unknown;
  };
  if (typeof manifest.main !== 'string') {
    throw new Error('package.json has no "main" naming the function app entry files.');
  }
  const source = manifest.main.replace(/^(\.\/)?dist\//, '').replace(/\.js$/, '.ts');
  const directory = path.join(root, path.dirname(source));
  const pattern = path.basename(source);
  if (!pattern.includes('*')) return [path.join(root, source)];
  const matcher = new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^$()|[\]\\{}]/g, '\\$&'))
      .join('[^/]*')}$`,
  );
  return readdirSync(directory)
    .filter((name) => matcher.test(name) && !name.endsWith('.d.ts'))
    .sort()
    .map((name) => path.join(directory, name));
}

/** The durable task hub name from host.json, as the Durable extension reads it. */
export function taskHubName(root: string): string {
  const host = JSON.parse(readFileSync(path.join(root, 'host.json'), 'utf8')) as {
    extensions?: { durableTask?: { hubName?: unknown } };
  };
  const name = host.extensions?.durableTask?.hubName;
  return typeof name === 'string' && name !== '' ? name : 'TestHubName';
}
