import type { CheckpointTask } from './runbook';

// Quotes, dates and addresses of every rule below: docs/reference/least-privilege-tier0.md.

/**
 * Learn how-to-connect-install-prerequisites (ms.date 2026-01-16), "Microsoft Entra Connect server"
 * and "Harden your Microsoft Entra Connect server": the server "must be treated as a Tier 0
 * component"; restrict administrative access "to only domain administrators or other tightly
 * controlled security groups"; administrators "shouldn't be browsing the web"; LAPS, PAWs, MFA for
 * privileged users, NTLM denied. Shown where the new server is built (target-os).
 */
export const tier0ServerTask: CheckpointTask = {
  title: 'Treat the new server as Tier 0',
  text: 'Microsoft Learn: the Entra Connect server must be treated as a Tier 0 (Control Plane) component, like a domain controller. Let only domain admins or another tightly controlled group sign in to it or administer it; never browse the web or read mail on it; keep Windows patched; manage it from a privileged access workstation; give it a unique local administrator password (Windows LAPS); require MFA for every privileged account; deny NTLM where you can.',
  powershell: [
    '# Who may administer and sign in to the new server today:',
    'Get-LocalGroupMember -Group Administrators',
    "Get-LocalGroupMember -Group 'Remote Desktop Users'",
  ].join('\n'),
};

/**
 * Learn how-to-connect-install-prerequisites (ms.date 2026-01-16): the Hybrid Identity Administrator
 * (or Global Administrator) role "must be assigned directly to the user" and "can't be granted
 * through group membership"; federation needs Domain Name Administrator as well. Learn
 * reference-connect-accounts-permissions (ms.date 2025-04-09): Hybrid Identity Administrator is what
 * the wizard needs. Learn concept-certificate-based-authentication-migration (ms.date 2025-03-04):
 * privileged accounts should be cloud-only. Learn policy-all-users-mfa-strength: exclude the Directory Synchronization
 * Accounts role from Conditional Access policies (page modified 2026-03-24).
 */
export const leastPrivilegeInstallTask: CheckpointTask = {
  title: 'Install with the least-privileged account',
  text: 'On the wizard\'s "Connect to Microsoft Entra ID" page use a cloud-only account (not synchronized from Active Directory) with the Hybrid Identity Administrator role assigned directly to the user, not through a group: a Global Administrator is not needed. Domain Name Administrator is needed as well only when the wizard configures AD FS or PingFederate federation. Exclude the Directory Synchronization Accounts role (the sync account) from Conditional Access policies that require MFA or block sign-in: it cannot answer MFA, and a blocked sync account stops the sync.',
  powershell: [
    '# Microsoft Graph PowerShell, signed in as the account you install with:',
    "Connect-MgGraph -Scopes 'User.Read','RoleManagement.Read.Directory'",
    '$me = Get-MgUser -UserId (Get-MgContext).Account -Property Id,UserPrincipalName,OnPremisesSyncEnabled',
    '# Empty or False: a cloud-only account.',
    '$me.OnPremisesSyncEnabled',
    '# Roles assigned to the account itself (a role held through a group is not listed):',
    "Get-MgRoleManagementDirectoryRoleAssignment -Filter \"principalId eq '$($me.Id)'\" -ExpandProperty RoleDefinition | Select-Object @{ n = 'Role'; e = { $_.RoleDefinition.DisplayName } }",
  ].join('\n'),
};

/**
 * The new server's AD DS connector account (MSOL_) gets only what the wizard grants for the features
 * chosen; rights granted by hand to the old one (writeback, Exchange hybrid, AdminSDHolder for
 * protected accounts) do not carry over. Learn reference-connect-accounts-permissions (ms.date
 * 2025-04-09) and how-to-connect-configure-ad-ds-connector-account (the ADSyncConfig module);
 * reference-connect-version-history (the release that let a Hybrid Identity Administrator install): AdminSDHolder is no longer changed unless
 * -IncludeAdminSdHolders is given.
 */
export const connectorAccountRightsTask: CheckpointTask = {
  title: 'Give the new MSOL_ account the rights the old one had',
  text: "The new server's AD DS connector account (MSOL_) has only the rights the wizard grants for the features you chose. Rights given to the old account by hand or with the ADSyncConfig module (password writeback, Exchange hybrid, group or device writeback, the AdminSDHolder container for protected accounts such as admins) are not inherited. Compare the two accounts' rights and grant the missing ones before the staging sync, or writeback fails for those objects after the cutover.",
  powershell: [
    '# On the new server, as an Enterprise Admin (the ActiveDirectory module is needed for AD:):',
    'Import-Module ActiveDirectory',
    'Import-Module "C:\\Program Files\\Microsoft Azure Active Directory Connect\\AdSyncConfig\\AdSyncConfig.psm1"',
    '# The connector account each server uses:',
    'Get-ADSyncADConnectorAccount',
    '# The rights the MSOL_ accounts hold on the domain root and on AdminSDHolder:',
    '$domain = (Get-ADDomain).DistinguishedName',
    '(Get-Acl "AD:\\$domain").Access | Where-Object IdentityReference -like \'*MSOL_*\' | Select-Object IdentityReference, ActiveDirectoryRights, ObjectType, InheritedObjectType',
    '(Get-Acl "AD:\\CN=AdminSDHolder,CN=System,$domain").Access | Where-Object IdentityReference -like \'*MSOL_*\' | Select-Object IdentityReference, ActiveDirectoryRights, ObjectType',
    '# Accounts that do not inherit the rights (protected accounts, inheritance turned off):',
    "Get-ADSyncObjectsWithInheritanceDisabled -SearchBase $domain -ObjectClass 'user'",
    '# Grant the new account what the old one had, for example:',
    'Set-ADSyncPasswordWritebackPermissions -ADConnectorAccountName <MSOL_new> -ADConnectorAccountDomain <domain>',
    'Set-ADSyncExchangeHybridPermissions -ADConnectorAccountName <MSOL_new> -ADConnectorAccountDomain <domain>',
    'Set-ADSyncUnifiedGroupWritebackPermissions -ADConnectorAccountName <MSOL_new> -ADConnectorAccountDomain <domain>',
    '# Add -IncludeAdminSdHolders only where the old account had rights on AdminSDHolder.',
    '# If the old account was locked down, lock the new one down the same way:',
    'Set-ADSyncRestrictedPermissions -ADConnectorAccountDN <DN of MSOL_new> -Credential (Get-Credential)',
  ].join('\n'),
};
