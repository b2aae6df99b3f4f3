import type { SettingsEnv } from './setting';

const resets = new Set<() => void>();

/**
 * `load(process.env)` on first call, then kept: validating lazily keeps a bad setting from
 * throwing while the Functions worker loads an entry file, which would silently unregister its
 * functions. A throw is not kept, so the next call validates again.
 */
export function memoFromEnv<T>(load: (env: SettingsEnv) => T): () => T {
  // Boxed, so that a loader that returns undefined (a feature turned off) is remembered too.
  let cached: { readonly value: T } | undefined;
  resets.add(() => {
    cached = undefined;
  });
  return () => {
    cached ??= { value: load(process.env) };
    return cached.value;
  };
}

/** Forgets every memoised setting group so the next read takes process.env again (tests). */
export function resetConfigCache(): void {
  for (const reset of resets) {
    reset();
  }
}
