import type { CatalogueRow, TypedRow, WithoutPublishedSample } from './catalogue-row';

const otherService = 'engine-15-scm-7038-7041-other-service.txt';

export const engineRows: readonly CatalogueRow[] = [
  {
    fixture: 'engine-01-adsync-service-logon-failure-7038-7000-7031.txt',
    letter: 'A',
    ids: ['engine-adsync-service-logon-failure'],
    kind: 'event-log',
    says: ['User must change password at next logon', 'Log On'],
  },
  {
    fixture: 'engine-01-adsync-service-logon-failure-7038-7000-7031.txt',
    letter: 'B',
    ids: ['engine-adsync-service-logon-failure'],
    kind: 'event-log',
    says: ['service account', 'Services.msc'],
  },
  {
    fixture: 'engine-02-adsync-encryption-key-6028.txt',
    letter: 'A',
    ids: ['engine-adsync-encryption-key-inaccessible'],
    kind: 'event-log',
    says: ['DPAPI', 'miiskmu.exe /a', 'Add-ADSyncAADServiceAccount'],
  },
  {
    fixture: 'engine-03-ad-connector-credentials-invalid-6000.txt',
    letter: 'A',
    ids: ['engine-ad-connector-credentials-invalid'],
    kind: 'event-log',
    says: ['Connect to Active Directory Forest', 'Restart-Service ADSync'],
  },
  {
    fixture: 'engine-04-localdb-model-database-corruption.txt',
    letter: 'A',
    ids: ['engine-localdb-not-starting'],
    kind: 'event-log',
    says: ['error.log', 'Error: 9003', '2.1.1.0'],
  },
  {
    fixture: 'engine-04-localdb-model-database-corruption.txt',
    letter: 'B',
    ids: ['engine-localdb-not-starting'],
    kind: 'event-log',
    says: ['login timeout', 'ADSync2019'],
  },
  {
    fixture: 'engine-04-localdb-model-database-corruption.txt',
    letter: 'C',
    ids: ['engine-localdb-model-database-corruption'],
    kind: 'event-log',
    says: ['old_model.mdf', 'Binn\\Templates', '2.1.1.0'],
  },
  {
    fixture: 'engine-05-localdb-10gb-limit-6323.txt',
    letter: 'A',
    ids: ['engine-localdb-out-of-disk-space'],
    kind: 'event-log',
    says: ['10 GB', 'DBCC Shrinkdatabase(ADSync,1);', 'PurgeRunHistoryInterval'],
  },
  {
    fixture: 'engine-06-tvp-utf8-beta-6301.txt',
    letter: 'A',
    ids: ['engine-tvp-utf8-system-locale'],
    kind: 'event-log',
    says: ['Use Unicode UTF-8 for worldwide language support', 'Change system locale'],
  },
  {
    fixture: 'engine-07-delta-import-size-limit-6050.txt',
    letter: 'A',
    ids: ['engine-run-profile-connectivity-issues'],
    kind: 'event-log',
    says: ['Size Limit Exceeded', 'Full Import'],
  },
  {
    fixture: 'engine-08-deletion-threshold-116.txt',
    letter: 'A',
    ids: ['engine-deletion-threshold-exceeded'],
    kind: 'event-log',
    says: ['Pending Export', 'Disable-ADSyncExportDeletionThreshold'],
  },
  {
    fixture: 'engine-08-deletion-threshold-116.txt',
    letter: 'B',
    ids: ['engine-run-stopped-deletion-threshold-exceeded'],
    kind: 'pasted-error',
    says: ['500 by default', 'Enable-ADSyncExportDeletionThreshold'],
  },
  {
    fixture: 'engine-09-export-error-6941-duplicate-attribute.txt',
    letter: 'A',
    ids: ['engine-export-attribute-value-must-be-unique'],
    kind: 'event-log',
    says: ['already assigned to another object', 'source directory'],
  },
  {
    fixture: 'engine-09-export-error-6941-duplicate-attribute.txt',
    letter: 'B',
    ids: ['engine-export-invalid-soft-match'],
    kind: 'event-log',
    says: ['immutableId', 'soft match'],
  },
  {
    fixture: 'engine-10-export-error-type-114-delete-not-valid.txt',
    letter: 'A',
    ids: ['engine-export-delete-not-valid'],
    kind: 'pasted-error',
    says: ['DeletingCloudOnlyObjectNotAllowed', 'soft-delete'],
  },
  {
    fixture: 'engine-10-export-error-type-114-delete-not-valid.txt',
    letter: 'B',
    ids: ['engine-export-delete-not-valid'],
    kind: 'pasted-error',
    says: ['Recycle Bin', '0x8023134a'],
  },
  {
    fixture: 'engine-11-aad-connector-import-keynotfound-6801-109.txt',
    letter: 'A',
    ids: ['engine-aad-import-keynotfound-device'],
    kind: 'event-log',
    says: ['Select Object Types', 'device'],
  },
  {
    fixture: 'engine-11-aad-connector-import-keynotfound-6801-109.txt',
    letter: 'B',
    ids: ['engine-aad-import-keynotfound-device'],
    kind: 'event-log',
    says: ['KeyNotFoundException', 'Select Object Types'],
  },
  {
    fixture: 'engine-12-unauthenticated-proxy-event0-906.txt',
    letter: 'A',
    ids: ['engine-unauthenticated-proxy-getauthstate'],
    kind: 'event-log',
    says: ['machine.config', 'usesystemdefault="true"'],
  },
  {
    fixture: 'engine-13-directory-quota-exceeded-error-016.txt',
    letter: 'A',
    ids: ['engine-directory-quota-exceeded'],
    kind: 'health-alert',
    says: ['300,000', 'verify a domain'],
  },
  {
    fixture: 'engine-14-run-status-stopped-server-down-dll-exception.txt',
    letter: 'A',
    ids: ['engine-run-stopped-server-down', 'run-stopped-extension-dll-exception'],
    kind: 'pasted-error',
    says: ['Password never expires', 'Connectivity (UserName)'],
  },
  // Service Control Manager 7041 and 7038 of another service (MSSQLSERVER): none of ours, only the
  // catch-all for an error event the catalogue does not know.
  ...(['A', 'B', 'C', 'D'] as const).map((letter): CatalogueRow => ({
    fixture: otherService,
    letter,
    ids: ['event-not-in-catalogue'],
    kind: 'event-log',
    says: [],
  })),
];

const gaps =
  'searched find_string ("Source: ADSync", "Event ID:      6900") and the docs, code and pages corpora (fixtures-21/engine/CATALOGUE.md, "Not found / gaps").';
const syncErrorsPage = 'entra-docs connect/tshoot-connect-sync-errors.md';

export const engineWithoutSample: WithoutPublishedSample = {
  'engine-adsync-service-logon-right-missing':
    'No ADSync 7041 text is published: Learn user-prov-sync/services-sync-not-start names the missing rights only; the one published 7041 block is for MSSQLSERVER (engine-15-scm-7038-7041-other-service.txt (A), recognised as none of ours).',
  'engine-adsync-service-not-running': `The only 7031 text found is a blog (engine-01-adsync-service-logon-failure-7038-7000-7031.txt (B)), where the 7000 logon failure beside it explains it; no Learn page prints 7000/7024/7031 for ADSync; ${gaps}`,
  'engine-run-stopped-database-disk-full':
    'Its only published sample (engine-05-localdb-10gb-limit-6323.txt (A)) sits beside the event 6323 sentence, which explains it; find_string "stopped-database-disk-full" found only translations and a script comment.',
  'engine-sync-engine-unexpected-error':
    'Its only published 6301 block (engine-06-tvp-utf8-beta-6301.txt (A)) carries the rcvtvp.h BAIL lines, so the UTF-8 locale entry explains it; find_string "Source: ADSync" found no other 6301.',
  'engine-delta-import-size-limit-exceeded':
    'Learn user-prov-sync/size-limit-exceeded.md gives "Size Limit Exceeded" and 0x4 only in prose and a screenshot of the connection status; its 6050 block (engine-07-delta-import-size-limit-6050.txt) does not contain them.',
  'engine-run-no-start-credentials': `Learn how-to-connect-sync-change-addsacct-pass.md and installation-configuration-wizard-errors.md name the status only in prose and a table; ${gaps}`,
  'engine-run-failed-search':
    'Learn user-prov-sync/troubleshoot-aad-connect-objects-attributes.md names the status only in prose; no run-result output holding it was found.',
  'engine-run-no-start-ma':
    'Learn user-prov-sync/troubleshoot-aad-connect-objects-attributes.md names the status only in prose; no run-result output holding it was found.',
  'engine-export-invalid-hard-match': `${syncErrorsPage} describes InvalidHardMatch without a sample output; find_string found no event or export error text.`,
  'engine-export-object-type-mismatch': `${syncErrorsPage} describes ObjectTypeMismatch without a sample output; none found in the code or pages corpora.`,
  'engine-export-identity-data-validation-failed': `${syncErrorsPage} describes IdentityDataValidationFailed without a sample output; none found in the code or pages corpora.`,
  'engine-export-large-object': `${syncErrorsPage} describes LargeObject and ExceededAllowedLength without a sample output; none found in the code or pages corpora.`,
  'engine-export-existing-admin-role-conflict': `${syncErrorsPage} describes Existing Admin Role Conflict without a sample output; none found in the code or pages corpora.`,
  'engine-export-error-6941':
    'Both published 6941 blocks (engine-09-export-error-6941-duplicate-attribute.txt) carry an Error Name whose entry explains it; no 6941 with another error name was found.',
};

export const engineTyped: readonly TypedRow[] = [
  {
    text: 'The ADSync service was unable to log on as CONTOSO\\svc-adsync with the currently configured password due to the following error:\nLogon failure: the user has not been granted the requested logon type at this computer.',
    ids: ['engine-adsync-service-logon-right-missing'],
  },
  {
    text: 'The Microsoft Azure AD Sync service terminated unexpectedly. It has done this 1 time(s).',
    ids: ['engine-adsync-service-not-running'],
  },
  { text: 'stopped-database-disk-full', ids: ['engine-run-stopped-database-disk-full'] },
  {
    text: 'The server encountered an unexpected error in the synchronization engine:',
    ids: ['engine-sync-engine-unexpected-error'],
  },
  {
    text: 'Connection Status: dropped-connection, Size Limit Exceeded, error code 0x4',
    ids: ['engine-delta-import-size-limit-exceeded'],
  },
  { text: 'no-start-credentials', ids: ['engine-run-no-start-credentials'] },
  { text: 'failed-search', ids: ['engine-run-failed-search'] },
  { text: 'no-start-ma', ids: ['engine-run-no-start-ma'] },
  { text: 'InvalidHardMatch', ids: ['engine-export-invalid-hard-match'] },
  { text: 'ObjectTypeMismatch', ids: ['engine-export-object-type-mismatch'] },
  { text: 'IdentityDataValidationFailed', ids: ['engine-export-identity-data-validation-failed'] },
  { text: 'DataValidationFailed', ids: ['engine-export-identity-data-validation-failed'] },
  { text: 'LargeObject', ids: ['engine-export-large-object'] },
  { text: 'ExceededAllowedLength', ids: ['engine-export-large-object'] },
  { text: 'Existing Admin Role Conflict', ids: ['engine-export-existing-admin-role-conflict'] },
  { text: 'ECMA2 MA export run caused an error.', ids: ['engine-export-error-6941'] },
];
