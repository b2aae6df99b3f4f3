import type { CatalogueRow, TypedRow, WithoutPublishedSample } from './catalogue-row';

const staleProductCode = 'wizard-01-stale-product-code-trace-log.txt';
const upgrade1603 = 'wizard-02-upgrade-1603-detectserviceaccount.txt';
const msi25009 = 'wizard-03-msi-error-25009-configure-database.txt';
const comClassFactory = 'wizard-04-com-class-factory-80070005-not-adsyncadmins.txt';
const miisclient = 'wizard-05-miisclient-unable-to-connect-sync-service.txt';
const customGroups = 'wizard-06-custom-sync-groups-not-found-event-906.txt';
const pingProvisioning = 'wizard-07-wizard-ping-provisioning-proxy.txt';
const unexpectedError = 'wizard-08-unable-to-validate-credentials-unexpected-error.txt';
const maNotFound = 'wizard-13-get-adsyncconnector-ma-not-found.txt';
const sqlError26 = 'wizard-14-sql-connectivity-error-26.txt';
const executionPolicy = 'wizard-18-powershell-execution-policy-script-blocked.txt';
const assemblyVersion = 'wizard-19-generic-ldap-connector-assembly-version-after-upgrade.txt';

/**
 * The installation wizard, Windows Installer and the operator's own rights. Not used: 09-12 and 17
 * (the retired DirSync tool only), 15 (LocalDB model corruption: the sync engine's area) and 16 (the
 * wizard's password writeback message: the writeback area's); 07 (C) is DirSync's event 0.
 */
export const setupRows: readonly CatalogueRow[] = [
  {
    fixture: staleProductCode,
    letter: 'A',
    ids: ['setup-stale-product-code'],
    kind: 'wizard-error',
    says: ['product code', 'MSIEXEC /x'],
  },
  {
    fixture: staleProductCode,
    letter: 'B',
    ids: ['setup-stale-product-code'],
    kind: 'wizard-error',
    says: ['KB3139923', 'initial page set'],
  },
  {
    fixture: staleProductCode,
    letter: 'C',
    ids: ['setup-stale-product-code'],
    kind: 'wizard-error',
    says: ['stale product code', 'Program Install and Uninstall troubleshooter'],
  },
  {
    fixture: staleProductCode,
    letter: 'D',
    ids: ['setup-msi-25019-adsync-registry-key'],
    kind: 'installer-error',
    says: ['WIX_UPGRADE_DETECTED', 'EXECUTE_UNINSTALL="1"', 'Error 25019'],
  },
  {
    fixture: staleProductCode,
    letter: 'E',
    ids: ['setup-msi-25019-adsync-registry-key'],
    kind: 'installer-error',
    says: ['ADSync\\Parameters', 'MSIEXEC /x'],
  },
  {
    fixture: staleProductCode,
    letter: 'F',
    ids: [],
    kind: 'wizard-error',
    says: [],
  },
  {
    fixture: upgrade1603,
    letter: 'A',
    ids: ['setup-sync-service-install-failed'],
    kind: 'installer-error',
    says: ['Return value 3', 'Unable to upgrade the Synchronization Service'],
  },
  {
    fixture: upgrade1603,
    letter: 'B',
    ids: ['setup-upgrade-1603-service-account-upn'],
    kind: 'installer-error',
    says: ['Domain\\SamAccountName', 'Log On', 'DetectServiceAccount'],
  },
  {
    fixture: msi25009,
    letter: 'A',
    ids: ['setup-msi-25009-database'],
    kind: 'installer-error',
    says: ['A required privilege is not held by the client', 'SQL delegated administrator'],
  },
  {
    fixture: msi25009,
    letter: 'B',
    ids: ['setup-msi-25009-database'],
    kind: 'installer-error',
    says: ['ADSync database', 'ALTER DATABASE'],
  },
  {
    fixture: comClassFactory,
    letter: 'A',
    ids: ['operator-com-class-factory-80070005'],
    kind: 'permission-error',
    says: ['ADSyncAdmins', 'sign out of Windows and sign in again', 'CSLID'],
  },
  {
    fixture: comClassFactory,
    letter: 'B',
    ids: ['operator-com-class-factory-80070005'],
    kind: 'permission-error',
    says: ['compmgmt.msc', 'Run as administrator', 'CLSID'],
  },
  {
    fixture: miisclient,
    letter: 'A',
    ids: ['operator-sync-service-manager-no-access'],
    kind: 'permission-error',
    says: ['Get-Service ADSync', 'ADSyncOperators', 'sign in again'],
  },
  {
    fixture: customGroups,
    letter: 'A',
    ids: ['setup-sync-service-install-failed'],
    kind: 'installer-error',
    says: ['Return value 3', 'Unable to install the Synchronization Service'],
  },
  {
    fixture: customGroups,
    letter: 'B',
    ids: ['setup-custom-sync-groups-not-found'],
    kind: 'installer-error',
    says: ['Domain\\GroupName', 'ADSyncPasswordSet', 'event 906'],
  },
  {
    fixture: pingProvisioning,
    letter: 'A',
    ids: ['setup-wizard-cannot-reach-entra-proxy'],
    kind: 'wizard-error',
    says: ['machine.config', 'PingProvisioningServiceEndPoint'],
  },
  {
    fixture: pingProvisioning,
    letter: 'B',
    ids: ['setup-wizard-cannot-reach-entra-proxy'],
    kind: 'wizard-error',
    says: ['usesystemdefault="true"', 'Invoke-WebRequest'],
  },
  {
    fixture: unexpectedError,
    ids: ['setup-wizard-credentials-unexpected-error'],
    kind: 'wizard-error',
    says: ['Microsoft account', 'work or school account'],
  },
  {
    fixture: maNotFound,
    letter: 'A',
    ids: ['setup-upgrade-entra-connector-missing'],
    kind: 'wizard-error',
    says: ['b891884f-051e-4a83-95af-2544101c9083', 'clean installation'],
  },
  {
    fixture: sqlError26,
    letter: 'A',
    ids: ['setup-sql-instance-not-found'],
    kind: 'wizard-error',
    says: ['Connect-ADSyncToolsSqlDatabase', 'static TCP port'],
  },
  {
    fixture: executionPolicy,
    letter: 'A',
    ids: ['operator-script-execution-policy'],
    kind: 'permission-error',
    says: ['Set-ExecutionPolicy', 'Run as administrator'],
  },
  {
    fixture: executionPolicy,
    letter: 'B',
    ids: ['operator-script-execution-policy'],
    kind: 'permission-error',
    says: ['-Scope Process', 'running scripts is disabled'],
  },
  {
    fixture: executionPolicy,
    letter: 'C',
    ids: ['operator-script-execution-policy'],
    kind: 'permission-error',
    says: ['not digitally signed', 'Unblock-File'],
  },
  {
    fixture: assemblyVersion,
    letter: 'A',
    ids: ['setup-connector-not-refreshed-after-upgrade'],
    kind: 'wizard-error',
    says: ['Synchronization Service Manager', 'Generic LDAP'],
  },
];

export const setupWithoutSample: WithoutPublishedSample = {
  'setup-wizard-user-realm-discovery-failed':
    'Learn (entra-docs tshoot-connect-connectivity, "Authentication errors") gives only the error name as a heading; the wizard dialog is not published, and the issues and pages corpora had no paste of it.',
  'setup-wizard-unable-to-validate-credentials':
    'Learn (entra-docs tshoot-connect-connectivity, "The installation wizard hasn\'t been correctly configured") shows the dialog only as a screenshot whose alt text reads "Unable to validate credentials"; no pasted text found in the issues or pages corpora.',
  'operator-wizard-admin-role-needed':
    'Learn (entra-docs tshoot-connect-connectivity, "Authentication errors") gives "Microsoft Entra Global Administrator role needed" and "Privileged Identity Management enabled" only as headings; no dialog text or paste found in the issues or pages corpora.',
};

export const setupTyped: readonly TypedRow[] = [
  { text: 'User realm discovery failed', ids: ['setup-wizard-user-realm-discovery-failed'] },
  { text: 'Unable to validate credentials', ids: ['setup-wizard-unable-to-validate-credentials'] },
  {
    text: 'Microsoft Entra Global Administrator role needed',
    ids: ['operator-wizard-admin-role-needed'],
  },
  { text: 'Privileged Identity Management enabled', ids: ['operator-wizard-admin-role-needed'] },
];
