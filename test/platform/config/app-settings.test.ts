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
      storage: { kind: 'connection-string', connectionString: 'UseDevelopmentStorage=true' },
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
      storage: { kind: 'connection-string', connectionString: STORAGE },
      reminderAfterHours: 0.5,
      approvalReminderHours: 2,
      escalateAfterHours: 12,
      approvalExpiresAfterHours: 36,
      escalationChannelId: '19:escalations@thread.tacv2',
    });
  });

  it('requires the storage connection string or the identity settings, blank counting as unset', () => {
    expect(problemsOf({ AzureWebJobsStorage: ' ', AzureWebJobsStorage__accountName: '' })).toEqual([
      'AzureWebJobsStorage is required (a storage connection string), or AzureWebJobsStorage__accountName to use the managed identity',
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

/** Problems of identity settings, checking that no value but the credential's keyword is shown. */
function identityProblemsOf(env: Record<string, string>): readonly string[] {
  const values = Object.values(env).filter(
    (value) => value.length > 3 && value.toLowerCase() !== 'managedidentity',
  );
  return configProblems(loadAppSettings, env, [ACCOUNT_KEY, ...values]);
}

describe('loadAppSettings with the managed identity for storage', () => {
  const CLIENT_ID = '7d3c2b1a-0000-4000-8000-0000000000aa';
  const identity = {
    AzureWebJobsStorage__accountName: 'contosomigration',
    AzureWebJobsStorage__credential: 'managedidentity',
    AzureWebJobsStorage__clientId: CLIENT_ID,
  };

  it.each([
    [
      'the account name and a user-assigned identity (what the infrastructure sets)',
      identity,
      {
        kind: 'identity',
        blobServiceUri: 'https://contosomigration.blob.core.windows.net',
        tableServiceUri: 'https://contosomigration.table.core.windows.net',
        clientId: CLIENT_ID,
      },
    ],
    [
      'the account name alone: the system-assigned identity',
      { AzureWebJobsStorage__accountName: 'contosomigration' },
      {
        kind: 'identity',
        blobServiceUri: 'https://contosomigration.blob.core.windows.net',
        tableServiceUri: 'https://contosomigration.table.core.windows.net',
      },
    ],
    [
      'explicit service URIs instead of the account name, trailing slashes removed',
      {
        AzureWebJobsStorage__blobServiceUri: 'https://127.0.0.1:10000/devstoreaccount1/',
        AzureWebJobsStorage__queueServiceUri: 'https://127.0.0.1:10001/devstoreaccount1',
        AzureWebJobsStorage__tableServiceUri: 'https://127.0.0.1:10002/devstoreaccount1',
        AzureWebJobsStorage__credential: 'ManagedIdentity',
        AzureWebJobsStorage__clientId: CLIENT_ID,
      },
      {
        kind: 'identity',
        blobServiceUri: 'https://127.0.0.1:10000/devstoreaccount1',
        tableServiceUri: 'https://127.0.0.1:10002/devstoreaccount1',
        clientId: CLIENT_ID,
      },
    ],
    [
      'an explicit URI over the one the account name implies (a national cloud)',
      {
        ...identity,
        AzureWebJobsStorage__tableServiceUri:
          'https://contosomigration.table.core.usgovcloudapi.net',
      },
      {
        kind: 'identity',
        blobServiceUri: 'https://contosomigration.blob.core.windows.net',
        tableServiceUri: 'https://contosomigration.table.core.usgovcloudapi.net',
        clientId: CLIENT_ID,
      },
    ],
  ])('reads %s', (_, env, storage) => {
    expect(loadAppSettings(env).storage).toEqual(storage);
  });

  it.each([
    [
      'a connection string as well',
      { ...identity, AzureWebJobsStorage: STORAGE },
      'AzureWebJobsStorage and the AzureWebJobsStorage__* settings are exclusive: set a connection string or the managed identity settings',
    ],
    [
      'an account name with capitals',
      { ...identity, AzureWebJobsStorage__accountName: 'ContosoMigration' },
      'AzureWebJobsStorage__accountName must be a storage account name (3 to 24 lowercase letters and digits)',
    ],
    [
      'an account name that is too long',
      { ...identity, AzureWebJobsStorage__accountName: 'contosomigrationstorage01' },
      'AzureWebJobsStorage__accountName must be a storage account name (3 to 24 lowercase letters and digits)',
    ],
    [
      'another credential',
      { ...identity, AzureWebJobsStorage__credential: 'clientsecret' },
      'AzureWebJobsStorage__credential must be managedidentity',
    ],
    [
      'a client id that is not a GUID',
      { ...identity, AzureWebJobsStorage__clientId: 'contoso-migration-identity' },
      "AzureWebJobsStorage__clientId must be the managed identity's client id, a GUID",
    ],
    [
      'a client id without credential=managedidentity',
      { ...identity, AzureWebJobsStorage__credential: '' },
      'AzureWebJobsStorage__clientId needs AzureWebJobsStorage__credential set to managedidentity',
    ],
    [
      'a plain http table URI',
      {
        ...identity,
        AzureWebJobsStorage__tableServiceUri: 'http://127.0.0.1:10002/devstoreaccount1',
      },
      'AzureWebJobsStorage__tableServiceUri must be an https URL without a query string',
    ],
    [
      'a blob URI carrying a SAS token',
      {
        ...identity,
        AzureWebJobsStorage__blobServiceUri: `https://contosomigration.blob.core.windows.net/?sv=2024-11-04&sig=${ACCOUNT_KEY}`,
      },
      'AzureWebJobsStorage__blobServiceUri must be an https URL without a query string',
    ],
    [
      'a queue URI that is not a URL',
      { ...identity, AzureWebJobsStorage__queueServiceUri: 'contosomigration.queue' },
      'AzureWebJobsStorage__queueServiceUri must be an https URL without a query string',
    ],
    [
      'the identity without an account',
      {
        AzureWebJobsStorage__credential: 'managedidentity',
        AzureWebJobsStorage__clientId: CLIENT_ID,
      },
      'AzureWebJobsStorage__accountName (or AzureWebJobsStorage__blobServiceUri and AzureWebJobsStorage__tableServiceUri) must be set too when the storage uses the managed identity',
    ],
    [
      'a blob URI without the table URI',
      {
        AzureWebJobsStorage__blobServiceUri: 'https://contosomigration.blob.core.windows.net',
        AzureWebJobsStorage__credential: 'managedidentity',
      },
      'AzureWebJobsStorage__accountName (or AzureWebJobsStorage__tableServiceUri) must be set too when the storage uses the managed identity',
    ],
    [
      'a resource id for the identity',
      {
        AzureWebJobsStorage__accountName: 'contosomigration',
        AzureWebJobsStorage__credential: 'managedidentity',
        AzureWebJobsStorage__managedIdentityResourceId:
          '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-migration',
      },
      'AzureWebJobsStorage__managedIdentityResourceId is not supported: name the identity with AzureWebJobsStorage__clientId',
    ],
    [
      'the blob-only serviceUri form',
      {
        AzureWebJobsStorage__accountName: 'contosomigration',
        AzureWebJobsStorage__serviceUri: 'https://contosomigration.blob.core.windows.net',
      },
      'AzureWebJobsStorage__serviceUri is not supported: set AzureWebJobsStorage__accountName, or AzureWebJobsStorage__blobServiceUri and AzureWebJobsStorage__tableServiceUri',
    ],
  ])('refuses %s, naming the setting and not its value', (_, env, problem) => {
    expect(identityProblemsOf(env)).toEqual([problem]);
  });

  it('reports every identity problem at once', () => {
    expect(
      identityProblemsOf({
        AzureWebJobsStorage__accountName: 'x',
        AzureWebJobsStorage__credential: 'connectionstring',
        AzureWebJobsStorage__clientId: 'id',
        AzureWebJobsStorage__blobServiceUri: 'ftp://blob',
      }),
    ).toEqual([
      'AzureWebJobsStorage__credential must be managedidentity',
      "AzureWebJobsStorage__clientId must be the managed identity's client id, a GUID",
      'AzureWebJobsStorage__accountName must be a storage account name (3 to 24 lowercase letters and digits)',
      'AzureWebJobsStorage__blobServiceUri must be an https URL without a query string',
    ]);
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
    expect(getAppSettings().storage).toEqual({
      kind: 'connection-string',
      connectionString: 'UseDevelopmentStorage=true',
    });
  });
});
