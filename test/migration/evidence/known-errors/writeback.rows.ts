import type { CatalogueRow, TypedRow, WithoutPublishedSample } from './catalogue-row';

const serviceBus = 'writeback-01-writeback-service-bus-unreachable-time-skew.txt';
const remoteSam = 'writeback-02-writeback-sspr0029-access-denied-remote-sam.txt';
const ldapSignEncrypt = 'writeback-03-writeback-8023062c-ldap-not-signed-encrypted.txt';
const passwordPolicy = 'writeback-04-writeback-blocked-by-onprem-password-policy.txt';
const oldPassword = 'writeback-08-entra-connector-account-old-password-aadsts50054.txt';
const rpcUnavailable = 'writeback-12-event-6329-password-set-0x6ba.txt';

export const writebackRows: readonly CatalogueRow[] = [
  {
    fixture: serviceBus,
    letter: 'A',
    ids: ['writeback-service-bus-unreachable'],
    kind: 'event-log',
    says: ['*.servicebus.windows.net', 'authoritative time source'],
  },
  {
    fixture: serviceBus,
    letter: 'B',
    ids: ['writeback-unable-to-configure'],
    kind: 'wizard-error',
    says: ['license', 'authoritative time source', 'TLS 1.2'],
  },
  {
    fixture: remoteSam,
    letter: 'A',
    ids: ['writeback-6329-remote-sam-access-denied'],
    kind: 'event-log',
    says: ['Restrict clients allowed to make remote calls to SAM', 'RestrictRemoteSam'],
  },
  {
    fixture: remoteSam,
    letter: 'B',
    ids: ['writeback-sspr-0029'],
    kind: 'pasted-error',
    says: ['MSOL_', 'ERROR_ACCESS_DENIED'],
  },
  {
    fixture: ldapSignEncrypt,
    letter: 'A',
    ids: ['writeback-ldap-sign-encrypt-required'],
    kind: 'event-log',
    says: ['Sign and Encrypt LDAP Traffic', '128-bit TLS'],
  },
  {
    fixture: passwordPolicy,
    letter: 'A',
    ids: ['writeback-onprem-password-policy'],
    kind: 'pasted-error',
    says: ['net accounts', 'PASSWD_CANT_CHANGE'],
  },
  {
    fixture: passwordPolicy,
    letter: 'B',
    ids: ['writeback-onprem-password-policy'],
    kind: 'event-log',
    says: ['Get-ADDefaultDomainPasswordPolicy', 'Password writeback works'],
  },
  {
    fixture: oldPassword,
    letter: 'A',
    ids: ['signin-aadsts50054-old-password'],
    kind: 'event-log',
    says: ['Add-ADSyncAADServiceAccount -AADCredential $credential', 'Sync_'],
  },
  {
    fixture: oldPassword,
    letter: 'B',
    ids: ['signin-aadsts50054-old-password'],
    kind: 'event-log',
    says: ['Add-ADSyncAADServiceAccount -AADCredential $credential', 'event 659'],
  },
  {
    fixture: rpcUnavailable,
    letter: 'A',
    ids: ['writeback-6329-rpc-server-unavailable'],
    kind: 'event-log',
    says: ['RPC error 1722', 'Test-NetConnection <domain controller> -Port 135'],
  },
];

const writebackTable =
  'Learn troubleshoot-sspr-writeback prints it only as a cell of its event tables ("Password writeback event log error codes"); no event block or captured message found in entra-docs, SupportArticles-docs (user-prov-sync/password-writeback-*), or with find_string/pages searches';

const ssprTable =
  'Learn troubleshoot-sspr (entra-docs docs/identity/authentication/troubleshoot-sspr.md) lists it only in its "SSPR errors that a user might see" table; no captured page found';

export const writebackWithoutSample: WithoutPublishedSample = {
  'writeback-6329-ldap-policy-control-missing': writebackTable,
  'writeback-6329-forest-not-enabled': `${writebackTable}; the 0x8023061f text is quoted in its "Common password writeback errors" table`,
  'writeback-connector-password-too-long':
    'Only quoted in a cell of Learn troubleshoot-sspr-writeback ("Common password writeback errors", entra-docs docs/identity/authentication/troubleshoot-sspr-writeback.md); no event block found in SupportArticles-docs or pages searches',
  'writeback-duplicate-anchor': writebackTable,
  'writeback-user-not-found': writebackTable,
  'writeback-ad-permissions-denied':
    'Learn gives only the table cell (33004 ADPermissionsError, docs/identity/authentication/troubleshoot-sspr-writeback.md) and a paraphrase; the one full 33004/6329 0x80230626 sample found (http://c7solutions.com/2015/07/password-writeback-errors, via pages search) is third-party and not copied',
  'writeback-user-account-state': writebackTable,
  'writeback-ad-error': writebackTable,
  'writeback-onboarding-auth-token':
    'Learn troubleshoot-sspr-writeback quotes only "Error getting auth token." in a table cell and names 32011/32013/31014 in its event table; no event block found in SupportArticles-docs support/entra/entra-id/user-prov-sync/password-writeback-* articles',
  'writeback-configuration-key-error': writebackTable,
  'writeback-endpoint-not-started':
    'Its only published text (SupportArticles user-prov-sync/unable-configure-pwd-writeback-error.md, fixture writeback-01 (A)) comes with the Service Bus events that explain it; Learn troubleshoot-sspr-writeback names event 6800 without its text',
  'writeback-service-stopped': writebackTable,
  'writeback-password-set-failed':
    'Its only published block (SupportArticles user-prov-sync/rpc-errors-affecting-aadconnect.md Example 3, fixture writeback-12) carries 0x6ba, which the specific RPC entry explains; Example 4 is a screenshot',
  'writeback-password-operation-failed': writebackTable,
  'writeback-service-bus-retries': writebackTable,
  'writeback-sspr-0030': ssprTable,
  'writeback-sspr-0010': ssprTable,
  'signin-aadsts70002-credentials-invalid':
    'Learn docs/identity/hybrid/connect/how-to-connect-azureadaccount.md prints AADSTS70002 only together with AADSTS50054 (fixture writeback-08), which the specific entry explains; no other published Entra Connect text found',
};

export const writebackTyped: readonly TypedRow[] = [
  {
    text: "MMS(3040): admaexport.cpp(2837): The server doesn't contain the LDAP password policy control.",
    ids: ['writeback-6329-ldap-policy-control-missing'],
  },
  {
    text: 'The application event log contains Microsoft Entra Connect error 6329 with the text "0x8023061f (The operation failed because password synchronization is not enabled on this Management Agent)".',
    ids: ['writeback-6329-forest-not-enabled'],
  },
  {
    text: 'Synchronization Engine returned an error hr=800700CE, message=The filename or extension is too long',
    ids: ['writeback-connector-password-too-long'],
  },
  {
    text: 'Synchronization Engine returned an error hr=80230402, message=An attempt to get an object failed because there are duplicated entries with the same anchor.',
    ids: ['writeback-duplicate-anchor'],
  },
  { text: '| 33003| ADMutliMatchError|', ids: ['writeback-duplicate-anchor'] },
  { text: '| 33002| ADUserNotFoundError|', ids: ['writeback-user-not-found'] },
  { text: '| 33004| ADPermissionsError|', ids: ['writeback-ad-permissions-denied'] },
  {
    text: 'Checking the event logs on the Microsoft Entra Connect system shows that the management agent credential was denied access.',
    ids: ['writeback-ad-permissions-denied'],
  },
  { text: '| 33006| ADUserAccountLockedOut|', ids: ['writeback-user-account-state'] },
  { text: '| 33001| ADUnKnownError|', ids: ['writeback-ad-error'] },
  {
    text: 'The Microsoft Entra Connect application event log contains error 32009 with the text "Error getting auth token."',
    ids: ['writeback-onboarding-auth-token'],
  },
  { text: '| 32011| OnBoardingServiceError|', ids: ['writeback-onboarding-auth-token'] },
  { text: '| 32004| DecryptionError|', ids: ['writeback-configuration-key-error'] },
  {
    text: 'Error <Date> <Time> ADSync 6800 MA Extension "The password management extension encountered an error.',
    ids: ['writeback-endpoint-not-started'],
  },
  { text: '| 31016| WriteBackServiceStopped|', ids: ['writeback-service-stopped'] },
  {
    text: 'Description:   An unexpected error has occurred during a password set operation.',
    ids: ['writeback-password-set-failed'],
  },
  { text: '| 31003 | PasswordResetFail |', ids: ['writeback-password-operation-failed'] },
  { text: '| 32014| ServiceBusWarning|', ids: ['writeback-service-bus-retries'] },
  {
    text: "SSPR_0030: We can't reset your password due to a poor connection with your on-premises environment. Contact your admin and ask them to investigate.",
    ids: ['writeback-sspr-0030'],
  },
  {
    text: "SSPR_0010: We've detected that password writeback hasn't been enabled. Contact your admin and ask them to enable password writeback.",
    ids: ['writeback-sspr-0010'],
  },
  {
    text: 'AADSTS70002: Error validating credentials.',
    ids: ['signin-aadsts70002-credentials-invalid'],
  },
];
