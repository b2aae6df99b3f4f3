import type { CatalogueRow, TypedRow, WithoutPublishedSample } from './catalogue-row';

const alert = (
  fixture: string,
  ids: readonly string[],
  says: readonly string[],
): readonly CatalogueRow[] =>
  (['A', 'B'] as const).map((letter) => ({
    fixture,
    letter,
    ids,
    kind: 'health-alert',
    says,
  }));

export const phsRows: readonly CatalogueRow[] = [
  {
    fixture: 'phs-01-event-611-rpc-1722-server-unavailable.txt',
    letter: 'A',
    ids: ['phs-611-rpc-1722-dc-unreachable'],
    kind: 'event-log',
    says: ['TCP port 135', 'Only use preferred domain controllers'],
  },
  {
    fixture: 'phs-02-event-611-rpc-8333-directory-object-not-found.txt',
    letter: 'A',
    ids: ['phs-611-rpc-8333-object-not-found'],
    kind: 'event-log',
    says: ['Directory object not found', 'DNS name resolution'],
  },
  {
    fixture: 'phs-04-event-611-password-sync-failed-for-domain.txt',
    letter: 'A',
    ids: ['phs-611-generic'],
    kind: 'event-log',
    says: ['Replicate Directory Changes All', 'Get-ADSyncPartitionPasswordSyncState'],
  },
  {
    fixture: 'phs-05-event-6900-password-sync-not-activated-error-90.txt',
    letter: 'A',
    ids: ['phs-not-activated-error-90'],
    kind: 'event-log',
    says: ['Set-ADSyncAADPasswordSyncState', 'Customize synchronization options'],
  },
  ...alert(
    'phs-06-alert-phs-heartbeat-skipped-120-minutes.txt',
    ['alert-phs-heartbeat-skipped'],
    ['Services.msc', 'staging mode'],
  ),
  ...alert(
    'phs-07-alert-phs-stopped-working.txt',
    ['alert-phs-stopped'],
    ['Microsoft Entra ID Sync', 'Restart'],
  ),
  ...alert(
    'phs-08-alert-sync-service-not-running.txt',
    ['alert-sync-service-not-running'],
    ['Services.msc', 'Get-Service ADSync'],
  ),
  ...alert(
    'phs-09-alert-export-stopped-accidental-delete-threshold.txt',
    ['alert-accidental-delete-threshold'],
    ['Disable-ADSyncExportDeletionThreshold', 'Enable-ADSyncExportDeletionThreshold'],
  ),
  ...alert(
    'phs-10-alert-health-service-data-not-up-to-date.txt',
    ['alert-health-data-stale'],
    ['not a sync failure', 'Test-AzureADConnectHealthConnectivity'],
  ),
  ...alert(
    'phs-11-alert-connection-to-entra-authentication-failure.txt',
    ['alert-entra-auth-failure'],
    ['906', 'Get-ADSyncRunProfileResult'],
  ),
  ...alert(
    'phs-12-alert-export-to-entra-failed.txt',
    ['alert-export-entra-failed'],
    ['export operation', 'Operations'],
  ),
  ...alert(
    'phs-13-alert-import-from-entra-failed.txt',
    ['alert-import-entra-failed'],
    ['import operation', 'Operations'],
  ),
  ...alert(
    'phs-14-alert-import-from-ad-failed.txt',
    ['alert-import-ad-failed'],
    ['domain controllers', 'Test-NetConnection'],
  ),
  ...alert(
    'phs-15-alert-export-to-ad-failed.txt',
    ['alert-export-ad-failed'],
    ['Active Directory connector', 'Operations'],
  ),
  ...alert(
    'phs-16-alert-high-cpu-usage.txt',
    ['alert-high-cpu'],
    ['resource warning', 'Sort-Object -Descending CPU'],
  ),
  ...alert(
    'phs-17-alert-high-memory-consumption.txt',
    ['alert-high-memory'],
    ['resource warning', 'Sort-Object -Descending WS'],
  ),
];

const tableCellOnly = (article: string): string =>
  `The message is published only as a markdown table cell in ${article} (SupportArticles-docs, read 2026-12-07), never as a pasted event; searched entra-docs and SupportArticles-docs for the event text.`;

export const phsWithoutSample: WithoutPublishedSample = {
  'phs-611-rpc-8453-replication-access-denied': tableCellOnly(
    'pwd-hash-sync-stops-work.md (section More information) and rpc-errors-affecting-aadconnect.md (error code table)',
  ),
  'phs-657-user-failed': tableCellOnly('troubleshoot-pwd-sync.md (event 657 and event 0 rows)'),
  'phs-user-not-in-target':
    'The statuses are published only in the status table of tshoot-connect-password-hash-synchronization.md (entra-docs, read 2026-12-07); the troubleshooting task output is a screenshot (phssingleobject*.png).',
  'phs-user-temporary-password':
    'The status FilteredByTarget is published only in the status table of tshoot-connect-password-hash-synchronization.md (entra-docs, read 2026-12-07); the troubleshooting task output is a screenshot.',
  'phs-no-heartbeat':
    'The string is in the "Get the status of password sync settings" script of tshoot-connect-password-hash-synchronization.md (entra-docs); its output is published only as a screenshot (phsglobalnoheartbeat.png); find_string found no captured output.',
  'phs-waiting-full-sync':
    'Event 613 is described only in the event table of tshoot-connect-password-hash-synchronization.md (entra-docs, read 2026-12-07); no copied event was found.',
  'phs-event-error': tableCellOnly(
    'troubleshoot-pwd-sync.md (events 652 and 655) and the event id table of tshoot-connect-password-hash-synchronization.md',
  ),
};

export const phsTyped: readonly TypedRow[] = [
  {
    text: 'Password synchronization failed for domain: Contoso.com. Details: Microsoft.Online.PasswordSynchronization.DirectoryReplicationServices.DrsException: RPC Error 8453: Replication access was denied. There was an error calling _IDL_DRSGetNCChanges.',
    ids: ['phs-611-rpc-8453-replication-access-denied'],
  },
  {
    text: 'Password Change Result - Anchor: abc123==, Dn: CN=Jane Doe,OU=Users,DC=contoso,DC=com, Result: Failed.',
    ids: ['phs-657-user-failed'],
  },
  {
    text: 'The following password changes failed to synchronized and have scheduled for retry. DN = CN=Jane Doe,OU=Users,DC=contoso,DC=com',
    ids: ['phs-657-user-failed'],
  },
  { text: 'Status: TargetNotExportedToDirectory', ids: ['phs-user-not-in-target'] },
  { text: 'Status: FilteredByTarget', ids: ['phs-user-temporary-password'] },
  { text: 'No ping event found within last 3 hours.', ids: ['phs-no-heartbeat'] },
  {
    text: 'The password sync agent has paused because directory full sync has not yet completed.',
    ids: ['phs-waiting-full-sync'],
  },
  {
    text: 'Failed credential provisioning batch. Error: Microsoft.Online.Coexistence.ProvisionException: An error occurred. Error Code: 90. Error Description: Password Synchronization has not been activated for this company.',
    ids: ['phs-not-activated-error-90'],
  },
  {
    text: 'Failed credential provisioning batch. Error: Microsoft.Online.Coexistence. ProvisionRetryException: An error occurred. Error Code: 81. Error Description: Windows Azure Active Directory is currently busy. This operation will be retried automatically.',
    ids: ['phs-event-error'],
  },
];
