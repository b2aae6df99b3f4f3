import { z } from 'zod';
import { setting, type SettingsEnv } from './setting';

/**
 * How the app reaches its storage account (Tables, Blobs): a connection string (Azurite, account
 * keys), or the function app's managed identity with the identity-based `AzureWebJobsStorage__*`
 * settings the Functions host reads as well.
 */
export type StorageSettings =
  | { readonly kind: 'connection-string'; readonly connectionString: string }
  | {
      readonly kind: 'identity';
      /** e.g. `https://<account>.blob.core.windows.net`, no trailing slash. */
      readonly blobServiceUri: string;
      readonly tableServiceUri: string;
      /** The user-assigned identity's client id; absent means the system-assigned identity. */
      readonly clientId?: string;
    };

const storageSettingsSchema = z.object({
  AzureWebJobsStorage: setting,
  AzureWebJobsStorage__accountName: setting,
  AzureWebJobsStorage__blobServiceUri: setting,
  AzureWebJobsStorage__queueServiceUri: setting,
  AzureWebJobsStorage__tableServiceUri: setting,
  AzureWebJobsStorage__credential: setting,
  AzureWebJobsStorage__clientId: setting,
  AzureWebJobsStorage__managedIdentityResourceId: setting,
  AzureWebJobsStorage__serviceUri: setting,
});

type RawStorageSettings = z.infer<typeof storageSettingsSchema>;

const IDENTITY_SETTINGS = [
  'AzureWebJobsStorage__accountName',
  'AzureWebJobsStorage__blobServiceUri',
  'AzureWebJobsStorage__queueServiceUri',
  'AzureWebJobsStorage__tableServiceUri',
  'AzureWebJobsStorage__credential',
  'AzureWebJobsStorage__clientId',
  'AzureWebJobsStorage__managedIdentityResourceId',
  'AzureWebJobsStorage__serviceUri',
] as const;

// https://learn.microsoft.com/azure/storage/common/storage-account-overview#storage-account-name
const accountNameSchema = z.string().regex(/^[a-z0-9]{3,24}$/);

/**
 * Reads the storage settings, adding named problems (never values) to `problems`; undefined when
 * they are unusable.
 */
export function readStorageSettings(
  env: SettingsEnv,
  problems: string[],
): StorageSettings | undefined {
  const raw = storageSettingsSchema.parse(env);
  const identityGiven = IDENTITY_SETTINGS.some((name) => raw[name] !== undefined);
  const connectionString = raw.AzureWebJobsStorage;
  if (connectionString !== undefined && identityGiven) {
    problems.push(
      'AzureWebJobsStorage and the AzureWebJobsStorage__* settings are exclusive: set a connection string or the managed identity settings',
    );
    return undefined;
  }
  if (connectionString !== undefined) {
    return { kind: 'connection-string', connectionString };
  }
  if (!identityGiven) {
    problems.push(
      'AzureWebJobsStorage is required (a storage connection string), or AzureWebJobsStorage__accountName to use the managed identity',
    );
    return undefined;
  }
  return readIdentitySettings(raw, problems);
}

function readIdentitySettings(
  raw: RawStorageSettings,
  problems: string[],
): StorageSettings | undefined {
  const before = problems.length;
  const credential = raw.AzureWebJobsStorage__credential;
  const managedIdentity = credential?.toLowerCase() === 'managedidentity';
  if (credential !== undefined && !managedIdentity) {
    problems.push('AzureWebJobsStorage__credential must be managedidentity');
  }
  const clientId = raw.AzureWebJobsStorage__clientId;
  if (clientId !== undefined) {
    if (!z.guid().safeParse(clientId).success) {
      problems.push(
        "AzureWebJobsStorage__clientId must be the managed identity's client id, a GUID",
      );
    } else if (credential === undefined) {
      // The Functions host applies clientId only with credential=managedidentity; without it the
      // host would take the system-assigned identity while this app took the user-assigned one.
      problems.push(
        'AzureWebJobsStorage__clientId needs AzureWebJobsStorage__credential set to managedidentity',
      );
    }
  }
  if (raw.AzureWebJobsStorage__managedIdentityResourceId !== undefined) {
    problems.push(
      'AzureWebJobsStorage__managedIdentityResourceId is not supported: name the identity with AzureWebJobsStorage__clientId',
    );
  }
  if (raw.AzureWebJobsStorage__serviceUri !== undefined) {
    // The single-URI form reaches blobs only; Durable Functions needs queues and tables too.
    problems.push(
      'AzureWebJobsStorage__serviceUri is not supported: set AzureWebJobsStorage__accountName, or AzureWebJobsStorage__blobServiceUri and AzureWebJobsStorage__tableServiceUri',
    );
  }

  const accountName = raw.AzureWebJobsStorage__accountName;
  const accountValid =
    accountName !== undefined && accountNameSchema.safeParse(accountName).success;
  if (accountName !== undefined && !accountValid) {
    problems.push(
      'AzureWebJobsStorage__accountName must be a storage account name (3 to 24 lowercase letters and digits)',
    );
  }
  const explicitUri = (name: keyof RawStorageSettings): string | undefined => {
    const value = raw[name];
    if (value === undefined) return undefined;
    const uri = serviceUri(value);
    if (uri === undefined) {
      problems.push(`${name} must be an https URL without a query string`);
    }
    return uri;
  };
  const explicitBlob = explicitUri('AzureWebJobsStorage__blobServiceUri');
  const explicitTable = explicitUri('AzureWebJobsStorage__tableServiceUri');
  // Only the Functions host uses queues; checked so that a typo does not surface there first.
  explicitUri('AzureWebJobsStorage__queueServiceUri');

  // accountName implies the public cloud endpoints (as it does for the host); other clouds and
  // emulators name their service URIs, which take precedence.
  const derived = (service: 'blob' | 'table'): string | undefined =>
    accountValid ? `https://${accountName}.${service}.core.windows.net` : undefined;
  const blobServiceUri = explicitBlob ?? derived('blob');
  const tableServiceUri = explicitTable ?? derived('table');
  if (accountName === undefined) {
    const missing = [
      ...(raw.AzureWebJobsStorage__blobServiceUri === undefined
        ? ['AzureWebJobsStorage__blobServiceUri']
        : []),
      ...(raw.AzureWebJobsStorage__tableServiceUri === undefined
        ? ['AzureWebJobsStorage__tableServiceUri']
        : []),
    ];
    if (missing.length > 0) {
      problems.push(
        `AzureWebJobsStorage__accountName (or ${missing.join(' and ')}) must be set too when the storage uses the managed identity`,
      );
    }
  }
  if (problems.length > before || blobServiceUri === undefined || tableServiceUri === undefined) {
    return undefined;
  }
  return {
    kind: 'identity',
    blobServiceUri,
    tableServiceUri,
    ...(clientId === undefined ? {} : { clientId }),
  };
}

/** An https service URL without query, fragment or credentials, trailing slash removed. */
function serviceUri(value: string): string | undefined {
  if (!URL.canParse(value)) return undefined;
  const url = new URL(value);
  const plain =
    url.protocol === 'https:' &&
    url.search === '' &&
    url.hash === '' &&
    url.username === '' &&
    url.password === '';
  return plain ? url.href.replace(/\/+$/, '') : undefined;
}
