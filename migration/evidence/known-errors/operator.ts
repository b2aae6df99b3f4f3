import { learnBase, phrase, troubleshootBase, type KnownPastedError } from './known-error';

const signOutAndIn =
  'sign out of Windows and sign in again (a new group membership only counts in a new sign-in)';

/**
 * The operator's own rights (test/fixtures/real/wizard-*): nothing ran, so the step stays
 * undecided, and the fix says exactly how to run it.
 */
export const operatorErrors: readonly KnownPastedError[] = [
  {
    id: 'operator-com-class-factory-80070005',
    origin: 'permission',
    title: 'You are not (yet) in ADSyncAdmins: COM class factory error 80070005',
    patterns: [
      /Retrieving\s+the\s+COM\s+class\s+factory\s+for\s+(?:remote\s+)?component\s+with\s+(?:CLSID|CSLID)\s*\{[^}\n]{0,60}\}[\s\S]{0,200}?\b(?:0x)?80070005\b/i,
    ],
    verdict: 'unknown',
    checkpoints: 'any',
    cause:
      'Your Windows account may not use the sync service (error 80070005, access denied): it is not a member of the local ADSyncAdmins group, or the sync service was just installed and your sign-in does not carry the new membership yet. Nothing ran.',
    fix: `First ${signOutAndIn} and run it again. If the error stays, open compmgmt.msc > Local Users and Groups > Groups, make sure the ADSyncAdmins group exists (create it with that name if it is missing), add your account to ADSyncAdmins, ${signOutAndIn}, then run the wizard or the command again in a PowerShell opened with Run as administrator and send its output.`,
    learn: `${troubleshootBase}/aad-sync-services-config-wizard-error`,
  },
  {
    id: 'operator-sync-service-manager-no-access',
    origin: 'permission',
    title: 'Synchronization Service Manager: "Unable to connect to the Synchronization Service"',
    patterns: [
      phrase('Your account is not a member of a required security group'),
      phrase('Unable to connect to the Synchronization Service'),
    ],
    verdict: 'unknown',
    checkpoints: 'any',
    cause:
      'Synchronization Service Manager could not connect to the sync service: either the ADSync service is not running, or your Windows account is not in a sync security group of this server (ADSyncAdmins for full access, ADSyncOperators to run connectors and view the run history). Nothing ran.',
    fix: `Run Get-Service ADSync and check that its Status is Running (if it is not, send that output and the Application event log entries of source ADSync). If it runs, open compmgmt.msc > Local Users and Groups > Groups and add your account to ADSyncAdmins (or to ADSyncOperators and ADSyncBrowse to run connectors and read run history), ${signOutAndIn}, then open Synchronization Service Manager again and send what the step asks for.`,
    learn:
      'https://learn.microsoft.com/archive/blogs/iamsupport/support-info-azure-ad-connect-sync-security-groups',
  },
  {
    id: 'operator-script-execution-policy',
    origin: 'permission',
    title: 'The script is blocked by the PowerShell execution policy',
    patterns: [
      phrase('cannot be loaded because running scripts is disabled on this system'),
      phrase('The execution of scripts is disabled on this system'),
      /cannot\s+be\s+loaded\.\s+The\s+file\s+[^\n]{1,300}?\s+is\s+not\s+digitally\s+signed/i,
    ],
    verdict: 'unknown',
    checkpoints: 'any',
    cause:
      "PowerShell's execution policy on this server did not let the script run (scripts disabled, or the script is not digitally signed), so nothing ran.",
    // Learn (how-to-connect-install-prerequisites): the recommended execution policy is RemoteSigned.
    fix: "In a Windows PowerShell opened with Run as administrator, run Set-ExecutionPolicy -ExecutionPolicy RemoteSigned -Scope Process (it lasts only for this window and leaves the server's policy as it is); if the script was downloaded, run Unblock-File <path of the script> after checking where it came from. Then run the script again in that window and send its output.",
    learn: `${troubleshootBase}/cannot-run-scripts-powershell`,
  },
  {
    id: 'operator-wizard-admin-role-needed',
    origin: 'permission',
    title:
      'Wizard: the account has no Entra admin role ("Global Administrator role needed", "Privileged Identity Management enabled")',
    patterns: [
      /\b(?:Microsoft\s+Entra|Azure\s+AD)\s+Global\s+Administrator\s+role\s+needed\b/i,
      phrase('Privileged Identity Management enabled'),
    ],
    verdict: 'unknown',
    checkpoints: 'any',
    cause:
      'The account entered on the Connect to Microsoft Entra ID page signed in, but it does not hold the administrator role the wizard needs, or the role is only eligible in Privileged Identity Management and not activated. Nothing was configured.',
    fix: 'Assign the account the role the wizard names (Hybrid Identity Administrator, or Global Administrator as older versions ask), or activate its eligible role in Privileged Identity Management, then go back to the Connect to Microsoft Entra ID page, sign in again and send what the wizard shows next.',
    learn: `${learnBase}/connect/tshoot-connect-connectivity`,
  },
];
