import { ConfigError, getAppSettings, getConfig, getOptionalAppSettingProblems } from './config';
import type { ConsoleLogger } from './console-logger';
import { getGraphSyncFreshness } from './graph-sync-freshness';

/** A group of settings the app cannot use as they are. */
export interface SettingsProblem {
  /** What the settings are for, as the cards name it. */
  readonly feature: string;
  /**
   * Required settings stop the bot from answering at all; optional ones turn their feature off
   * while migrations go on without it.
   */
  readonly required: boolean;
  /** Each names its settings, never their values. */
  readonly problems: readonly string[];
}

/**
 * Checks every setting group of this process: the bot's identity, the workflow and its storage,
 * Microsoft Graph (its key file read too) and the optional workflow settings. Never throws for a
 * setting; the app starts whatever this finds, and the status and help cards show it.
 */
export function settingsProblems(): SettingsProblem[] {
  const found: SettingsProblem[] = [];
  const check = (feature: string, required: boolean, load: () => unknown): void => {
    try {
      load();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      found.push({ feature, required, problems: error.problems });
    }
  };
  check('Bot Framework authentication', true, getConfig);
  check('the migration workflow and its storage', true, getAppSettings);
  check(
    'Microsoft Graph (the cloud sync check, approvers by sign-in name)',
    false,
    getGraphSyncFreshness,
  );
  const optional = getOptionalAppSettingProblems();
  if (optional.length > 0) {
    found.push({
      feature: 'the escalation channel and the self-install for approvers',
      required: false,
      problems: optional,
    });
  }
  return found;
}

/** Logs each problem once, when the app starts: the settings are named, never their values. */
export function reportSettings(logger: Pick<ConsoleLogger, 'warn' | 'error'>): void {
  for (const problem of settingsProblems()) {
    const log = problem.required ? logger.error : logger.warn;
    log.call(
      logger,
      `Settings of ${problem.feature} are not usable${problem.required ? '' : '; the feature is off until they are fixed'}`,
      {
        problems: problem.problems.join('; '),
      },
    );
  }
}
