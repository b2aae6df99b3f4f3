import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ConfigError,
  getAppSettings,
  loadAppSettings,
  resetConfigCache,
} from '../../../platform/config';
import { configProblems } from './support/config-problems';

const ACCOUNT_KEY = 'ZG8tbm90LXByaW50LXRoaXMtYWNjb3VudC1rZXk=';
const STORAGE = `DefaultEndpointsProtocol=https;AccountName=contosomigration;AccountKey=${ACCOUNT_KEY};EndpointSuffix=core.windows.net`;

function problemsOf(env: Record<string, string>): readonly string[] {
  return configProblems(loadAppSettings, env, [ACCOUNT_KEY]);
}

describe('loadAppSettings', () => {
  it('takes the storage connection string and the default hours', () => {
    expect(loadAppSettings({ AzureWebJobsStorage: 'UseDevelopmentStorage=true' })).toEqual({
      storageConnectionString: 'UseDevelopmentStorage=true',
      reminderAfterHours: 48,
      approvalReminderHours: 8,
      escalateAfterHours: 24,
      approvalExpiresAfterHours: 72,
      escalationChannelId: undefined,
    });
  });

  it('reads the hours and the escalation channel, fractions included', () => {
    expect(
      loadAppSettings({
        AzureWebJobsStorage: STORAGE,
        REMINDER_AFTER_HOURS: ' 0.5 ',
        APPROVAL_REMINDER_HOURS: '2',
        ESCALATE_AFTER_HOURS: '12',
        APPROVAL_EXPIRES_AFTER_HOURS: '36',
        ESCALATION_CHANNEL_ID: '19:escalations@thread.tacv2',
      }),
    ).toMatchObject({
      storageConnectionString: STORAGE,
      reminderAfterHours: 0.5,
      approvalReminderHours: 2,
      escalateAfterHours: 12,
      approvalExpiresAfterHours: 36,
      escalationChannelId: '19:escalations@thread.tacv2',
    });
  });

  it('requires the storage connection string, blank counting as unset', () => {
    expect(problemsOf({ AzureWebJobsStorage: ' ' })).toEqual([
      'AzureWebJobsStorage is required (a storage connection string)',
    ]);
  });

  it.each([
    [
      'REMINDER_AFTER_HOURS',
      'soon',
      'REMINDER_AFTER_HOURS must be a number of hours between 0 and 336',
    ],
    [
      'REMINDER_AFTER_HOURS',
      '337',
      'REMINDER_AFTER_HOURS must be a number of hours between 0 and 336',
    ],
    [
      'APPROVAL_REMINDER_HOURS',
      '0',
      'APPROVAL_REMINDER_HOURS must be a number of hours between 0 and 144',
    ],
    [
      'ESCALATE_AFTER_HOURS',
      '-1',
      'ESCALATE_AFTER_HOURS must be a number of hours between 0 and 336',
    ],
    [
      'APPROVAL_EXPIRES_AFTER_HOURS',
      'Infinity',
      'APPROVAL_EXPIRES_AFTER_HOURS must be a number of hours between 0 and 720',
    ],
  ])('refuses %s=%j, naming the setting', (name, value, problem) => {
    expect(problemsOf({ AzureWebJobsStorage: STORAGE, [name]: value })).toEqual([problem]);
  });

  it('refuses an escalation that would come after the approval has expired', () => {
    expect(
      problemsOf({
        AzureWebJobsStorage: STORAGE,
        ESCALATE_AFTER_HOURS: '72',
        APPROVAL_EXPIRES_AFTER_HOURS: '72',
      }),
    ).toEqual(['ESCALATE_AFTER_HOURS must be shorter than APPROVAL_EXPIRES_AFTER_HOURS']);
  });

  it('reports all problems at once', () => {
    expect(problemsOf({ REMINDER_AFTER_HOURS: 'x', APPROVAL_REMINDER_HOURS: 'y' })).toHaveLength(3);
  });
});

describe('getAppSettings', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    resetConfigCache();
  });

  it('reads process.env once and keeps the result until the cache is reset', () => {
    vi.stubEnv('AzureWebJobsStorage', 'UseDevelopmentStorage=true');
    vi.stubEnv('REMINDER_AFTER_HOURS', '6');
    resetConfigCache();
    const settings = getAppSettings();
    expect(settings.reminderAfterHours).toBe(6);

    vi.stubEnv('REMINDER_AFTER_HOURS', '7');
    expect(getAppSettings()).toBe(settings);

    resetConfigCache();
    expect(getAppSettings().reminderAfterHours).toBe(7);
  });

  it('keeps no failure: once the setting is fixed the next call succeeds', () => {
    vi.stubEnv('AzureWebJobsStorage', '');
    resetConfigCache();
    expect(() => getAppSettings()).toThrow(ConfigError);

    vi.stubEnv('AzureWebJobsStorage', 'UseDevelopmentStorage=true');
    expect(getAppSettings().storageConnectionString).toBe('UseDevelopmentStorage=true');
  });
});
