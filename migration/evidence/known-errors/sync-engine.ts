import { lastRunsCommand } from '../run-profile-result';
import { learnBase, phrase, troubleshootBase, type KnownPastedError } from './known-error';

const serviceAccountPassword = `${learnBase}/connect/how-to-connect-sync-change-serviceacct-pass`;
const servicesDoNotStart = `${troubleshootBase}/services-sync-not-start`;
const syncErrors = `${learnBase}/connect/tshoot-connect-sync-errors`;
const modelCorruption = `${troubleshootBase}/resolve-model-database-corruption-sqllocaldb`;
const localDbLimit = `${learnBase}/connect/tshoot-connect-recover-from-localdb-10gb-limit`;
const accidentalDeletes = `${learnBase}/connect/how-to-connect-sync-feature-prevent-accidental-deletes`;
const connectorConnection = `${troubleshootBase}/troubleshoot-aad-connect-objects-attributes`;
const deltaAndResult = `then run Start-ADSyncSyncCycle -PolicyType Delta and send the new run results (${lastRunsCommand}).`;
const startAndSend =
  'then start the service (Start-Service ADSync) and send the output of Get-Service ADSync with the System and Application event log entries of that time.';
const duplicateFix = `Find the object that already holds the value (the Microsoft Entra Connect Health sync error report names both objects and the attribute), decide which object keeps it, remove or correct the value on the other object in its source directory (on-premises Active Directory, or the cloud for a cloud object), ${deltaAndResult}`;

/** The names Service Control Manager gives the sync service: its service name and display names. */
const syncService = String.raw`(?:ADSync|Microsoft\s+Azure\s+AD\s+Sync|Microsoft\s+Entra\s+ID\s+Sync)`;

/**
 * Failures of the synchronization engine and of the ADSync service (Microsoft Azure AD Sync,
 * Microsoft Entra ID Sync), most specific first. Service Control Manager events are matched only
 * when their message names the sync service: the same events of any other service are not ours.
 */
export const syncEngineErrors: readonly KnownPastedError[] = [
  {
    id: 'engine-adsync-service-logon-right-missing',
    origin: 'event',
    title: 'The ADSync service account lacks a logon right (Service Control Manager 7041)',
    patterns: [
      new RegExp(
        String.raw`The\s+${syncService}\s+service\s+was\s+unable\s+to\s+log\s+on\s+as\b[\s\S]{0,300}?has\s+not\s+been\s+granted\s+the\s+requested\s+logon\s+type`,
        'i',
      ),
    ],
    verdict: 'fail',
    checkpoints: 'any',
    cause:
      'The ADSync service cannot start because its service account has not been granted the logon type it needs on this server: Allow log on locally, Log on as a batch job or Log on as a service is missing, often because a domain Group Policy overrides the local policy.',
    fix: `Run gpedit.msc and open Computer Configuration > Windows Settings > Security Settings > Local Policies > User Rights Assignment; add the ADSync service account to Allow log on locally, Log on as a batch job and Log on as a service. Run gpresult /H gpresult.htm: if a domain GPO sets these rights, remove those settings from the Winning GPO or add the ADSync service account to them there (gpmc.msc). Restart the computer, ${startAndSend}`,
    learn: servicesDoNotStart,
    explains: ['engine-adsync-service-logon-failure', 'engine-adsync-service-not-running'],
  },
  {
    id: 'engine-adsync-service-logon-failure',
    origin: 'event',
    title: 'The ADSync service cannot log on (Service Control Manager 7038, 7000, error 1069)',
    patterns: [
      new RegExp(
        String.raw`The\s+${syncService}\s+service\s+was\s+unable\s+to\s+log\s+on\s+as\b[\s\S]{0,300}?with\s+the\s+currently\s+configured\s+password`,
        'i',
      ),
      new RegExp(
        String.raw`The\s+${syncService}\s+service\s+failed\s+to\s+start\s+due\s+to\s+the\s+following\s+error:\s+The\s+service\s+did\s+not\s+start\s+due\s+to\s+a\s+logon\s+failure`,
        'i',
      ),
      new RegExp(
        String.raw`Windows\s+could\s+not\s+start\s+the\s+${syncService}(?:\s+service)?\s+on\s+Local\s+Computer[\s\S]{0,300}?Error\s+1069\b`,
        'i',
      ),
    ],
    verdict: 'fail',
    checkpoints: 'any',
    cause:
      "The ADSync service cannot log on with the password Service Control Manager has for its service account: the account's password was changed without updating the service, or the account is expired, disabled, must change its password at next logon, or its password expired.",
    fix: `Check the ADSync service account in Active Directory: it must not be expired or disabled, "User must change password at next logon" must be cleared and its password must not have expired. If its password was changed, open Services.msc > Microsoft Azure AD Sync (Microsoft Entra ID Sync) > Properties > Log On and enter the current password (on builds from March 2017 or earlier do not reset that password at all: Windows destroys the encryption keys). Then ${startAndSend.slice('then '.length)}`,
    learn: servicesDoNotStart,
    explains: ['engine-adsync-service-not-running'],
  },
  {
    id: 'engine-adsync-encryption-key-inaccessible',
    origin: 'event',
    title: 'The sync service cannot access its encryption key (event 6028)',
    events: [{ sources: ['ADSync'], ids: [6028] }],
    patterns: [
      phrase('The server encryption key cannot be accessed'),
      /service-specific\s+error\s+code\s+-21451857952\b/i,
    ],
    verdict: 'fail',
    checkpoints: 'any',
    cause:
      'After the password of the ADSync service account was changed, the sync service can no longer retrieve its encryption key through DPAPI, so it cannot decrypt the passwords of its connector accounts and does not start.',
    fix: 'On build 1.1.443.0 or older (newer builds abandon the key themselves when the password is changed): stop the Microsoft Entra ID Sync service; in $env:ProgramFiles\\Microsoft Azure AD Sync\\bin run ./miiskmu.exe /a to abandon the key; start the service; in Synchronization Service Manager > Connectors open each Active Directory connector, Properties > Connect to Active Directory Forest, and enter its password; then run $credential = Get-Credential and Add-ADSyncAADServiceAccount -AADCredential $credential with a Hybrid Identity Administrator. Send the output of Get-Service ADSync and the new run results.',
    learn: serviceAccountPassword,
    explains: ['engine-adsync-service-not-running'],
  },
  {
    id: 'engine-localdb-model-database-corruption',
    origin: 'event',
    title: "The LocalDB 'model' database is corrupted (error 9003)",
    patterns: [
      phrase("passed to log scan in database 'model' is not valid"),
      /Error:\s*9003,\s*Severity:\s*20\b[\s\S]{0,400}?database\s+'model'/i,
    ],
    verdict: 'fail',
    checkpoints: 'any',
    cause:
      "The SQL Server 2019 LocalDB of Entra Connect 2.0.x does not start: a bug in SQL Server's backup logic left its 'model' database pointing to a truncated log (error 9003), so the ADSync service cannot start.",
    fix: "Only on Entra Connect 2.0.x.x with LocalDB: open the ADSync service account's profile (C:\\Users\\<service account>\\, C:\\Users\\ADSyncMSAxxxx$\\ or C:\\Windows\\ServiceProfiles\\ADSync\\), go to AppData\\Local\\Microsoft\\Microsoft SQL Server Local DB\\Instances\\ADSync2019, rename model.mdf and modellog.ldf to old_model.mdf and old_modellog.ldf, copy model.mdf and modellog.ldf from C:\\Program Files\\Microsoft SQL Server\\150\\LocalDB\\Binn\\Templates into that folder and start the ADSync service. Then upgrade Entra Connect to 2.1.1.0 or later (the permanent fix) and send the output of Get-Service ADSync.",
    learn: modelCorruption,
    explains: ['engine-localdb-not-starting', 'engine-adsync-service-not-running'],
  },
  {
    id: 'engine-localdb-not-starting',
    origin: 'event',
    title:
      'The sync service cannot reach its LocalDB database (ADSync 2005/6226 0x8023044a, SQLLocalDB 528)',
    events: [{ sources: ['SQLLocalDB 15.0'], ids: [528] }],
    patterns: [
      /\b0x8023044a\b/i,
      /OLEDB\s+Provider\s+error\(s\):[\s\S]{0,200}?Login\s+timeout\s+expired/i,
      /WaitForMultipleObjects\s+575\s+\{Application\s+Error\}/i,
    ],
    verdict: 'fail',
    checkpoints: 'any',
    cause:
      "The SQL Server LocalDB instance of Entra Connect does not start, so the sync service gets a login timeout on its database and does not start. On Entra Connect 2.0.x (SQL Server 2019 LocalDB) the known cause is a corrupted 'model' database.",
    fix: "Open the LocalDB error.log in the ADSync service account's profile (AppData\\Local\\Microsoft\\Microsoft SQL Server Local DB\\Instances\\ADSync2019\\error.log under C:\\Users\\<service account>\\, C:\\Users\\ADSyncMSAxxxx$\\ or C:\\Windows\\ServiceProfiles\\ADSync\\) and send its last lines. If it shows Error: 9003 for database 'model' on version 2.0.x.x, rename model.mdf and modellog.ldf to old_model.mdf and old_modellog.ldf, copy both files from C:\\Program Files\\Microsoft SQL Server\\150\\LocalDB\\Binn\\Templates, start the ADSync service and upgrade to 2.1.1.0 or later.",
    learn: modelCorruption,
    explains: ['engine-adsync-service-not-running'],
  },
  {
    id: 'engine-localdb-out-of-disk-space',
    origin: 'event',
    title: 'The LocalDB database reached its 10-GB limit (event 6323)',
    events: [{ sources: ['ADSync'], ids: [6323] }],
    patterns: [phrase('The server encountered an error because SQL Server is out of disk space')],
    verdict: 'fail',
    checkpoints: 'any',
    cause:
      'The sync database is on SQL Server Express LocalDB, which is limited to 10 GB; it is full, so runs stop (stopped-database-disk-full) and the sync service may not start.',
    fix: 'If the ADSync service still runs, do not restart it. If it does not start: back up ADSync.mdf and ADSync_log.ldf from %ProgramFiles%\\Microsoft Azure AD Sync\\Data, then from %ProgramFiles%\\Microsoft SQL Server\\110\\Tools\\Binn run ./SQLCMD.EXE -S "(localdb)\\.\\ADSync" -U <Username> -P <Password>, enter DBCC Shrinkdatabase(ADSync,1); and GO, and start the service. Then in Synchronization Service Manager > Operations > Actions > Clear Runs delete the run history (runs older than two days first, else all runs) and run Set-ADSyncScheduler -PurgeRunHistoryInterval 2.00:00:00. For a large directory install the new server with a full SQL Server (a swing migration; LocalDB cannot be replaced in place). Send the output of Get-Service ADSync and the new run results.',
    learn: localDbLimit,
    explains: [
      'engine-run-stopped-database-disk-full',
      'run-stopped',
      'engine-adsync-service-not-running',
    ],
  },
  {
    id: 'engine-run-stopped-database-disk-full',
    origin: 'command',
    title: 'Run result stopped-database-disk-full (LocalDB 10-GB limit)',
    patterns: [/(?<![\w-])stopped-database-disk-full\b/i],
    verdict: 'fail',
    checkpoints: 'any',
    cause:
      'The sync database on SQL Server Express LocalDB reached its 10-GB limit, so the run stopped.',
    fix:
      'Do not restart the ADSync service while it runs. In Synchronization Service Manager > Operations > Actions > Clear Runs delete the run history (runs older than two days first, else all runs), then run Get-ADSyncScheduler and Set-ADSyncScheduler -PurgeRunHistoryInterval 2.00:00:00. For a large directory install the new server with a full SQL Server (a swing migration; LocalDB cannot be replaced in place). ' +
      deltaAndResult.replace(/^then/, 'Then'),
    learn: localDbLimit,
    explains: ['run-stopped'],
  },
  {
    id: 'engine-tvp-utf8-system-locale',
    origin: 'event',
    title: 'Table-valued parameter errors: the UTF-8 system locale is on (event 6301)',
    patterns: [/\\sqlstore\\rcvtvp\.h\(\d+\)/i],
    verdict: 'fail',
    checkpoints: 'any',
    cause:
      'The system locale option "Beta: Use Unicode UTF-8 for worldwide language support" is on, which the LocalDB of Entra Connect on Windows Server 2019 does not support: the sync engine fails on table-valued parameters (event 6301, staging-error discovery errors on import, password hash sync failures).',
    fix: `Open Control Panel > Clock, Language and Region > Region > Administrative > Change system locale, clear "Beta: Use Unicode UTF-8 for worldwide language support", select OK and restart the server; ${deltaAndResult}`,
    learn: `${troubleshootBase}/tvp-errors-when-AADConnect-installed-on-Windows-Server-2019`,
    explains: ['engine-sync-engine-unexpected-error'],
  },
  {
    id: 'engine-sync-engine-unexpected-error',
    origin: 'event',
    title: 'Unexpected error in the synchronization engine (event 6301)',
    events: [{ sources: ['ADSync'], ids: [6301] }],
    patterns: [phrase('The server encountered an unexpected error in the synchronization engine')],
    verdict: 'fail',
    checkpoints: 'any',
    cause:
      'The synchronization engine hit an unexpected error (event 6301); its BAIL lines name where. When they name sqlstore\\rcvtvp.h, the cause is the UTF-8 system locale ("Beta: Use Unicode UTF-8 for worldwide language support").',
    fix: `Send the whole event 6301 with every BAIL line and the run results of that time (${lastRunsCommand}). If the BAIL lines name rcvtvp.h, open Control Panel > Clock, Language and Region > Region > Administrative > Change system locale, clear "Beta: Use Unicode UTF-8 for worldwide language support" and restart the server.`,
    learn: `${troubleshootBase}/tvp-errors-when-AADConnect-installed-on-Windows-Server-2019`,
  },
  {
    id: 'engine-delta-import-size-limit-exceeded',
    origin: 'command',
    title: 'Delta Import from Active Directory fails: Size Limit Exceeded (0x4)',
    patterns: [phrase('Size Limit Exceeded')],
    verdict: 'fail',
    checkpoints: ['staging-sync', 'new-server-active', 'monitoring'],
    cause:
      'An LDAP query of the Delta Import returns at most 1,000 records (MaxPageSize), and the changes exceed that, often after many objects were restored at once from the Active Directory Recycle Bin; the connection drops (dropped-connection, Size Limit Exceeded, 0x4).',
    fix:
      'In Synchronization Service Manager > Connectors select the Active Directory connector, run Full Import, then run Start-ADSyncSyncCycle. If that does not help, raise MaxPageSize on the domain controllers for a while with ntdsutil (ldap policies: set MaxPageSize to <value>, commit changes, quit twice), run Start-ADSyncSyncCycle, then set MaxPageSize back to 1000. Send the new run results (' +
      `${lastRunsCommand}).`,
    learn: `${troubleshootBase}/size-limit-exceeded`,
    explains: ['engine-run-profile-connectivity-issues', 'run-stopped'],
  },
  {
    id: 'engine-run-profile-connectivity-issues',
    origin: 'event',
    title: 'A run profile failed because of connectivity issues (event 6050)',
    events: [{ sources: ['ADSync'], ids: [6050] }],
    patterns: [
      /The\s+management\s+agent\s[\s\S]{1,200}?\sfailed\s+on\s+run\s+profile\s[\s\S]{1,200}?\sbecause\s+of\s+connectivity\s+issues/i,
    ],
    verdict: 'fail',
    checkpoints: ['staging-sync', 'new-server-active', 'monitoring'],
    cause:
      'The connector lost its connection to its directory during the run (stopped-connectivity). On an Active Directory connector Delta Import a known cause is the LDAP "Size Limit Exceeded" (0x4) error, after more than 1,000 changes, for example objects restored at once from the Active Directory Recycle Bin.',
    fix: `In Synchronization Service Manager > Operations select the failed run and read its connection status. If it says dropped-connection and Size Limit Exceeded (0x4), run Full Import on the Active Directory connector and then Start-ADSyncSyncCycle; otherwise check that a domain controller answers (nltest /dsgetdc:<domain>, Test-NetConnection <domain controller> -Port 389); ${deltaAndResult}`,
    learn: `${troubleshootBase}/size-limit-exceeded`,
    explains: ['run-stopped'],
  },
  {
    id: 'engine-ad-connector-credentials-invalid',
    origin: 'event',
    title: 'The AD DS connector account credentials are invalid (event 6000)',
    patterns: [phrase('failed to run because the credentials were invalid')],
    verdict: 'fail',
    checkpoints: ['source-settings', 'staging-sync', 'new-server-active', 'monitoring'],
    cause:
      'The password of the AD DS connector account (MSOL_... or a custom account) was changed or expired in Active Directory but not in the Synchronization Service, so the Active Directory connector cannot start (no-start-credentials).',
    fix: `In Synchronization Service Manager > Connectors select the Active Directory connector, Actions > Properties > Connect to Active Directory Forest, enter the account's new password and select OK; restart the Microsoft Entra ID Sync service (Restart-Service ADSync) to clear the cached old password; ${deltaAndResult}`,
    learn: `${learnBase}/connect/how-to-connect-sync-change-addsacct-pass`,
    explains: ['engine-run-no-start-credentials'],
  },
  {
    id: 'engine-run-no-start-credentials',
    origin: 'command',
    title: 'Run result no-start-credentials',
    patterns: [/(?<![\w-])no-start-credentials\b/i],
    verdict: 'fail',
    checkpoints: ['source-settings', 'staging-sync', 'new-server-active', 'monitoring'],
    cause:
      'The connector could not start the run because its credentials were rejected: for an Active Directory connector the password of the AD DS connector account (MSOL_... or a custom account) was changed or expired.',
    fix: `In Synchronization Service Manager > Connectors select the Active Directory connector, Actions > Properties > Connect to Active Directory Forest, enter the account's current password and select OK; restart the Microsoft Entra ID Sync service (Restart-Service ADSync); ${deltaAndResult}`,
    learn: `${learnBase}/connect/how-to-connect-sync-change-addsacct-pass`,
  },
  {
    id: 'engine-run-failed-search',
    origin: 'command',
    title: 'Import from Active Directory: failed-search',
    patterns: [/(?<![\w-])failed-search\b/i],
    verdict: 'fail',
    checkpoints: ['staging-sync', 'new-server-active', 'monitoring'],
    cause:
      'The import from Active Directory failed because the DirSync control could not talk to the Active Directory replication service, usually because of network packet fragmentation.',
    fix: `Find the domain controller the connector used, set preferred domain controllers on the connector (Synchronization Service Manager > Connectors > Properties > Configure Directory Partitions > Only use preferred domain controllers), check the connector account with the ADConnectivityTool and an LDP bind, and have the network team look for fragmented packets between this server and the domain controllers; ${deltaAndResult}`,
    learn: connectorConnection,
  },
  {
    id: 'engine-run-no-start-ma',
    origin: 'command',
    title: 'Run result no-start-ma',
    patterns: [/(?<![\w-])no-start-ma(?![\w-])/i],
    verdict: 'fail',
    checkpoints: ['staging-sync', 'new-server-active', 'monitoring'],
    cause:
      'The connector could not start because the name of its directory could not be resolved (DNS).',
    fix: `On the Entra Connect server check name resolution of the domain and its domain controllers (nslookup <domain>, nltest /dsgetdc:<domain>) and fix DNS; ${deltaAndResult}`,
    learn: connectorConnection,
  },
  {
    id: 'engine-deletion-threshold-exceeded',
    origin: 'event',
    title: 'Prevent accidental deletes stopped the export (event 116)',
    patterns: [phrase('Prevent Accidental Deletes: The number of deletions for this sync cycle')],
    verdict: 'fail',
    checkpoints: ['config-match', 'new-server-active', 'monitoring'],
    cause:
      'More deletions were staged for export to Microsoft Entra ID than the accidental-delete threshold allows (500 by default), so the export stopped (stopped-deletion-threshold-exceeded) and no deletion was made, for example because an OU or domain was left out of filtering, or an OU was renamed or moved.',
    fix: `In Synchronization Service Manager > Connectors select the Microsoft Entra ID (Windows Azure Active Directory) connector, Search Connector Space, Scope "Pending Export", tick Delete, and look at the objects. If the deletions are not wanted, fix the OU or domain filtering or the sync rules and run Start-ADSyncSyncCycle -PolicyType Initial. If they are wanted, run Disable-ADSyncExportDeletionThreshold -AADUserName "<UPN>", run Export on the Microsoft Entra ID connector, then Enable-ADSyncExportDeletionThreshold -DeletionThreshold 500 -AADUserName "<UPN>". Send the output of Get-ADSyncExportDeletionThreshold and the new run results (${lastRunsCommand}).`,
    learn: accidentalDeletes,
    explains: ['engine-run-stopped-deletion-threshold-exceeded', 'run-stopped'],
  },
  {
    id: 'engine-run-stopped-deletion-threshold-exceeded',
    origin: 'command',
    title: 'Run result stopped-deletion-threshold-exceeded',
    patterns: [/(?<![\w-])stopped-deletion-threshold-exceeded\b/i],
    verdict: 'fail',
    checkpoints: ['config-match', 'new-server-active', 'monitoring'],
    cause:
      'The export to Microsoft Entra ID stopped because more deletions were staged than the accidental-delete threshold allows (500 by default): no deletion was made.',
    fix: `In Synchronization Service Manager > Connectors select the Microsoft Entra ID connector, Search Connector Space, Scope "Pending Export", tick Delete. If the deletions are not wanted, fix the OU or domain filtering or the sync rules and run Start-ADSyncSyncCycle -PolicyType Initial; if they are wanted, run Disable-ADSyncExportDeletionThreshold -AADUserName "<UPN>", run Export on the Microsoft Entra ID connector, then Enable-ADSyncExportDeletionThreshold -DeletionThreshold 500 -AADUserName "<UPN>". Send the output of Get-ADSyncExportDeletionThreshold and the new run results (${lastRunsCommand}).`,
    learn: accidentalDeletes,
    explains: ['run-stopped'],
  },
  {
    id: 'engine-run-stopped-server-down',
    origin: 'command',
    title: 'Run result stopped-server-down',
    patterns: [/(?<![\w-])stopped-server-down\b/i],
    verdict: 'fail',
    checkpoints: 'any',
    cause:
      'The connector could not reach its directory during the run: the sync services were stopped, the network failed, or the account the sync uses (the Microsoft Entra account entered in the wizard, or the logon account of the sync service) was deleted, disabled or has an expired password.',
    fix: `In Services.msc check that Microsoft Azure AD Sync (Microsoft Entra ID Sync) is started. Find the Microsoft Entra account in Synchronization Service Manager > Connectors > Microsoft Entra ID connector > Properties > Connectivity (UserName), check that it exists and can sign in, and if its password was reset run the Entra Connect wizard again with the new password. Check the service's Log On account in Active Directory Users and Computers: clear "Account is disabled", set "Password never expires", and if you reset its password enter it on the service's Log On tab and start the service (Local System is not supported). ${deltaAndResult.replace(/^then/, 'Then')}`,
    learn: `${troubleshootBase}/directory-sync-stop-register`,
    explains: ['run-stopped'],
  },
  {
    id: 'engine-aad-import-keynotfound-device',
    origin: 'event',
    title:
      'Import from Microsoft Entra ID fails: KeyNotFoundException, device not selected (events 6801, 109)',
    patterns: [
      /KeyNotFoundException[\s\S]{0,400}?Connector\.GetConnectorSpaceEntryChange\b/i,
      /Failure\s+while\s+importing\s+entries\s+from\s+(?:Windows\s+Azure\s+Active\s+Directory|Microsoft\s+Entra\s+ID)\.\s+Exception:\s+System\.Collections\.Generic\.KeyNotFoundException/i,
    ],
    verdict: 'fail',
    checkpoints: ['staging-sync', 'new-server-active', 'monitoring'],
    cause:
      'The device object type is not selected on the Microsoft Entra ID connector, so the Full or Delta Import from Microsoft Entra ID fails or hangs with KeyNotFoundException ("The given key was not present in the dictionary").',
    fix: `In Synchronization Service Manager > Connectors select the Microsoft Entra ID connector, Properties > Select Object Types, tick device and select OK three times; ${deltaAndResult}`,
    learn: `${troubleshootBase}/aad-management-agent-hangs-during-import`,
    explains: ['run-stopped', 'run-stopped-extension-dll-exception'],
  },
  {
    id: 'engine-unauthenticated-proxy-getauthstate',
    origin: 'event',
    title: 'The sync client cannot authenticate through the proxy (event 0, 0x80048862)',
    patterns: [/\b0x80048862\b/i, phrase('GetAuthState() failed with')],
    verdict: 'fail',
    checkpoints: ['target-install', 'staging-sync', 'new-server-active', 'monitoring'],
    cause:
      '.NET Framework does not use the proxy settings of the server, so the sync client cannot establish a connection to the Microsoft Entra authentication service (GetAuthState() failed, 0x80048862).',
    fix:
      'Add <system.net> <defaultProxy> <proxy usesystemdefault="true" proxyaddress="http://<PROXYIP>:80" bypassonlocal="true" /> </defaultProxy> </system.net> at the end of C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\Config\\machine.config (inside <configuration>), restart the Microsoft Entra ID Sync service once, ' +
      deltaAndResult,
    learn: `${troubleshootBase}/unable-communicate-windows-service`,
  },
  {
    id: 'engine-directory-quota-exceeded',
    origin: 'alert',
    title: 'The directory object quota is exceeded (Error 016)',
    patterns: [
      /\bError\s+016:\s+Synchronization\s+has\s+been\s+stopped\b/i,
      phrase('has exceeded the number of objects that can be synchronized'),
    ],
    verdict: 'fail',
    checkpoints: ['new-server-active', 'monitoring'],
    cause:
      'The tenant holds more objects (users, groups and contacts, including those deleted in the last 30 days) than its quota allows: 50,000 without a verified domain, 300,000 with one, so synchronization stopped.',
    fix: `Add and verify a domain in the Microsoft Entra admin center (the quota rises to 300,000 objects); above 300,000 objects contact Microsoft Support to raise it. Then ${deltaAndResult.slice('then '.length)}`,
    learn: `${troubleshootBase}/exceed-number-objects-synced`,
    explains: ['run-stopped'],
  },
  {
    id: 'engine-export-attribute-value-must-be-unique',
    origin: 'command',
    title: 'Export error AttributeValueMustBeUnique (duplicate attribute value)',
    patterns: [/\bAttributeValueMustBeUnique\b/],
    verdict: 'fail',
    checkpoints: ['new-server-active', 'monitoring'],
    cause:
      'The object cannot be exported to Microsoft Entra ID because a value of one of its unique attributes (proxyAddresses, userPrincipalName, mail, signInName) is already assigned to another object there.',
    fix: duplicateFix,
    learn: syncErrors,
    explains: ['engine-export-error-6941', 'run-completed-with-errors'],
  },
  {
    id: 'engine-export-invalid-soft-match',
    origin: 'command',
    title: 'Export error InvalidSoftMatch',
    patterns: [/\bInvalidSoftMatch\b/],
    verdict: 'fail',
    checkpoints: ['new-server-active', 'monitoring'],
    cause:
      'No object in Microsoft Entra ID has the source anchor of this object (no hard match), but an object with the same proxyAddresses or userPrincipalName value has a different immutableId, so the soft match fails. A reinstallation with a different sourceAnchor makes every object fail this way.',
    fix: duplicateFix,
    learn: syncErrors,
    explains: ['engine-export-error-6941', 'run-completed-with-errors'],
  },
  {
    id: 'engine-export-invalid-hard-match',
    origin: 'command',
    title: 'Export error InvalidHardMatch',
    patterns: [/\bInvalidHardMatch\b/],
    verdict: 'fail',
    checkpoints: ['staging-sync', 'new-server-active', 'monitoring'],
    cause:
      'An object with the same source anchor exists in Microsoft Entra ID, but BlockCloudObjectTakeoverThroughHardMatchEnabled is on, so the cloud object is not taken over (for example an object taken out of sync scope and added again).',
    fix: `Turn hard match on again only if the takeover of that cloud object is wanted, as Learn's "Hard-match vs Soft-match" section describes (Learn advises keeping the block on otherwise); ${deltaAndResult}`,
    learn: syncErrors,
    explains: ['engine-export-error-6941', 'run-completed-with-errors'],
  },
  {
    id: 'engine-export-object-type-mismatch',
    origin: 'command',
    title: 'Export error ObjectTypeMismatch',
    patterns: [/\bObjectTypeMismatch\b/],
    verdict: 'fail',
    checkpoints: ['new-server-active', 'monitoring'],
    cause:
      'The soft-match attributes (usually proxyAddresses) of this object equal those of an object of another type (user, group or contact) in Microsoft Entra ID, for example a mail-enabled group created in Microsoft 365.',
    fix: `Find the object with the same value, remove the value from the object that should not have it in its source directory, ${deltaAndResult}`,
    learn: syncErrors,
    explains: ['engine-export-error-6941', 'run-completed-with-errors'],
  },
  {
    id: 'engine-export-identity-data-validation-failed',
    origin: 'command',
    title: 'Export error IdentityDataValidationFailed (invalid userPrincipalName)',
    patterns: [/\b(?:Identity)?DataValidationFailed\b/],
    verdict: 'fail',
    checkpoints: ['new-server-active', 'monitoring'],
    cause:
      'The userPrincipalName of the object has invalid or unsupported characters or the wrong format.',
    fix: `Correct the userPrincipalName of the object in on-premises Active Directory, ${deltaAndResult}`,
    learn: syncErrors,
    explains: ['engine-export-error-6941', 'run-completed-with-errors'],
  },
  {
    id: 'engine-export-large-object',
    origin: 'command',
    title: 'Export error LargeObject / ExceededAllowedLength',
    patterns: [/\bLargeObject\b/, /\bExceededAllowedLength\b/],
    verdict: 'fail',
    checkpoints: ['new-server-active', 'monitoring'],
    cause:
      'The object exceeds a size limit of Microsoft Entra ID: too many userCertificate or userSMIMECertificate values (the limit is 15), a thumbnailPhoto that is too large, or too many proxyAddresses.',
    fix: `Remove the values the object no longer needs in on-premises Active Directory (expired or revoked certificates, old SMTP, X.400, X.500, MSMail or CcMail addresses), ${deltaAndResult}`,
    learn: syncErrors,
    explains: ['engine-export-error-6941', 'run-completed-with-errors'],
  },
  {
    id: 'engine-export-existing-admin-role-conflict',
    origin: 'command',
    title: 'Sync error Existing Admin Role Conflict',
    patterns: [phrase('Existing Admin Role Conflict')],
    verdict: 'fail',
    checkpoints: ['staging-sync', 'new-server-active', 'monitoring'],
    cause:
      'The on-premises user would soft-match (same userPrincipalName) a cloud user that holds an administrator role, and Entra Connect does not soft-match those.',
    fix: `Remove the cloud account from all its administrator roles, hard-delete the quarantined object in the cloud, let the next sync cycle soft-match the user, then give the roles back; ${deltaAndResult}`,
    learn: syncErrors,
    explains: ['engine-export-error-6941', 'run-completed-with-errors'],
  },
  {
    id: 'engine-export-delete-not-valid',
    origin: 'command',
    title: 'Export error type 114: the Delete is not valid (0x8023134a)',
    patterns: [
      /\b0x8023134a\b/i,
      phrase('This synchronization operation, Delete, is not valid'),
      /\bDeletingCloudOnlyObjectNotAllowed\b/,
    ],
    verdict: 'fail',
    checkpoints: ['new-server-active', 'monitoring'],
    cause:
      'Entra Connect tries to delete an object that Microsoft Entra ID treats as managed in the cloud or restored (DeletingCloudOnlyObjectNotAllowed), for example after the object moved out of sync scope.',
    fix: `Identify the object from the error, soft-delete the cloud account, run Start-ADSyncSyncCycle -PolicyType Delta so the deletion is imported, check that it was, restore the account from the deleted users (Recycle Bin), ${deltaAndResult}`,
    learn: syncErrors,
    explains: ['engine-export-error-6941', 'run-completed-with-errors'],
  },
  {
    id: 'engine-export-error-6941',
    origin: 'event',
    title: 'An export to Microsoft Entra ID failed for an object (event 6941)',
    events: [{ sources: ['ADSync'], ids: [6941] }],
    patterns: [phrase('ECMA2 MA export run caused an error')],
    verdict: 'fail',
    checkpoints: ['new-server-active', 'monitoring'],
    cause:
      'An object could not be exported to Microsoft Entra ID (event 6941); its Error Name and Error Detail say why.',
    fix: `Read the Error Name and Error Detail of the event (or of the object in Synchronization Service Manager > Operations > the export run), fix the value on the object in its source directory, ${deltaAndResult}`,
    learn: syncErrors,
    explains: ['run-completed-with-errors'],
  },
  {
    id: 'engine-adsync-service-not-running',
    origin: 'event',
    title: 'The ADSync service stopped or did not start (Service Control Manager 7031, 7000, 7024)',
    patterns: [
      new RegExp(String.raw`The\s+${syncService}\s+service\s+terminated\s+unexpectedly`, 'i'),
      new RegExp(
        String.raw`The\s+${syncService}\s+service\s+(?:failed\s+to\s+start\s+due\s+to\s+the\s+following\s+error|terminated\s+with\s+(?:the\s+following\s+)?(?:service-specific\s+)?error)`,
        'i',
      ),
      new RegExp(
        String.raw`Windows\s+could\s+not\s+start\s+the\s+${syncService}(?:\s+service)?\s+on\s+Local\s+Computer`,
        'i',
      ),
    ],
    verdict: 'fail',
    checkpoints: 'any',
    cause:
      'The ADSync service (Microsoft Azure AD Sync, Microsoft Entra ID Sync) stopped or did not start, so nothing is synchronised from this server; the Application and System event logs of that time name why (its service account, its database, its encryption key).',
    fix: `Read the System (Service Control Manager) and Application (ADSync, SQLLocalDB) event log entries of that time and send them. Check that the ADSync service account is not expired, disabled or locked and has Allow log on locally, Log on as a batch job and Log on as a service (gpedit.msc > Computer Configuration > Windows Settings > Security Settings > Local Policies > User Rights Assignment, and gpresult /H gpresult.htm for a domain GPO); ${startAndSend}`,
    learn: servicesDoNotStart,
  },
];
