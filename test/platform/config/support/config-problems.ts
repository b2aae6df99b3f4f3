import { expect } from 'vitest';
import { ConfigError } from '../../../../platform/config';

/** The problems `load` reports for `env` ([] when it accepts it), checking none of `hidden` is shown. */
export function configProblems(
  load: (env: Record<string, string>) => unknown,
  env: Record<string, string>,
  hidden: readonly string[],
): readonly string[] {
  try {
    load(env);
  } catch (error: unknown) {
    if (error instanceof ConfigError) {
      for (const value of hidden) {
        expect(error.message).not.toContain(value);
      }
      return error.problems;
    }
    throw error;
  }
  return [];
}
