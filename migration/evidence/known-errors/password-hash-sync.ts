import { learnBase, phrase, troubleshootBase, type KnownPastedError } from './known-error';

const tshootPhs = `${learnBase}/connect/tshoot-connect-password-hash-synchronization`;
const rpcErrors = `${troubleshootBase}/rpc-errors-affecting-aadconnect`;
const phsStopsWorking = `${troubleshootBase}/pwd-hash-sync-stops-work`;
const pwdSync = `${troubleshootBase}/troubleshoot-pwd-sync`;
const phsEvents =
  "Get-WinEvent -LogName Application -MaxEvents 50 | Where-Object ProviderName -eq 'Directory Synchronization' | Format-List TimeCreated, ProviderName, Id, LevelDisplayName, Message";
const phsStateAndEvents = `then send the output of Get-ADSyncPartitionPasswordSyncState and the newest password hash sync events (${phsEvents}).`;
/** Password hash sync runs on the active server only: a staging server syncs no passwords. */
const activeServer = ['new-server-active', 'monitoring'] as const;

/**
 * Password hash synchronization failures, most specific first. Event 611 is matched by its inner
 * error first (patterns only), then by the event itself (phs-611-generic). See test/fixtures/real/phs-*.
 */
export const passwordHashSyncErrors: readonly KnownPastedError[] = [
  {
    id: 'phs-611-rpc-1722-dc-unreachable',
    origin: 'event',
    title:
      'Password hash sync cannot reach a domain controller (event 611, RPC 1722 The RPC server is unavailable)',
    patterns: [/\bRPC Error\s*1722\b/i],
    verdict: 'fail',
    checkpoints: activeServer,
    cause:
      "Password hash sync could not open its directory replication (DRS) connection to the domain controller named in the event: RPC error 1722 is a network error between the Entra Connect server and the domain controller, in Learn's example traffic to TCP port 135 blocked on the way to the domain controller. It is usually not caused by Entra Connect.",
    fix: `Troubleshoot it as a TCP/IP RPC error: allow RPC (TCP 135 and the dynamic RPC ports) from the Entra Connect server to every domain controller it uses. If the server cannot reach all domain controllers, in Synchronization Service Manager > Connectors > the AD connector > Properties > Configure Directory Partitions select Only use preferred domain controllers, list the reachable ones and restart the ADSync service; ${phsStateAndEvents}`,
    learn: rpcErrors,
    explains: ['phs-611-generic', 'phs-event-error'],
  },
  {
    id: 'phs-611-rpc-8333-object-not-found',
    origin: 'event',
    title:
      'Password hash sync recovery task failed: directory object not found (event 611, RPC 8333)',
    patterns: [/\bRPC Error\s*8333\b/i],
    verdict: 'fail',
    checkpoints: activeServer,
    cause:
      'The Entra Connect server could not find in Active Directory the user object it was trying to synchronize the password hash for (RPC error 8333, Directory object not found, when calling _IDL_DRSGetNCChanges).',
    fix: `Look up the error by its number (System Error Codes 8200-8999) and check the infrastructure Learn names for RPC errors: DNS name resolution and authentication between the Entra Connect server and the domain controller in the event; ${phsStateAndEvents}`,
    learn: rpcErrors,
    explains: ['phs-611-generic', 'phs-event-error'],
  },
  {
    id: 'phs-611-rpc-8453-replication-access-denied',
    origin: 'event',
    title:
      'Password hash sync: replication access was denied (event 611, RPC 8453): the AD DS connector account lacks replication rights',
    patterns: [
      /\bRPC Error\s*:?\s*8453\b/i,
      phrase('Replication access was denied. There was an error calling _IDL_DRSGetNCChanges'),
    ],
    verdict: 'fail',
    checkpoints: activeServer,
    cause:
      'The AD DS connector account (MSOL_... or the custom account the server uses) is missing the extended permissions Replicating Directory Changes and Replicating Directory Changes All in Active Directory, which password hash sync needs to read the password hashes from the domain controllers. An express installation grants them; a custom installation with its own account must grant them.',
    fix: `Find the account in Synchronization Service Manager > Connectors > the AD connector > Properties > Connect to Active Directory Forest, then grant it Replicate Directory Changes and Replicate Directory Changes All at the root of every domain of the forest, as Learn's "Microsoft Entra Connect: Configure AD DS Connector Account Permissions" describes (in the Entra Connect wizard Troubleshoot > Launch, or the ADSyncConfig module: Set-ADSyncPasswordHashSyncPermissions -ADConnectorAccountName <account> -ADConnectorAccountDomain <domain>); ${phsStateAndEvents}`,
    learn: phsStopsWorking,
    explains: ['phs-611-generic', 'phs-event-error'],
  },
  {
    id: 'phs-611-generic',
    origin: 'event',
    title: 'Password hash synchronization failed for a domain (event 611)',
    events: [{ sources: ['Directory Synchronization'], ids: [611] }],
    patterns: [
      phrase('Password hash synchronization failed for domain'),
      phrase('Password synchronization failed for domain'),
    ],
    verdict: 'fail',
    checkpoints: activeServer,
    cause:
      'Password hash sync could not synchronize the passwords of the domain named in the event (event 611 from Directory Synchronization): the Details of the event name the inner error, usually a domain controller that cannot be reached or missing replication rights of the AD DS connector account. Password changes in that domain do not reach Microsoft Entra ID until it is fixed.',
    fix: `Install the latest Microsoft Entra Connect, then read the Details of the event: check that the server is not in staging mode, that the AD DS connector account has Replicate Directory Changes and Replicate Directory Changes All, and that it reaches the domain controllers; send the whole event (Event Viewer > Copy details as text), ${phsStateAndEvents.replace(/^then /, 'and ')}`,
    learn: tshootPhs,
    explains: ['phs-event-error'],
  },
  {
    id: 'phs-not-activated-error-90',
    origin: 'event',
    title: 'Password Synchronization has not been activated for this company (Error Code 90)',
    patterns: [phrase('Password Synchronization has not been activated for this company')],
    verdict: 'fail',
    checkpoints: ['config-match', ...activeServer],
    cause:
      'Password hash synchronization is turned off for the tenant (Error Code 90): it was disabled after it was set up, so the server cannot send password hashes to Microsoft Entra ID.',
    fix: `Enable it again: in the Entra Connect wizard select Configure > Customize synchronization options and select Password hash synchronization (if it is already selected, clear it, finish the wizard, then run it again and select it), or in PowerShell run Import-Module ADSync; $aadcon = Get-ADSyncConnector | Where {$_.Type -eq "Extensible2"}; Set-ADSyncAADPasswordSyncState -ConnectorName $aadcon.Name -Enable $True. Check it with Get-ADSyncAADCompanyFeature (PasswordHashSync must be True), ${phsStateAndEvents}`,
    learn:
      'https://learn.microsoft.com/troubleshoot/microsoft-365/admin/active-directory/password-synchronization-not-activated',
    explains: ['phs-event-error'],
  },
  {
    id: 'phs-657-user-failed',
    origin: 'event',
    title: "A user's password change was not synchronized (event 657 Result: Failed)",
    patterns: [
      /Password Change Result\s*-\s*Anchor:[^\n]{0,600}?\bResult:\s*failed\b/i,
      phrase('The following password changes failed to synchronized'),
    ],
    verdict: 'fail',
    checkpoints: activeServer,
    cause:
      'The password change of the user named in the event was not synchronized to Microsoft Entra ID, usually because the user object itself does not synchronize (it is filtered, not exported, or has a sync error).',
    fix: `Run the Entra Connect wizard > Troubleshoot > Launch > Troubleshoot password hash synchronization > Password isn't synchronized for a specific user account (or Invoke-ADSyncDiagnostics -PasswordSync -ADConnectorName <AD connector name> -DistinguishedName <user's DN>) and send its output; check in Synchronization Service Manager that the user is in the AD connector space, joined to the metaverse without cloudFiltered and exported to Microsoft Entra ID, and fix its sync error if it has one (IdFix), ${phsStateAndEvents}`,
    learn: pwdSync,
  },
  {
    id: 'phs-user-not-in-target',
    origin: 'event',
    title:
      "A user's password is not synced: the object is not exported (NoTargetConnection, SourceConnectorNotPresent, TargetNotExportedToDirectory)",
    patterns: [/\b(?:NoTargetConnection|SourceConnectorNotPresent|TargetNotExportedToDirectory)\b/],
    verdict: 'fail',
    checkpoints: activeServer,
    cause:
      'The password hash sync log of the object says there is no corresponding object to send the password to: the user is not in the AD connector space or the metaverse, or not yet exported to Microsoft Entra ID.',
    fix: `Check the filtering (domains, OUs, attribute filters) of the AD connector and run Apply and verify changes, then make sure the object is exported to Microsoft Entra ID (Synchronization Service Manager > Metaverse Search, and the Microsoft Entra connector space); ${phsStateAndEvents}`,
    learn: tshootPhs,
  },
  {
    id: 'phs-user-temporary-password',
    origin: 'event',
    title:
      'A temporary password is not synced (FilteredByTarget: User must change password at next logon)',
    patterns: [/\bFilteredByTarget\b/],
    verdict: 'unknown',
    checkpoints: ['config-match', ...activeServer],
    cause:
      'The password is set to User must change password at next logon, and Entra Connect does not synchronize temporary passwords unless the tenant feature ForcePasswordChangeOnLogOn is on (Entra Connect 2.0.3.0 or later). This is by design, not a failure of the server.',
    fix: 'Have the user change the password (or clear User must change password at next logon); to sync temporary passwords enable the ForcePasswordChangeOnLogOn feature (UserForcePasswordChangeOnLogonEnabled, with Update-MgDirectoryOnPremiseSynchronization; it needs self-service password reset and password writeback). Then send the password hash sync log of the user again.',
    learn: tshootPhs,
  },
  {
    id: 'phs-no-heartbeat',
    origin: 'event',
    title: 'No password hash sync heartbeat (no event 654 ping in the last 3 hours)',
    patterns: [phrase('No ping event found within last 3 hours')],
    verdict: 'fail',
    checkpoints: activeServer,
    cause:
      'Password hash sync has logged no heartbeat (events 653 and 654, normally every 30 minutes) in the last 3 hours: its channel for this AD connector is not established, or the server is in staging mode or the feature is disabled.',
    fix: `Check first that the server is not in staging mode (Get-ADSyncScheduler) and that Get-ADSyncAADCompanyFeature shows PasswordHashSync True; if there is still no heartbeat, run Learn's "Trigger a full sync of all passwords" once (Set-ADSyncAADPasswordSyncConfiguration -SourceConnector <AD connector> -TargetConnector <Microsoft Entra connector> -Enable $false, then -Enable $true); if it is needed more than once, contact Microsoft support. ${phsStateAndEvents.replace(/^then s/, 'S')}`,
    learn: tshootPhs,
  },
  {
    id: 'phs-waiting-full-sync',
    origin: 'event',
    title: 'Password hash sync paused until a full directory sync completes (event 613)',
    events: [{ sources: ['Directory Synchronization'], ids: [613] }],
    patterns: [
      phrase('paused because directory full sync has not yet completed'),
      /Event ID:\s*613\b(?<=Directory Synchronization[\s\S]{0,200}Event ID:\s*613)/i,
    ],
    verdict: 'unknown',
    checkpoints: activeServer,
    cause:
      'Password hash sync does not start until a full directory sync has completed (also when Start the synchronization process when configuration completes was not selected in the wizard). It is waiting, not broken.',
    fix: `Let the initial sync complete (Start-ADSyncSyncCycle -PolicyType Initial if none ran), wait for events 622 and 623 (full password hash synchronization completed), ${phsStateAndEvents}`,
    learn: pwdSync,
  },
  {
    id: 'phs-event-error',
    origin: 'event',
    title:
      'Password hash sync logged an error (Directory Synchronization event 652, 655, 603-621, 662-667)',
    events: [
      {
        sources: ['Directory Synchronization'],
        ids: [603, 604, 607, 610, 612, 615, 616, 621, 652, 655, 662, 664, 665, 666, 667],
      },
    ],
    patterns: [
      phrase('Failed credential provisioning batch'),
      phrase('Failed credential provisioning ping'),
      /Event ID:\s*(?:60[347]|61[0256]|621|65[25]|66[24567])\b(?<=Directory Synchronization[\s\S]{0,200}Event ID:\s*\d{3})/i,
    ],
    verdict: 'fail',
    checkpoints: activeServer,
    cause:
      'Password hash sync logged an error event (Directory Synchronization): password changes are not reaching Microsoft Entra ID while it stands. The message of the event names the cause.',
    fix: `Follow Learn's password hash sync troubleshooting: run the Entra Connect wizard > Troubleshoot > Launch > Troubleshoot password hash synchronization, check that the server is not in staging mode, that the AD DS connector account has Replicate Directory Changes and Replicate Directory Changes All and reaches the domain controllers, and enlarge the Application log so these events are kept; ${phsStateAndEvents}`,
    learn: tshootPhs,
  },
];
