import { z } from 'zod';

/** The environment the settings are read from: process.env, or a record a test passes. */
export type SettingsEnv = Readonly<Record<string, string | undefined>>;

/** One setting: trimmed, and undefined when unset or blank (local.settings.json keeps blanks). */
export const setting = z
  .string()
  .optional()
  .transform((value) => {
    const trimmed = value?.trim();
    return trimmed === undefined || trimmed === '' ? undefined : trimmed;
  });
