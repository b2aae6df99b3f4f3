import { entraConnectorNameCommand } from '../entra-connector';
import { lastRunsCommand } from '../run-profile-result';
import { learnBase, phrase, troubleshootBase, type KnownPastedError } from './known-error';

const writebackTroubleshooting =
  'https://learn.microsoft.com/entra/identity/authentication/troubleshoot-sspr-writeback';
const ssprTroubleshooting =
  'https://learn.microsoft.com/entra/identity/authentication/troubleshoot-sspr';
const connectorAccountPage = `${learnBase}/connect/how-to-connect-azureadaccount`;

/** The events of a writeback attempt, which every writeback fix asks for. */
const writebackEventsCommand =
  "Get-WinEvent -FilterHashtable @{LogName='Application'; ProviderName='PasswordResetService','ADSync'} -MaxEvents 30 | Format-List";
const retestWriteback = `then reset the password of a test user in the Microsoft Entra admin center (Users > the user > Reset password) and send the new PasswordResetService and ADSync events of this server (${writebackEventsCommand}).`;
const writebackConfiguration = `Get-ADSyncAADPasswordResetConfiguration -Connector ${entraConnectorNameCommand}`;
const toggleWriteback =
  'disable and then re-enable password writeback: in the Entra Connect wizard select Configure > Customize synchronization options, clear Password writeback on the Optional features page and finish; run the wizard again and select Password writeback';
const deltaAndResult = `then run Start-ADSyncSyncCycle -PolicyType Delta and send the new run results (${lastRunsCommand}).`;

const passwordResetService = 'PasswordResetService';
const adsync = 'ADSync';

/**
 * A PasswordResetService event whose lines were joined or printed one per line (Learn's and
 * Get-EventLog's `PasswordResetService 32001 ...`, a flattened Event Viewer copy): the source,
 * then one of the ids.
 */
function passwordResetEvent(ids: readonly number[]): RegExp {
  const id = `(?:${ids.join('|')})`;
  return new RegExp(
    `\\bPasswordResetService\\s{1,10}${id}\\b|Source:\\s*PasswordResetService\\s+(?:Date|Logged):[^\\n]{0,80}?Event ID:\\s*${id}\\b`,
    'i',
  );
}

/** The general writeback entries that the specific ones make redundant. */
const generalWriteback = ['writeback-password-set-failed', 'writeback-password-operation-failed'];

/**
 * Password writeback (SSPR through Entra Connect) and the sign-in failures of the sync service's
 * Microsoft Entra connector account, most specific first. Writeback runs only on the active server
 * (a staging server runs none), so its failures decide new-server-active and monitoring.
 */
export const passwordWritebackErrors: readonly KnownPastedError[] = [
  {
    id: 'writeback-6329-rpc-server-unavailable',
    origin: 'event',
    title:
      'Password writeback cannot reach a domain controller (ADSync event 6329, 0x6ba = RPC 1722)',
    patterns: [/Failed\s+to\s+acquire\s+user\s+information:\s*0x6ba\b/i],
    verdict: 'fail',
    checkpoints: ['new-server-active', 'monitoring'],
    cause:
      'Writing a password back, the Entra Connect server could not read the user from a domain controller: 0x6ba is RPC error 1722, "The RPC server is unavailable", a network problem between this server and the domain controller (usually blocked RPC traffic, TCP 135 and the dynamic RPC ports).',
    fix: `Troubleshoot it as a TCP/IP RPC error: from the Entra Connect server check that the domain controller answers (Test-NetConnection <domain controller> -Port 135) and open TCP 135 and the dynamic RPC ports between this server and the domain controllers in every firewall; ${retestWriteback}`,
    learn: `${troubleshootBase}/rpc-errors-affecting-aadconnect`,
    explains: [...generalWriteback],
  },
  {
    id: 'writeback-6329-remote-sam-access-denied',
    origin: 'event',
    title:
      'The AD DS connector account may not query users over SAM (ADSync event 6329, ERROR_ACCESS_DENIED)',
    patterns: [
      /Failed\s+to\s+acquire\s+user\s+information:[^\n]{0,200}?Error\s+Code:\s*ERROR_ACCESS_DENIED\b/i,
    ],
    verdict: 'fail',
    checkpoints: ['target-os', 'new-server-active', 'monitoring'],
    cause:
      'Password writeback reads the user with NetUserGetInfo, and the policy "Network access: Restrict clients allowed to make remote calls to SAM" on the Entra Connect server or a domain controller denies it to the AD DS connector account (MSOL_...); users then see SSPR_0029. The registry value HKLM\\System\\CurrentControlSet\\Control\\Lsa\\RestrictRemoteSam stays even after the GPO is removed.',
    fix: `Check the policy with gpresult /h C:\\Temp\\GPreport.htm, secpol.msc (Security Settings > Local Policies > Security Options) and Get-ItemProperty -Path HKLM:\\System\\CurrentControlSet\\Control\\Lsa -Name RestrictRemoteSam on this server and on the domain controllers. Either edit the policy's security to allow Remote Access to the MSOL_ account, or set the policy to Not Defined in the GPO, run gpupdate /force and then Remove-ItemProperty -Path HKLM:\\System\\CurrentControlSet\\Control\\Lsa -Name RestrictRemoteSam; ${retestWriteback}`,
    learn: `${troubleshootBase}/password-writeback-error-code-sspr-0029`,
    explains: [...generalWriteback, 'writeback-ad-permissions-denied', 'writeback-sspr-0029'],
  },
  {
    id: 'writeback-6329-ldap-policy-control-missing',
    origin: 'event',
    title: 'Domain controllers lack the LDAP password policy control (ADSync event 6329)',
    patterns: [
      /The\s+server\s+doesn.t\s+contain\s+the\s+LDAP\s+password\s+policy\s+control/i,
      /\bLDAP_SERVER_POLICY_HINTS_OID\b/,
    ],
    verdict: 'fail',
    checkpoints: ['source-settings', 'new-server-active', 'monitoring'],
    cause:
      'The LDAP_SERVER_POLICY_HINTS_OID control (1.2.840.113556.1.4.2066) is not enabled on the domain controllers; password writeback needs it, and only domain controllers on Windows Server 2016 or later have it.',
    fix: `Enable the LDAP_SERVER_POLICY_HINTS_OID control on the domain controllers: they must run Windows Server 2016 or later; ${retestWriteback}`,
    learn: writebackTroubleshooting,
    explains: [...generalWriteback],
  },
  {
    id: 'writeback-6329-forest-not-enabled',
    origin: 'event',
    title:
      'Password writeback is not enabled for a forest added later (ADSync event 6329, 0x8023061f)',
    patterns: [
      /\b0x8023061f\b/i,
      phrase('password synchronization is not enabled on this Management Agent'),
    ],
    verdict: 'fail',
    checkpoints: ['config-match', 'new-server-active', 'monitoring'],
    cause:
      'An Active Directory forest was added to the Entra Connect configuration (or removed and added again) after password writeback was enabled, so password operations for users of that forest fail with a configuration error.',
    fix: `When the forest changes are complete, ${toggleWriteback}; ${retestWriteback}`,
    learn: writebackTroubleshooting,
    explains: [...generalWriteback],
  },
  {
    id: 'writeback-ldap-sign-encrypt-required',
    origin: 'event',
    title: 'The AD DS connector does not sign and encrypt LDAP traffic (8023062C)',
    patterns: [
      /\b(?:0x)?8023062C\b/i,
      phrase(
        'The password could not be set because the server is not configured for insecure setting of passwords',
      ),
    ],
    verdict: 'fail',
    checkpoints: ['config-match', 'new-server-active', 'monitoring'],
    cause:
      'The domain controller refuses to set a password over an unprotected LDAP connection (a 128-bit TLS or SSL connection is required), and the AD DS connector is not set to sign and encrypt LDAP traffic; a fresh installation does not carry that option over.',
    fix:
      'In Synchronization Service Manager > Connectors select the Active Directory connector > Properties and select Sign and Encrypt LDAP Traffic in three places: Connect to Active Directory Forest > Options; Configure Directory Partitions > each partition > Domain controller connection settings > Options; and, if Alternate credentials for this directory partition is used, Set Credentials > Options. Select OK, restart the Microsoft Azure AD Sync service (ADSync), ' +
      retestWriteback,
    learn: `${troubleshootBase}/password-writeback-error-code-8023062c`,
    explains: [...generalWriteback],
  },
  {
    id: 'writeback-connector-password-too-long',
    origin: 'event',
    title: 'The AD DS connector account password is too long (hr=800700CE)',
    patterns: [/\bhr=800700CE\b/i],
    verdict: 'fail',
    checkpoints: ['source-settings', 'config-match', 'new-server-active', 'monitoring'],
    cause:
      'A password reset or account unlock written back by Entra Connect fails because the password of the AD DS connector account (MSOL_...) is longer than 256 characters ("The filename or extension is too long").',
    fix: `Reset the password of the AD DS connector account to no more than 256 characters, then in Synchronization Service Manager > Connectors select the Active Directory connector > Properties > Credentials (Connect to Active Directory Forest), enter the new password and select OK; ${retestWriteback}`,
    learn: writebackTroubleshooting,
    explains: [...generalWriteback],
  },
  {
    id: 'writeback-duplicate-anchor',
    origin: 'event',
    title: 'Two on-premises users share the cloud anchor (event 33003, hr=80230402)',
    events: [{ sources: [passwordResetService], ids: [33003] }],
    patterns: [
      /\bhr=80230402\b/i,
      phrase('duplicated entries with the same anchor'),
      /\bADMutliMatchError\b/i,
      passwordResetEvent([33003]),
    ],
    verdict: 'fail',
    checkpoints: ['config-match', 'new-server-active', 'monitoring'],
    cause:
      "Password writeback found two on-premises users for the cloud user's anchor: the same user is enabled in several forests (account and resource forests, which writeback does not support) or the anchor attribute is not unique (an alias or UPN shared by two users).",
    fix: `Remove or disable the duplicate user so that only one enabled account per person remains, and use a unique anchor attribute for every user; ${deltaAndResult}`,
    learn: writebackTroubleshooting,
    explains: [...generalWriteback],
  },
  {
    id: 'writeback-user-not-found',
    origin: 'event',
    title: 'The user to write back is not found on-premises (event 33002)',
    events: [{ sources: [passwordResetService], ids: [33002] }],
    patterns: [/\bADUserNotFoundError\b/i, passwordResetEvent([33002])],
    verdict: 'fail',
    checkpoints: ['new-server-active', 'monitoring'],
    cause:
      'The user whose password is reset or changed is not found in the on-premises directory: it was deleted on-premises but not in the cloud, or this Entra Connect server does not synchronise it (it is missing from the connector spaces or the metaverse, for example because another server still syncs it).',
    fix: `Check that this server synchronises the user: in Synchronization Service Manager search the Microsoft Entra connector space and the metaverse for it and confirm that its Active Directory object is joined to the metaverse object; read the last run results (${lastRunsCommand}), fix what they show, and ${retestWriteback}`,
    learn: writebackTroubleshooting,
    explains: [...generalWriteback],
  },
  {
    id: 'writeback-ad-permissions-denied',
    origin: 'event',
    title: 'The AD DS connector account may not reset the password (event 33004, hr=80230626)',
    events: [{ sources: [passwordResetService], ids: [33004] }],
    patterns: [
      /\b(?:hr=|0x)80230626\b/i,
      /management\s+agent\s+(?:credentials?\s+)?(?:was|were)\s+denied\s+access/i,
      /\bADPermissionsError\b/i,
      passwordResetEvent([33004]),
    ],
    verdict: 'fail',
    checkpoints: ['source-settings', 'config-match', 'new-server-active', 'monitoring'],
    cause:
      "The AD DS connector account (MSOL_... , the ADMA account named in the wizard) lacks the Reset password permission on the user: it was never granted to this server's account, has not reached the user yet (sdprop takes up to an hour), inheritance is disabled on the user, or the user is a protected account (adminCount=1), whose password writeback can't reset by design.",
    fix: `Grant the writeback permissions to the AD DS connector account with the ADSyncConfig module (Import-Module "C:\\Program Files\\Microsoft Azure Active Directory Connect\\AdSyncConfig\\AdSyncConfig.psm1"; Set-ADSyncPasswordWritebackPermissions -ADConnectorAccountDN <distinguished name of the MSOL_ account>), enable inheritance on the user, and check with Active Directory Users and Computers > the user > Properties > Security > Advanced > Effective Access that the account has Reset password; wait up to an hour, ${retestWriteback}`,
    learn: `${troubleshootBase}/password-writeback-access-rights-permissions`,
    explains: [...generalWriteback, 'writeback-sspr-0029'],
  },
  {
    id: 'writeback-onprem-password-policy',
    // The Azure portal shows it too: a copied event is still identified as an event by its form.
    origin: 'command',
    title: 'The new password breaks the on-premises password policy (event 33008, 6329 0x80230619)',
    events: [{ sources: [passwordResetService], ids: [33008] }],
    patterns: [
      /\b0x80230619\b/i,
      phrase('A restriction prevents the password from being changed to the current one specified'),
      phrase('because your on-premises policy does not allow it'),
      /\bADPasswordPolicyError\b/i,
      /Audit\s+Failure[\s\S]{0,400}?An\s+attempt\s+was\s+made\s+to\s+reset\s+an\s+account.s\s+password[\s\S]{0,300}?\bMSOL_/i,
      passwordResetEvent([33008]),
    ],
    verdict: 'unknown',
    checkpoints: 'any',
    cause:
      'Password writeback works: it reached Active Directory, which refused the new password because of the domain password policy (minimum age, history, complexity, length, a password filter such as Microsoft Entra Password Protection) or because the user has the PASSWD_CANT_CHANGE flag.',
    fix: 'Choose a password that meets the on-premises policy. To see the policy run net accounts and Get-ADDefaultDomainPasswordPolicy on a domain controller, and net user <user> /domain for the user (a fine-grained policy may apply); for a test, set the minimum password age and the password history to 0, and remove the PASSWD_CANT_CHANGE flag from the user. Then reset the password again.',
    learn: `${troubleshootBase}/password-writeback-not-compliant-on-premises-ad-pwd-policy`,
    explains: [...generalWriteback],
  },
  {
    id: 'writeback-user-account-state',
    origin: 'event',
    title:
      'The user is disabled, locked out or typed a wrong current password (events 33005-33007)',
    events: [{ sources: [passwordResetService], ids: [33005, 33006, 33007] }],
    patterns: [
      /\bADUserAccount(?:Disabled|LockedOut)\b/i,
      /\bADUserIncorrectPassword\b/i,
      passwordResetEvent([33005, 33006, 33007]),
    ],
    verdict: 'unknown',
    checkpoints: 'any',
    cause:
      'Password writeback works: the on-premises account is disabled (33005) or locked out (33006), or the user gave a wrong current password when changing it (33007).',
    fix: 'Enable or unlock the on-premises account, or have the user enter the correct current password, then try the reset or change again.',
    learn: writebackTroubleshooting,
    explains: [...generalWriteback],
  },
  {
    id: 'writeback-ad-error',
    origin: 'event',
    title: 'Active Directory returned an unknown or configuration error (events 33001, 33009)',
    events: [{ sources: [passwordResetService], ids: [33001, 33009] }],
    patterns: [
      /\bADUnKnownError\b/i,
      /\bADConfigurationError\b/i,
      passwordResetEvent([33001, 33009]),
    ],
    verdict: 'fail',
    checkpoints: ['new-server-active', 'monitoring'],
    cause:
      'Active Directory returned an unknown error (33001) or a configuration error (33009) when the password was written back; 33001 also happens when the organizational unit path of the user contains a character reserved from writeback (a leading space or #, a trailing space, or , + " \\ < > ; = / or a line break).',
    fix: `Read the ADSync events logged at the same time for the error; rename organizational units with reserved characters; ${retestWriteback}`,
    learn: writebackTroubleshooting,
    explains: [...generalWriteback],
  },
  {
    id: 'writeback-service-bus-unreachable',
    origin: 'event',
    title:
      'Password writeback cannot reach its Service Bus relay (events 32001, 32002, 31034, 31044, 32015)',
    events: [{ sources: [passwordResetService], ids: [32001, 32002, 31034, 31044, 32015] }],
    patterns: [
      phrase("Couldn't connect to any service bus endpoint(s)"),
      phrase('No serviceHost for service bus endpoints are in running state'),
      phrase('Password writeback service is not in a healthy state'),
      phrase('Error Connecting to ServiceBus'),
      /\bServiceBus(?:Listener)?Error\b/i,
      /\bReportServiceHealthError\b/i,
      passwordResetEvent([32001, 32002, 31034, 31044, 32015]),
    ],
    verdict: 'fail',
    checkpoints: ['new-server-active', 'monitoring'],
    cause:
      'The password writeback service on this server cannot connect to the tenant\'s Service Bus relay or the password reset web service, so no reset or change from the cloud reaches Active Directory: outbound HTTPS is blocked by a firewall or proxy, TLS 1.2 is not enabled, root certificate authorities are missing ("The remote certificate is invalid"), or the server\'s clock is far from the real time.',
    fix: `Allow outbound HTTPS (TCP 443) from this server to *.passwordreset.microsoftonline.com and *.servicebus.windows.net and test it with Test-NetConnection -ComputerName ssprdedicatedsbprodscu.servicebus.windows.net -Port 443; make sure TLS 1.2 is enabled (the TLS 1.2 check script of Learn) and .NET Framework 4.8 or later is installed, and that the server takes its time from an authoritative time source; restart the Microsoft Azure AD Sync service (ADSync); if it still fails, ${toggleWriteback}; ${retestWriteback}`,
    learn: writebackTroubleshooting,
    explains: [
      ...generalWriteback,
      'writeback-endpoint-not-started',
      'writeback-sspr-0030',
      'writeback-service-bus-retries',
    ],
  },
  {
    id: 'writeback-onboarding-auth-token',
    origin: 'event',
    title:
      'Password writeback could not be onboarded or offboarded (events 32009, 32011, 32013, 31014)',
    events: [{ sources: [passwordResetService], ids: [32009, 32011, 32013, 31014] }],
    patterns: [
      phrase('Error getting auth token'),
      /\bAuthTokenError\b/i,
      /\bOnBoardingServiceError\b/i,
      /\bOffBoardingError\b/i,
      /\bOffboardingEventFail\b/i,
      passwordResetEvent([32009, 32011, 32013, 31014]),
    ],
    verdict: 'fail',
    checkpoints: ['target-install', 'config-match'],
    cause:
      'Configuring password writeback could not get a token for the administrator given in the wizard (wrong password, or a federated account), or could not reach the password reset web service (outbound TCP 443 and 9350-9354 blocked).',
    fix:
      'Run the Entra Connect wizard again and sign in with the correct password of a managed (cloud-only or password-hash-synchronised) administrator, not a federated one; do not block outbound TCP 443 and 9350-9354 or https://ssprdedicatedsbprodncu.servicebus.windows.net. Then send the PasswordResetService events of this server (' +
      writebackEventsCommand +
      ').',
    learn: writebackTroubleshooting,
    explains: ['writeback-unable-to-configure'],
  },
  {
    id: 'writeback-unable-to-configure',
    origin: 'wizard',
    title: 'The wizard cannot configure password writeback',
    patterns: [phrase('Unable to configure password writeback')],
    verdict: 'fail',
    checkpoints: ['target-install', 'config-match'],
    cause:
      "The wizard could not turn on password writeback: the administrator account used has no Microsoft Entra license that includes writeback, the server's clock is out of sync with the cloud, or TLS 1.2 is not enabled.",
    fix:
      'Enable TLS 1.2 on this server (the TLS 1.2 enforcement scripts of Learn, then restart), make the server take its time from an authoritative time source so that it matches the real time, and run the wizard again signed in with a cloud (not federated) administrator that has a Microsoft Entra ID subscription license assigned; then send the PasswordResetService events of this server (' +
      writebackEventsCommand +
      ').',
    learn: `${troubleshootBase}/unable-configure-pwd-writeback-error`,
  },
  {
    id: 'writeback-configuration-key-error',
    origin: 'event',
    title:
      'The writeback configuration or encryption key is unusable (events 32000, 32004, 32005, 32007, 32008, 32010)',
    events: [{ sources: [passwordResetService], ids: [32000, 32004, 32005, 32007, 32008, 32010] }],
    patterns: [
      /\bDecryptionError\b/i,
      /\bOnBoardingConfigUpdateError\b/i,
      /\bCryptoError\b/i,
      passwordResetEvent([32000, 32004, 32005, 32007, 32008, 32010]),
    ],
    verdict: 'fail',
    checkpoints: ['new-server-active', 'monitoring'],
    cause:
      "Password writeback's local configuration or encryption key is unusable: the key does not match the cloud's (32004), the tenant configuration file could not be saved or read (32005, 32007), the web service answered with an invalid response (32008), the key could not be generated (32010), or an unknown error occurred (32000).",
    fix: `Read the exception text of the event, then ${toggleWriteback}, which writes the configuration and the key again; ${retestWriteback}`,
    learn: writebackTroubleshooting,
    explains: [...generalWriteback, 'writeback-endpoint-not-started'],
  },
  {
    id: 'writeback-endpoint-not-started',
    origin: 'event',
    title: 'The password writeback endpoint did not start (ADSync event 6800)',
    events: [{ sources: [adsync], ids: [6800] }],
    patterns: [phrase('The password management extension encountered an error')],
    verdict: 'fail',
    checkpoints: ['new-server-active', 'monitoring'],
    cause:
      'When the ADSync service started, the password writeback endpoint failed to start (the sync service itself still runs), so users cannot reset their passwords; the stack trace of the event and the PasswordResetService events logged with it say why.',
    fix: `Read the stack trace of event 6800 and the PasswordResetService events around it, restart the Microsoft Azure AD Sync service (ADSync) and check with ${writebackConfiguration}; if writeback still does not start, ${toggleWriteback}; ${retestWriteback}`,
    learn: writebackTroubleshooting,
  },
  {
    id: 'writeback-service-stopped',
    origin: 'event',
    title: 'The password writeback service stopped (event 31016)',
    events: [{ sources: [passwordResetService], ids: [31016] }],
    patterns: [/\bWriteBackServiceStopped\b/i, passwordResetEvent([31016])],
    verdict: 'fail',
    checkpoints: ['new-server-active', 'monitoring'],
    cause:
      'The password writeback service stopped on this server: no password reset or change from the cloud succeeds until it runs again. That is expected on a server put into staging mode, not on the active server.',
    fix: `On the active server restart the Microsoft Azure AD Sync service (ADSync) and send ${writebackConfiguration} (ServiceStatus should be Started); if writeback does not start again, ${toggleWriteback}.`,
    learn: writebackTroubleshooting,
  },
  {
    id: 'writeback-password-set-failed',
    origin: 'event',
    title: 'Password writeback could not set a password in Active Directory (ADSync event 6329)',
    events: [{ sources: [adsync], ids: [6329] }],
    patterns: [
      phrase('An unexpected error has occurred during a password set operation'),
      /ExportPasswordSet\s+failed\s+with\b/i,
    ],
    verdict: 'fail',
    checkpoints: ['new-server-active', 'monitoring'],
    cause:
      'Entra Connect could not set a password written back from the cloud in Active Directory; the error code in the event (the lines starting with ERR_ and BAIL) names the reason.',
    fix: `Read the ERR_ lines of the event: an access denied error means the AD DS connector account (MSOL_...) lacks the Reset password permission, 0x6ba means no domain controller answered over RPC; fix it and ${retestWriteback}`,
    learn: writebackTroubleshooting,
  },
  {
    id: 'writeback-password-operation-failed',
    origin: 'event',
    title:
      'A password reset or change from the cloud failed on-premises (events 31003, 31008, 31011)',
    events: [{ sources: [passwordResetService], ids: [31003, 31008, 31011] }],
    patterns: [
      /\b(?:PasswordResetFail|ChangePasswordFail|ResetUserPasswordByAdminFail)\b/,
      passwordResetEvent([31003, 31008, 31011]),
    ],
    verdict: 'fail',
    checkpoints: ['new-server-active', 'monitoring'],
    cause:
      "The new password reached this server but could not be set in Active Directory: it breaks the domain's password policy, the AD DS connector account (MSOL_...) lacks the Reset password permission on the user, or the user is in a protected group (such as Domain Admins), whose password writeback can't reset.",
    fix: `Read the PasswordResetService (33001-33009) and ADSync (6329) events logged at the same time for the reason and send them (${writebackEventsCommand}).`,
    learn: writebackTroubleshooting,
  },
  {
    id: 'writeback-service-bus-retries',
    origin: 'event',
    title: 'Password writeback retried its Service Bus connection (event 32014)',
    events: [{ sources: [passwordResetService], ids: [32014] }],
    patterns: [/\bServiceBusWarning\b/i, passwordResetEvent([32014])],
    verdict: 'unknown',
    checkpoints: 'any',
    cause:
      "Password writeback had to retry its connection to the tenant's Service Bus. Once in a while this is normal; many of these events point to a slow or unreliable network connection to Service Bus.",
    fix: `If the event repeats often, check this server's outbound connection to *.servicebus.windows.net (Test-NetConnection -ComputerName ssprdedicatedsbprodscu.servicebus.windows.net -Port 443) and its latency, then send the PasswordResetService events of the last hours (${writebackEventsCommand}).`,
    learn: writebackTroubleshooting,
  },
  {
    id: 'writeback-sspr-0029',
    origin: 'command',
    title: 'Users get SSPR_0029: the on-premises writeback configuration is wrong',
    patterns: [
      /\bSSPR_0029\b/,
      phrase('properly set up the on-premises configuration for password reset'),
    ],
    verdict: 'fail',
    checkpoints: ['new-server-active', 'monitoring'],
    cause:
      'The password reached the Entra Connect server but could not be written to Active Directory because of an on-premises configuration error: usually the AD DS connector account (MSOL_...) lacks permissions on the user, or the policy "Network access: Restrict clients allowed to make remote calls to SAM" blocks it; users in protected groups (adminCount=1) also get it, by design.',
    fix: `On the active Entra Connect server read the PasswordResetService and ADSync events logged at the time of the reset and send them (${writebackEventsCommand}); they name the cause (33004 or 6329 with ERROR_ACCESS_DENIED).`,
    learn: `${troubleshootBase}/password-writeback-error-code-sspr-0029`,
  },
  {
    id: 'writeback-sspr-0030',
    origin: 'command',
    title: 'Users get SSPR_0030: no connection to the on-premises writeback service',
    patterns: [
      /\bSSPR_0030\b/,
      phrase('poor connection with your on-premises environment'),
      /\bOnPremisesConnectivityError\b/,
    ],
    verdict: 'fail',
    checkpoints: ['new-server-active', 'monitoring'],
    cause:
      'Microsoft Entra ID could not reach the password writeback service of the active Entra Connect server, so password resets cannot be written back.',
    fix: `On the active Entra Connect server check outbound HTTPS to *.passwordreset.microsoftonline.com and *.servicebus.windows.net (Test-NetConnection -ComputerName ssprdedicatedsbprodscu.servicebus.windows.net -Port 443), then send ${writebackConfiguration} and the PasswordResetService events (${writebackEventsCommand}).`,
    learn: ssprTroubleshooting,
  },
  {
    id: 'writeback-sspr-0010',
    origin: 'command',
    title: 'Users get SSPR_0010: password writeback is not enabled',
    patterns: [/\bSSPR_0010\b/, /\bWritebackNotEnabled\b/],
    verdict: 'fail',
    checkpoints: ['new-server-active', 'monitoring'],
    cause:
      'Microsoft Entra ID finds no password writeback: it is not enabled on the active Entra Connect server (for example, the new server was configured without it), so users who need writeback cannot reset their passwords.',
    fix: `On the active Entra Connect server run the wizard, select Configure > Customize synchronization options and select Password writeback on the Optional features page; then send ${writebackConfiguration} (Enabled should be True).`,
    learn: ssprTroubleshooting,
  },
  {
    id: 'signin-aadsts50054-old-password',
    origin: 'event',
    title: 'The Microsoft Entra connector account signs in with an old password (AADSTS50054)',
    patterns: [/\bAADSTS50054\b/, phrase('Old password is used for authentication')],
    verdict: 'fail',
    checkpoints: ['staging-sync', 'new-server-active', 'monitoring'],
    cause:
      'The Microsoft Entra connector account (Sync_...) cannot sign in to Microsoft Entra ID: its password was changed in the cloud, and the sync engine still uses the old one, so password changes (event 6900) and the password policy sync (event 659) fail.',
    fix: `On the Entra Connect server reset the account's credentials in both places at once: run $credential = Get-Credential, enter a Global Administrator of the tenant, then run Add-ADSyncAADServiceAccount -AADCredential $credential; ${deltaAndResult}`,
    learn: connectorAccountPage,
    explains: ['entra-token-failure', 'signin-aadsts70002-credentials-invalid'],
  },
  {
    id: 'signin-aadsts70002-credentials-invalid',
    origin: 'event',
    title: 'The Microsoft Entra connector account credentials are not valid (AADSTS70002)',
    patterns: [/\bAADSTS70002\b/],
    verdict: 'fail',
    checkpoints: ['staging-sync', 'new-server-active', 'monitoring'],
    cause:
      'Microsoft Entra ID could not validate the credentials of the Microsoft Entra connector account (Sync_...) (AADSTS70002), so the sync service cannot authenticate to import, export or synchronise passwords.',
    fix: `On the Entra Connect server reset the account's credentials: run $credential = Get-Credential, enter a Global Administrator of the tenant, then run Add-ADSyncAADServiceAccount -AADCredential $credential; ${deltaAndResult}`,
    learn: connectorAccountPage,
    explains: ['entra-token-failure'],
  },
];
