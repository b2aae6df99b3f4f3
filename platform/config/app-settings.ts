import { z } from 'zod';
import { ConfigError } from './config-error';
import { memoFromEnv } from './env-memo';
import { setting, type SettingsEnv } from './setting';
import { readStorageSettings, type StorageSettings } from './storage-settings';

/** Settings of the migration workflow and its storage. */
export interface AppSettings {
  /** The storage account of Tables and Blobs: a connection string (Azurite) or the managed identity. */
  readonly storage: StorageSettings;
  /** Hours without evidence before a checkpoint reminder is sent. */
  readonly reminderAfterHours: number;
  readonly approvalReminderHours: number;
  readonly escalateAfterHours: number;
  readonly approvalExpiresAfterHours: number;
  /** A Teams channel (conversation id) that also gets escalations; the bot must be installed there. */
  readonly escalationChannelId: string | undefined;
  /**
   * The app's id in the tenant's app catalog (not the manifest id): with it, and Graph permission
   * TeamsAppInstallation.ReadWriteSelfForUser.All, the bot installs itself for an approver who
   * does not have it.
   */
  readonly teamsAppCatalogId: string | undefined;
}

const appSettingsSchema = z.object({
  REMINDER_AFTER_HOURS: setting,
  APPROVAL_REMINDER_HOURS: setting,
  ESCALATE_AFTER_HOURS: setting,
  APPROVAL_EXPIRES_AFTER_HOURS: setting,
  ESCALATION_CHANNEL_ID: setting,
  TEAMS_APP_CATALOG_ID: setting,
});

/** Reads an hour count; out of range or not a number is a named problem. */
function hoursSetting(
  name: string,
  value: string | undefined,
  fallback: number,
  max: number,
  problems: string[],
): number {
  const hours = value === undefined ? fallback : Number(value);
  if (!Number.isFinite(hours) || hours <= 0 || hours > max) {
    problems.push(`${name} must be a number of hours between 0 and ${String(max)}`);
    return fallback;
  }
  return hours;
}

/** Validates the workflow settings from an environment-like record. */
export function loadAppSettings(env: SettingsEnv): AppSettings {
  const raw = appSettingsSchema.parse(env);
  const problems: string[] = [];
  const storage = readStorageSettings(env, problems);
  const reminderAfterHours = hoursSetting(
    'REMINDER_AFTER_HOURS',
    raw.REMINDER_AFTER_HOURS,
    48,
    24 * 14,
    problems,
  );
  const approvalReminderHours = hoursSetting(
    'APPROVAL_REMINDER_HOURS',
    raw.APPROVAL_REMINDER_HOURS,
    8,
    24 * 6,
    problems,
  );
  const escalateAfterHours = hoursSetting(
    'ESCALATE_AFTER_HOURS',
    raw.ESCALATE_AFTER_HOURS,
    24,
    24 * 14,
    problems,
  );
  const approvalExpiresAfterHours = hoursSetting(
    'APPROVAL_EXPIRES_AFTER_HOURS',
    raw.APPROVAL_EXPIRES_AFTER_HOURS,
    72,
    24 * 30,
    problems,
  );
  if (escalateAfterHours >= approvalExpiresAfterHours) {
    problems.push('ESCALATE_AFTER_HOURS must be shorter than APPROVAL_EXPIRES_AFTER_HOURS');
  }
  if (problems.length > 0 || storage === undefined) {
    throw new ConfigError(problems);
  }
  return {
    storage,
    reminderAfterHours,
    approvalReminderHours,
    escalateAfterHours,
    approvalExpiresAfterHours,
    escalationChannelId: raw.ESCALATION_CHANNEL_ID,
    // Optional: an unusable one turns the self-install off (optionalAppSettingProblems says why).
    teamsAppCatalogId:
      catalogIdProblem(raw.TEAMS_APP_CATALOG_ID) === undefined
        ? raw.TEAMS_APP_CATALOG_ID
        : undefined,
  };
}

function catalogIdProblem(catalogId: string | undefined): string | undefined {
  return catalogId === undefined || z.guid().safeParse(catalogId).success
    ? undefined
    : "TEAMS_APP_CATALOG_ID must be the app's id in the app catalog (a GUID, as npm run publish:app prints it)";
}

// A channel's conversation id, as Teams gives it (19:…@thread.tacv2, older teams @thread.skype).
const CHANNEL_ID = /^19:[^\s]+@thread\.(?:tacv2|skype)$/u;

/**
 * The problems of the optional workflow settings, which never stop the app: a feature whose
 * setting is unusable is off (self-install) or cannot be reached (escalation channel) until fixed.
 * Each names the setting, never its value.
 */
export function optionalAppSettingProblems(env: SettingsEnv): string[] {
  const raw = appSettingsSchema.parse(env);
  const problems: string[] = [];
  const catalog = catalogIdProblem(raw.TEAMS_APP_CATALOG_ID);
  if (catalog !== undefined) problems.push(catalog);
  const channel = raw.ESCALATION_CHANNEL_ID;
  if (channel !== undefined && !CHANNEL_ID.test(channel)) {
    problems.push(
      "ESCALATION_CHANNEL_ID must be a Teams channel's conversation id (19:…@thread.tacv2), as the channel's link shows it",
    );
  }
  return problems;
}

/** The workflow settings of this process, read from process.env on first use and then kept. */
export const getAppSettings = memoFromEnv(loadAppSettings);

/** The optional workflow settings' problems of this process, read from process.env once. */
export const getOptionalAppSettingProblems = memoFromEnv(optionalAppSettingProblems);
