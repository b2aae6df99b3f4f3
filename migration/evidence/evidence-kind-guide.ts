import type { EvidenceKind } from '../runbook';
import { entraConnectorNameCommand } from './entra-connector';
import { pendingExportsCommand } from './pending-exports';
import { lastRunsCommand } from './run-profile-result';

/** How findings name a kind of evidence and tell the admin to produce it. */
export interface EvidenceKindGuide {
  label: string;
  howToGet: string;
}

/** For each evidence kind: what it is called and exactly what to run or click to get it. */
export const evidenceKindGuides: Readonly<Record<EvidenceKind, EvidenceKindGuide>> = {
  scheduler: {
    label: 'Get-ADSyncScheduler output',
    howToGet: 'Run Get-ADSyncScheduler in PowerShell on the server and paste the whole output.',
  },
  'global-settings': {
    label: 'global settings (Get-ADSyncGlobalSettings)',
    howToGet:
      'Run (Get-ADSyncGlobalSettings).Parameters | Select-Object Name,Value | Sort-Object Name | Format-Table -AutoSize -Wrap on the server and paste the whole output.',
  },
  version: {
    label: 'Entra Connect version',
    howToGet:
      "Run (Get-ADSyncGlobalSettings).Parameters | Where-Object Name -eq 'Microsoft.Synchronize.ServerConfigurationVersion' | Select-Object Name,Value, or open Synchronization Service Manager > Help > About, and paste the version.",
  },
  'tls12-check': {
    label: 'output of the TLS 1.2 check script',
    howToGet:
      'Run the "PowerShell script to check TLS 1.2" from Microsoft Learn (TLS 1.2 enforcement for Microsoft Entra Connect) on the server and paste all eight rows it prints.',
  },
  os: {
    label: 'operating system identity',
    howToGet:
      'Run Get-CimInstance Win32_OperatingSystem | Select-Object Caption, Version, BuildNumber, ProductType on the server and paste the output.',
  },
  'entra-connector-credential': {
    label: 'Get-ADSyncEntraConnectorCredential output',
    howToGet:
      'Run Get-ADSyncEntraConnectorCredential in PowerShell on the server and paste the whole output (it shows ConnectorIdentityType: Application or ServiceAccount).',
  },
  'sync-cycle-result': {
    label: 'Start-ADSyncSyncCycle result',
    howToGet:
      'Run Start-ADSyncSyncCycle -PolicyType Delta (Initial for a full sync) on the server and paste the command with its result.',
  },
  'connector-run-status': {
    label: 'Get-ADSyncConnectorRunStatus output',
    howToGet:
      'Run Get-ADSyncConnectorRunStatus on the server and paste the command with its output (an empty result means the sync engine is idle).',
  },
  'run-profile-result': {
    label: 'Get-ADSyncRunProfileResult output',
    howToGet: `Run ${lastRunsCommand} on the server and paste the whole output.`,
  },
  'pending-exports': {
    label: 'pending-export summary of the Microsoft Entra connector',
    howToGet: `Run these lines in PowerShell as an administrator on the server and paste the summary they print:\n${pendingExportsCommand}`,
  },
  'deletion-threshold': {
    label: 'Get-ADSyncExportDeletionThreshold output',
    howToGet:
      'Run Get-ADSyncExportDeletionThreshold (newer builds ask for -AADUserName <your admin UPN>) on the server and paste the whole output.',
  },
  'password-sync-state': {
    label: 'Get-ADSyncPartitionPasswordSyncState output',
    howToGet:
      'Run Get-ADSyncPartitionPasswordSyncState on the new active server (password hash sync runs every few minutes once staging mode is off) and paste the whole output.',
  },
  'password-writeback': {
    label: 'Get-ADSyncAADPasswordResetConfiguration output',
    howToGet: `Run Get-ADSyncAADPasswordResetConfiguration -Connector ${entraConnectorNameCommand} on the new active server and paste the whole output.`,
  },
  'config-export': {
    label: 'exported settings JSON',
    howToGet:
      'In Microsoft Entra Connect choose "View or export current configuration" > Export settings and upload the JSON file (by default in %ProgramData%\\AADConnect).',
  },
  'migrated-policy': {
    label: 'MigratedPolicy.json',
    howToGet:
      'Run MigrateSettings.ps1 (from the Tools folder of the new installer) on the old server and upload MigratedPolicy.json from the Exported-ServerConfiguration-* folder it creates.',
  },
  'pasted-error': {
    label: 'an error message',
    howToGet: 'Fix the error it names, run the command again and paste its output.',
  },
  'event-log': {
    label: 'Windows event log entries',
    howToGet:
      "In Event Viewer > Windows Logs > Application (System for the service itself), select the entry and choose Copy > Copy details as text, then paste it; or run Get-WinEvent -LogName Application -MaxEvents 50 | Where-Object ProviderName -in ADSync, 'Directory Synchronization', PasswordResetService | Format-List TimeCreated, ProviderName, Id, LevelDisplayName, Message and paste the output.",
  },
  'wizard-error': {
    label: 'a wizard error',
    howToGet:
      "Paste the text of the wizard's error, and the lines of the newest %ProgramData%\\AADConnect\\trace-*.log that contain [ERROR].",
  },
  'installer-error': {
    label: 'an installer failure',
    howToGet:
      'Paste the installer\'s error and the lines around "Return value 3" in the newest installation log under %ProgramData%\\AADConnect.',
  },
  'health-alert': {
    label: 'a Connect Health alert',
    howToGet:
      'In the Microsoft Entra admin center > Entra Connect > Connect Health > Sync services, open the alert and paste its name and description.',
  },
  'permission-error': {
    label: 'an access denied error of your own account',
    howToGet:
      'Sign in to the server with an account in the local ADSyncAdmins group (ADSyncOperators for runs), open Windows PowerShell with Run as administrator and run the command again.',
  },
  'dc-locator': {
    label: 'nltest /dsgetdc output',
    howToGet:
      'Run nltest /dsgetdc:<your AD domain> in a command prompt on the Entra Connect server and paste the whole output.',
  },
  'port-test': {
    label: 'Test-NetConnection output',
    howToGet:
      'Run Test-NetConnection <domain controller> -Port 389 (or the port the fix names) in PowerShell on the Entra Connect server and paste the whole output.',
  },
  'service-status': {
    label: 'Get-Service ADSync output',
    howToGet:
      'Run Get-Service ADSync in PowerShell on the Entra Connect server and paste the output.',
  },
  unknown: {
    label: 'text the evaluator does not recognise',
    howToGet: 'Paste the output of the commands the checkpoint asks for.',
  },
};

/** "A or B": the evidence kinds of one requirement, named for a finding. */
export function describeEvidenceKinds(kinds: readonly EvidenceKind[]): string {
  return kinds.map((kind) => evidenceKindGuides[kind].label).join(' or ');
}
