import { lastRunsCommand } from '../run-profile-result';
import { learnBase, phrase, troubleshootBase, type KnownPastedError } from './known-error';

const staleProductCodePage = `${troubleshootBase}/troubleshoot-aad-connect-fails-to-install-upgraded-version`;
const deltaAndResult = `then run Start-ADSyncSyncCycle -PolicyType Delta and send the new run results (${lastRunsCommand}).`;
const connectivityPage = `${learnBase}/connect/tshoot-connect-connectivity`;
const upgradePage = `${learnBase}/connect/how-to-upgrade-previous-version`;
/** KB 3121701, "Troubleshoot Azure AD Connect installation issues" (historical SupportArticles path). */
const installationIssuesPage =
  'https://learn.microsoft.com/troubleshoot/azure/active-directory/azure-ad-connect-installation-issues';
/** The steps where the wizard signs in to Microsoft Entra ID: installing, and switching staging mode. */
const wizardSignInSteps = ['target-install', 'old-server-staging', 'new-server-active'] as const;
const sendInstallLog =
  'send the lines just before the first "Return value 3" of C:\\ProgramData\\AADConnect\\Synchronization Service_Install-<date>-<time>.log';
const staleProductCodeFix = `Find the product code (GUID) the trace log (%ProgramData%\\AADConnect\\trace-*.log) names. If Get-Hotfix lists KB3139923, uninstall it, restart, install KB3072630 and restart. Then from an elevated command prompt run SET productcode={<GUID>} and SET /a counter+=1 & MSIEXEC /x %productcode% /qn /norestart /l*v "%ProgramData%\\AADConnect\\AADConnect_Uninstall-ForcedUninstall_%counter%.log" EXECUTE_UNINSTALL="1", restart, start the Entra Connect wizard, wait for its first page and check the newest trace log again; if the product code is still there run the Program Install and Uninstall troubleshooter and restart (do not edit the registry by hand: that is not supported). Then run the installation again and send the new trace log lines.`;

/**
 * The installation and configuration wizard and Windows Installer (test/fixtures/real/wizard-*),
 * most specific first: every specific installer failure explains the generic one.
 */
export const setupErrors: readonly KnownPastedError[] = [
  {
    id: 'setup-stale-product-code',
    origin: 'wizard',
    title: 'Windows Installer still holds the product code of a removed sync engine (1608)',
    patterns: [
      /GetInstalledPackagesByUpgradeCode\s+\{[0-9a-f-]{36}\}:\s+stale\s+product\s+code/i,
      /VersionString\):\s+unrecognized\s+error\s+\(1608\)/i,
      /VersionString\):\s+unknown\s+product[\s\S]{0,300}?is\s+installed,\s+needs\s+to\s+be\s+upgraded/i,
      /creating\s+the\s+initial\s+page\s+set\s+on\s+the\s+root\s+page[\s\S]{0,300}?Service\s+ADSync\s+was\s+not\s+found\s+on\s+computer/i,
    ],
    verdict: 'fail',
    checkpoints: ['target-install'],
    cause:
      'The sync engine (Azure AD Sync Engine / Synchronization Service) was uninstalled, but Windows Installer still holds its product code, stale or inconsistent, so setup tries to upgrade an engine whose ADSync service and registry keys are gone. The KB3139923 update can cause this.',
    fix: staleProductCodeFix,
    learn: staleProductCodePage,
    explains: ['setup-msi-25019-adsync-registry-key', 'setup-sync-service-install-failed'],
  },
  {
    id: 'setup-msi-25019-adsync-registry-key',
    origin: 'installer',
    title: 'Synchronization Service setup cannot open the ADSync registry key (MSI error 25019)',
    patterns: [
      /Error\s+25019\.?[\s\S]{0,200}?cannot\s+open\s+registry\s+key\s+SYSTEM\\CurrentControlSet\\Services\\ADSync\\Parameters/i,
    ],
    verdict: 'fail',
    checkpoints: ['target-install'],
    cause:
      'The Synchronization Service setup found the product code of an earlier sync engine in Windows Installer (WIX_UPGRADE_DETECTED) and tried to upgrade it, but that engine was uninstalled: its registry key SYSTEM\\CurrentControlSet\\Services\\ADSync\\Parameters is gone (error 25019, then 1603 in CustomAction DetectStoreServer).',
    fix: staleProductCodeFix,
    learn: staleProductCodePage,
    explains: ['setup-sync-service-install-failed'],
  },
  {
    id: 'setup-upgrade-1603-service-account-upn',
    origin: 'installer',
    title: 'Upgrade fails in CustomAction DetectServiceAccount (MSI 1603)',
    patterns: [phrase('CustomAction DetectServiceAccount returned actual error code 1603')],
    verdict: 'fail',
    checkpoints: ['target-install'],
    cause:
      'The upgrade of the Synchronization Service stops in CustomAction DetectServiceAccount (error 1603) because the ADSync service account is set as a UPN (user@domain) instead of Domain\\SamAccountName.',
    fix: 'Open services.msc, open Microsoft Azure AD Sync > Properties > Log On, enter the service account as Domain\\SamAccountName with its password, select Apply and OK, then run the upgrade in the Entra Connect wizard again and send its result (or the new Synchronization Service_Install-<date>-<time>.log lines before "Return value 3").',
    learn: `${troubleshootBase}/upgrade-fails-error-code-1603`,
    explains: ['setup-sync-service-install-failed'],
  },
  {
    id: 'setup-msi-25009-database',
    origin: 'installer',
    title: 'Synchronization Service setup cannot configure its database (MSI error 25009)',
    patterns: [
      /Error\s+25009\.?[\s\S]{0,200}?setup\s+wizard\s+cannot\s+configure\s+the\s+specified\s+database/i,
    ],
    verdict: 'fail',
    checkpoints: ['target-install'],
    cause:
      'The Synchronization Service setup could not create or configure the ADSync database on the SQL Server (error 25009, then 1603 in CustomAction ConfigDB); the SQL error printed after it names the reason, such as "A required privilege is not held by the client" when the installing account lacks rights on the SQL Server.',
    fix: `Read the SQL error printed after "Error 25009" in C:\\ProgramData\\AADConnect\\Synchronization Service_Install-<date>-<time>.log (search for "Return value 3" and read the lines before it) and fix it on the SQL Server: the account running the installation needs the rights to create the ADSync database there, or a SQL administrator creates it first (Install Microsoft Entra Connect by using SQL delegated administrator permissions). Then run the installation again; if it fails, ${sendInstallLog}.`,
    learn: installationIssuesPage,
    explains: ['setup-sync-service-install-failed'],
  },
  {
    id: 'setup-custom-sync-groups-not-found',
    origin: 'installer',
    title:
      'Install fails: a custom sync group does not exist (event 906 "Group ... was not found")',
    patterns: [
      /Group\s+'[^'\n]{1,200}?\\ADSync(?:Admins|Operators|Browse|PasswordSet)'\s+was\s+not\s+found/i,
    ],
    verdict: 'fail',
    checkpoints: ['target-install'],
    cause:
      'The installation used "Specify custom sync groups", but a group it names does not exist in Active Directory, so the Synchronization Service is not installed (Application event 906, source AzureActiveDirectorySyncEngine).',
    fix: 'Create the four groups (ADSyncAdmins, ADSyncOperators, ADSyncBrowse and ADSyncPasswordSet) in Active Directory before the custom installation, enter them on the custom sync groups page as Domain\\GroupName exactly as created, then run the installation again and send its result.',
    learn:
      'https://learn.microsoft.com/archive/blogs/iamsupport/support-info-azure-ad-connect-sync-security-groups',
    explains: ['setup-sync-service-install-failed'],
  },
  {
    id: 'setup-sync-service-install-failed',
    origin: 'installer',
    title: 'The Synchronization Service could not be installed or upgraded (MSI 1603)',
    patterns: [
      phrase('Unable to install the Synchronization Service'),
      phrase('Unable to upgrade the Synchronization Service'),
      phrase("Error installing msi package 'Synchronization Service.msi'"),
      /CustomAction\s+\w+\s+returned\s+actual\s+error\s+code\s+1603\b/i,
      /Execution\s+failed\s+with\s+errorCode:\s*1603\b/i,
      /Installation\s+success\s+or\s+error\s+status:\s*1603\b/i,
    ],
    verdict: 'fail',
    checkpoints: ['target-install'],
    cause:
      'Windows Installer could not install or upgrade the Synchronization Service (error 1603). That code only says the installation failed: the real error is the one logged just before "Return value 3" in the installation log.',
    fix: `Open C:\\ProgramData\\AADConnect\\Synchronization Service_Install-<date>-<time>.log (the trace log names it after "Full log is available at"), search for "value 3" and read the error just before it; ${sendInstallLog}, together with the [ERROR] lines of the newest %ProgramData%\\AADConnect\\trace-*.log.`,
    learn: installationIssuesPage,
  },
  {
    id: 'setup-wizard-cannot-reach-entra-proxy',
    origin: 'wizard',
    title: 'Wizard cannot reach Microsoft Entra ID (PingProvisioningServiceEndPoint, proxy)',
    patterns: [
      /Action:\s+PingProvisioningServiceEndPoint\b/i,
      phrase('Unable to communicate with the Windows Azure Active Directory service'),
    ],
    verdict: 'fail',
    checkpoints: wizardSignInSteps,
    cause:
      'The wizard could not reach Microsoft Entra ID through the proxy: the .NET Framework the sync client is built on does not use the proxy settings of this server.',
    fix: 'Add <system.net> <defaultProxy> <proxy usesystemdefault="true" proxyaddress="http://<PROXYIP>:80" bypassonlocal="true" /> </defaultProxy> </system.net> at the end of C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\Config\\machine.config (not miiserver.exe.config, which every upgrade overwrites), restart the ADSync service once, run Invoke-WebRequest -Uri https://adminwebservice.microsoftonline.com/ProvisioningService.svc in PowerShell and send its output, then run the wizard again.',
    learn: `${troubleshootBase}/unable-communicate-windows-service`,
  },
  {
    id: 'setup-wizard-credentials-unexpected-error',
    origin: 'wizard',
    title: 'Wizard: "Unable to validate credentials due to an unexpected error"',
    patterns: [phrase('Unable to validate credentials due to an unexpected error')],
    verdict: 'unknown',
    checkpoints: wizardSignInSteps,
    cause:
      'The wizard could not sign in with the account entered on the Connect to Microsoft Entra ID page (Unspecified authentication failure, shown as an unexpected error), for example because it is a Microsoft account instead of a work or school account.',
    fix: 'On the Connect to Microsoft Entra ID page sign in with a work or school account of the tenant (not a Microsoft account) that holds the Hybrid Identity Administrator role; check that the account can sign in at https://login.microsoftonline.com from another computer. If the error stays, send the [ERROR] lines of the newest %ProgramData%\\AADConnect\\trace-*.log.',
    learn: connectivityPage,
    explains: ['setup-wizard-unable-to-validate-credentials'],
  },
  {
    id: 'setup-wizard-user-realm-discovery-failed',
    origin: 'wizard',
    title: 'Wizard: "User realm discovery failed" (network or proxy)',
    patterns: [phrase('User realm discovery failed')],
    verdict: 'fail',
    checkpoints: wizardSignInSteps,
    cause:
      'The wizard could not reach Microsoft Entra ID to look up the account entered on the Connect to Microsoft Entra ID page: a network or proxy configuration problem.',
    fix: 'Check that machine.config (C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\Config\\machine.config) holds the proxy of this server and that the proxy lets through *.microsoftonline.com and secure.aadcdn.microsoftonline-p.com on 443; run Invoke-WebRequest -Uri https://adminwebservice.microsoftonline.com/ProvisioningService.svc in PowerShell and send its output (403 Forbidden: the proxy has not opened the URLs; 407 Proxy Authentication Required: set the proxy sign-in in machine.config), then run the wizard again.',
    learn: connectivityPage,
    explains: ['setup-wizard-unable-to-validate-credentials'],
  },
  {
    id: 'setup-wizard-unable-to-validate-credentials',
    origin: 'wizard',
    title: 'Wizard: "Unable to validate credentials" (the wizard cannot reach the proxy)',
    patterns: [phrase('Unable to validate credentials')],
    verdict: 'fail',
    checkpoints: wizardSignInSteps,
    cause:
      'The wizard itself could not reach the proxy on the Connect to Microsoft Entra ID page, so it could not check the credentials: machine.config does not hold the proxy configuration.',
    fix: 'Check that C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\Config\\machine.config holds the <system.net> <defaultProxy> settings of your proxy and restart the ADSync service once; then run Invoke-WebRequest -Uri https://adminwebservice.microsoftonline.com/ProvisioningService.svc in PowerShell and send its output (403 Forbidden: open the Microsoft Entra URLs in the proxy; 407 Proxy Authentication Required: set the proxy sign-in in machine.config and use domain accounts for the wizard user and the service account), then run the wizard again.',
    learn: connectivityPage,
  },
  {
    id: 'setup-sql-instance-not-found',
    origin: 'wizard',
    title: 'The SQL Server instance cannot be reached (SQL Network Interfaces error 26)',
    patterns: [
      /error:\s*26\s*-\s*Error\s+Locating\s+Server\/Instance\s+Specified/i,
      phrase('Connect-ADSyncToolsSqlDatabase : Unable to connect'),
    ],
    verdict: 'fail',
    checkpoints: ['target-install'],
    cause:
      'This server cannot connect to the SQL Server instance given for the ADSync database: the server or instance name is wrong, or the instance is not reachable through a static TCP port and the firewall (error 26: Error Locating Server/Instance Specified).',
    fix: 'In an elevated PowerShell run Install-Module ADSyncTools (or Import-Module ADSyncTools), then Connect-ADSyncToolsSqlDatabase -Server <SQL server> -Instance <instance> (as the sync service account for a remote SQL Server); bind each SQL instance to a static TCP port with an inbound firewall rule on the SQL Server, as its output says, then send the new output and run the installation again.',
    learn: `${learnBase}/connect/tshoot-connect-tshoot-sql-connectivity`,
  },
  {
    id: 'setup-upgrade-entra-connector-missing',
    origin: 'wizard',
    title:
      'Upgrade blocked: the Microsoft Entra connector is missing ("the specified MA could not be found")',
    patterns: [
      /b891884f-051e-4a83-95af-2544101c9083[\s\S]{0,300}?specified\s+MA\s+could\s+not\s+be\s+found/i,
    ],
    verdict: 'fail',
    checkpoints: ['source-settings', 'target-install'],
    cause:
      'The Microsoft Entra connector with identifier b891884f-051e-4a83-95af-2544101c9083 does not exist on this server, so its configuration cannot be upgraded.',
    fix: 'Close the wizard, uninstall the existing Microsoft Entra Connect and do a clean installation of the new version (on a new server: a fresh installation that configures the Microsoft Entra connector), then send Get-ADSyncConnector | Select-Object Name, Identifier.',
    learn: `${upgradePage}#troubleshooting`,
    explains: ['adsync-cmdlet-error'],
  },
  {
    id: 'setup-connector-not-refreshed-after-upgrade',
    origin: 'wizard',
    title:
      'A non-standard connector was not refreshed after the upgrade ("Assembly version ... is earlier")',
    patterns: [
      /Assembly\s+version\s+in\s+AAD\s+Connector\s+configuration[\s\S]{0,80}?is\s+earlier\s+than\s+the\s+actual\s+version/i,
    ],
    verdict: 'fail',
    checkpoints: ['config-match', 'staging-sync'],
    cause:
      'After the upgrade a non-standard connector (such as Generic LDAP or Generic SQL) still names the old version of its connector DLL, so its import and export run steps do not work.',
    fix: `Open Synchronization Service Manager > Connectors and refresh the configuration of that connector, as the Troubleshooting section of the MIM connector version history describes; ${deltaAndResult}`,
    learn: `${upgradePage}#in-place-upgrade`,
  },
];
