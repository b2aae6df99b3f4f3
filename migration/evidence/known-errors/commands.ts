import { lastRunsCommand } from '../run-profile-result';
import { learnBase, phrase, type KnownPastedError } from './known-error';

const operationsTab = `${learnBase}/connect/how-to-connect-sync-service-manager-ui-operations`;
const accountsPage = `${learnBase}/connect/reference-connect-accounts-permissions`;
const applicationAuthentication = `${learnBase}/troubleshoot-connect-sync-application-authentication`;
const deltaAndResult = `then run Start-ADSyncSyncCycle -PolicyType Delta and send the new run results (${lastRunsCommand}).`;
const excludeSyncAccount =
  'exclude the Directory Synchronization Accounts role (the Sync_ account) from per-user MFA and from every Conditional Access policy and terms of use, ';

/**
 * Every known error, most specific first. Patterns are phrases of the real messages (see
 * test/fixtures/real/12*), written so that a wrapped or flattened paste still matches and none
 * backtracks beyond a bounded window.
 */
export const commandErrors: readonly KnownPastedError[] = [
  {
    id: 'tls12-not-configured',
    origin: 'wizard',
    title: 'TLS 1.2 is not configured on this server',
    patterns: [
      phrase('TLS 1.2 is not configured on this server'),
      phrase('Incorrect version of TLS'),
    ],
    verdict: 'fail',
    checkpoints: 'any',
    cause:
      'The Entra Connect installation wizard stops because TLS 1.2 is not enabled for .NET Framework and SCHANNEL on this server.',
    fix: 'Run the "PowerShell script to enable TLS 1.2" from Microsoft Learn (TLS 1.2 enforcement for Microsoft Entra Connect) in an elevated PowerShell on this server, restart the server, run the "PowerShell script to check TLS 1.2" and send its output, then start the wizard again.',
    learn: `${learnBase}/connect/reference-connect-tls-enforcement`,
  },
  {
    id: 'settings-import-file-missing',
    origin: 'wizard',
    title: 'The settings import cannot find a file',
    patterns: [
      /importing (?:your )?synchronization\s+settings[^\n]{0,300}?(?:Could not find|Cannot find|does not exist)/i,
      /Import-ADSync\w*[^\n]{0,300}?(?:Cannot find path|Could not find|does not exist)/i,
      /(?:Could not find (?:a part of the path|file)|Cannot find path)\s+'[^'\n]{0,300}?(?:MigratedPolicy|SynchronizationPolicy|Exported-ServerConfiguration|\.dsml)/i,
    ],
    verdict: 'fail',
    checkpoints: 'any',
    cause:
      'The settings import could not open a file it needs: the settings JSON you selected, or a file that MigratedPolicy.json refers to in its Exported-ServerConfiguration-* folder (such as mv.dsml), is not at that path on this server.',
    fix: 'Copy the whole Exported-ServerConfiguration-* folder (or the exported settings JSON) from the old server to a local folder on the new server, then run the Entra Connect installation again with Customize > Import synchronization settings and browse to the file inside that copied folder.',
    learn: `${learnBase}/connect/how-to-connect-import-export-config`,
  },
  {
    id: 'run-permission-issue',
    origin: 'command',
    title: 'Export error permission-issue (8344)',
    patterns: [
      /(?<![\w-])permission-issue\b/i,
      phrase('Insufficient access rights to perform the operation'),
      /\bINSUFF_ACCESS_RIGHTS\b/,
    ],
    verdict: 'fail',
    checkpoints: 'any',
    cause:
      'The AD DS connector account (MSOL_...) lacks the right to write the object in Active Directory (error 8344): usually inheritance is disabled on the object, or it is a protected account (adminCount=1) whose permissions AdminSDHolder resets every hour.',
    fix: 'In the Entra Connect wizard select Troubleshoot > Launch, enter 4 (Configure AD DS Connector Account Permissions), list the objects with inheritance disabled (2) and enable inheritance on them, and set the permissions of the feature that writes back (or use the ADSyncConfig module); for protected accounts grant the permission on AdminSDHolder or stop syncing admin accounts. Then run Start-ADSyncSyncCycle -PolicyType Delta and send the new run results.',
    learn:
      'https://learn.microsoft.com/troubleshoot/entra/entra-id/user-prov-sync/troubleshoot-permission-issue-sync-service-manager',
    explains: ['run-completed-with-errors'],
  },
  {
    id: 'run-no-start-connection',
    origin: 'command',
    title: 'Run result no-start-connection',
    patterns: [/(?<![\w-])no-start-connection\b/i],
    verdict: 'fail',
    checkpoints: 'any',
    cause:
      'The connector could not connect at the start of the run. For an Active Directory connector no domain controller answered (down, DNS, a firewall on port 389, or a changed password of the connector account); for the Microsoft Entra connector (name ending in - AAD) Microsoft Entra ID could not be reached.',
    fix: `On the Entra Connect server check that a domain controller of that domain answers (nltest /dsgetdc:<domain>, Test-NetConnection <domain controller> -Port 389); if it does, enter the connector account password again in Synchronization Service Manager > Connectors > Properties > Connect to Active Directory Forest; ${deltaAndResult}`,
    learn: operationsTab,
  },
  {
    id: 'run-stopped-extension-dll-exception',
    origin: 'command',
    title: 'Run result stopped-extension-dll-exception',
    patterns: [/(?<![\w-])stopped-extension-dll-exception\b/i],
    verdict: 'fail',
    checkpoints: 'any',
    cause:
      'An extension of the connector threw an exception and the run stopped. On the Microsoft Entra connector this is usually its account failing to sign in (an expired password, or MFA or Conditional Access applied to the Sync_ account); the Application event log (sources ADSync and Directory Synchronization, events 6900, 906 and 904) names the cause.',
    fix: `Read the Application event log entries at the time of the run; if they name an interactive sign-in, MFA or Conditional Access, ${excludeSyncAccount}${deltaAndResult}`,
    learn: accountsPage,
    explains: ['run-stopped'],
  },
  {
    id: 'sync-already-running',
    origin: 'command',
    title: 'A sync cycle is already running',
    patterns: [
      phrase('Sync is already running'),
      phrase('Cannot start a new sync cycle'),
      phrase('Cannot start a new run till this one completes'),
      /Connector:\s[^\n]{1,200}?\sis\s+busy/i,
    ],
    verdict: 'unknown',
    checkpoints: 'any',
    cause:
      'A sync cycle was already running, so Start-ADSyncSyncCycle started nothing. This says nothing about whether synchronisation succeeds.',
    fix: `Wait until Get-ADSyncConnectorRunStatus returns nothing (the running cycle has then finished), then send its output with the last run results: ${lastRunsCommand}.`,
    learn: `${learnBase}/connect/how-to-connect-sync-feature-scheduler`,
  },
  {
    id: 'adsync-module-not-loaded',
    origin: 'command',
    title: 'The ADSync cmdlets are not recognised',
    patterns: [
      /The term '[A-Za-z]+-ADSync\w*' is not\s+recognized/i,
      phrase("The specified module 'ADSync' was not loaded"),
      /-ADSync\w*[^\n]{0,200}?CommandNotFoundException/i,
    ],
    verdict: 'unknown',
    checkpoints: 'any',
    // Seed 000 (Learn, "Introduction to Microsoft Entra Connect V2"): restart PowerShell after installing or upgrading, then import by path.
    cause:
      'The ADSync PowerShell module is not loaded in this PowerShell session. After installing or upgrading to V2, a PowerShell window opened before the installation does not see the module (a known issue), and the module is not found by its name alone.',
    fix: 'Close this PowerShell window, open Windows PowerShell as administrator and load the module by its full path: Import-Module -Name "C:\\Program Files\\Microsoft Azure AD Sync\\Bin\\ADSync" (the same module as ...\\Bin\\ADSync\\ADSync.psd1). Then run the commands of this step again and send their output.',
    learn: `${learnBase}/connect/whatis-azure-ad-connect-v2`,
  },
  {
    id: 'sync-account-interactive-sign-in',
    origin: 'command',
    title: 'The sync account is asked to sign in interactively',
    patterns: [
      phrase(
        'Showing a modal dialog box or form when the application is not running in UserInteractive mode',
      ),
      phrase('is not allowed to interact with the desktop to authenticate'),
      phrase('Multi-factor authentication is enabled for synchronization service account'),
      /\bAADSTS5007[69]\b/,
    ],
    verdict: 'fail',
    checkpoints: 'any',
    cause:
      'The Microsoft Entra connector account (Sync_...) is asked to sign in interactively: multifactor authentication, a Conditional Access policy or terms of use apply to it, and the sync service cannot answer a prompt, so nothing is imported from or exported to Microsoft Entra ID.',
    fix: `In Microsoft Entra ID ${excludeSyncAccount}${deltaAndResult}`,
    learn: accountsPage,
    explains: ['entra-token-failure'],
  },
  {
    id: 'aadsts-conditional-access-blocked',
    origin: 'command',
    title: 'Conditional Access blocks the sync account (AADSTS53003)',
    patterns: [/\bAADSTS53003\b/],
    verdict: 'fail',
    checkpoints: 'any',
    cause:
      'A Conditional Access policy blocked the sign-in of the Microsoft Entra connector account (AADSTS53003), so the sync service gets no token for Microsoft Entra ID.',
    fix: `In Microsoft Entra ID ${excludeSyncAccount}${deltaAndResult}`,
    learn: accountsPage,
    explains: ['entra-token-failure'],
  },
  {
    id: 'aadsts-certificate-not-registered',
    origin: 'command',
    title: "The server's certificate is not on its application (AADSTS700027)",
    patterns: [/\bAADSTS700027\b/],
    verdict: 'fail',
    checkpoints: 'any',
    cause:
      'The certificate this server signs in with is not registered on its Microsoft Entra application (AADSTS700027). It happens when two Entra Connect servers, such as the old active one and the new staging one, share one connector account or were cloned: both use one application registration, and each certificate rollover breaks the other server.',
    fix: "Give each server its own application, as Learn describes: pause the scheduler (Set-ADSyncScheduler -SyncCycleEnabled $false), revert the server to a service account (Add-ADSyncAADServiceAccount), make sure its SyncMachineIdentifier differs from the other server's, delete the conflicting ConnectSyncProvisioning_* app registrations, run Configure application-based authentication in the wizard, and turn the scheduler on again (Set-ADSyncScheduler -SyncCycleEnabled $true).",
    learn: applicationAuthentication,
    explains: ['entra-token-failure'],
  },
  {
    id: 'aadsts-application-not-found',
    origin: 'command',
    title: "The sync service's application is not in the tenant (AADSTS700016)",
    patterns: [/\bAADSTS700016\b/],
    verdict: 'fail',
    checkpoints: 'any',
    cause:
      'Microsoft Entra ID does not know the application the sync service signs in with (AADSTS700016): its registration (ConnectSyncProvisioning_<server>_...) was deleted, or the server signs in to another tenant.',
    fix: `Run the Entra Connect wizard on this server, sign in with a Hybrid Identity Administrator of the right tenant and run Configure application-based authentication so that it registers a new application; ${deltaAndResult}`,
    learn: applicationAuthentication,
    explains: ['entra-token-failure'],
  },
  {
    id: 'aadsts-invalid-client-secret',
    origin: 'command',
    title: 'The sync service presents an invalid credential (AADSTS7000215)',
    patterns: [/\bAADSTS7000215\b/],
    verdict: 'fail',
    checkpoints: 'any',
    cause:
      'The credential the sync service presents for its application is wrong or expired (AADSTS7000215), so it gets no token for Microsoft Entra ID.',
    fix: `Run the Entra Connect wizard on this server and renew the credential (Rotate application certificate, or Configure application-based authentication); ${deltaAndResult}`,
    learn: applicationAuthentication,
    explains: ['entra-token-failure'],
  },
  {
    id: 'entra-token-failure',
    origin: 'command',
    title: 'The sync service gets no token from Microsoft Entra ID',
    patterns: [
      /\bAADSTS\d{5,8}\b/,
      phrase('unable to retrieve a security token'),
      /AcquireToken\w*:\s+Exception caught/i,
      /Directory Synchronization[\s\S]{0,200}?Event ID:\s+906\b/i,
    ],
    verdict: 'fail',
    checkpoints: 'any',
    cause:
      'The sync service could not get a token from Microsoft Entra ID (Event 906), so it cannot import from or export to the cloud; the AADSTS code in the message names the reason.',
    fix: `Look up the AADSTS code of the message at https://login.microsoftonline.com/error?code=<number>, fix the sign-in of the Microsoft Entra connector account or application it names, ${deltaAndResult}`,
    learn: 'https://learn.microsoft.com/entra/identity-platform/reference-error-codes',
  },
  {
    id: 'run-completed-with-errors',
    origin: 'command',
    title: 'A run completed with errors',
    patterns: [/(?<![\w-])completed-[a-z]+-errors\b/i],
    verdict: 'fail',
    checkpoints: 'any',
    cause:
      'The run finished, but some objects failed (completed-*-errors): those objects are not synchronised until their errors are fixed.',
    fix: `Open Synchronization Service Manager > Operations, select the run and open each object in its error list to read what failed; fix it, ${deltaAndResult}`,
    learn: operationsTab,
  },
  {
    id: 'run-stopped',
    origin: 'command',
    title: 'A run stopped',
    patterns: [/(?<![\w-])stopped-[a-z]+(?:-[a-z]+)*\b/i],
    verdict: 'fail',
    checkpoints: 'any',
    cause:
      'The run could not complete (stopped-*), for example because the remote system could not be contacted; nothing after that step ran.',
    fix: `Open Synchronization Service Manager > Operations, select the stopped run and read its details and the Application event log (source ADSync) at that time; fix the cause, ${deltaAndResult}`,
    learn: operationsTab,
  },
  {
    id: 'adsync-cmdlet-error',
    origin: 'command',
    title: 'An ADSync command failed',
    patterns: [
      /(?<![\w-])(?:Start|Get|Set|Add|Remove|Import|Export|Invoke|Enable|Disable|Stop|Test)-ADSync\w*\s+:\s+\S/i,
    ],
    verdict: 'fail',
    checkpoints: 'any',
    cause: 'The command failed with the error shown, so it produced no output to judge.',
    fix: 'Check that the ADSync service is running (Get-Service ADSync) and read the Application event log (source ADSync) at that time for the cause; fix it, run the command again and send its output.',
    learn: `${learnBase}/connect/tshoot-connect-sync-errors`,
    catchAll: true,
  },
];
