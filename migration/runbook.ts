import { z } from 'zod';
import { computerNameCommand } from './evidence/computer-name';
import { entraConnectorNameCommand } from './evidence/entra-connector';
import {
  connectorAccountRightsTask,
  leastPrivilegeInstallTask,
  tier0ServerTask,
} from './least-privilege';
import { pendingExportsCommand } from './evidence/pending-exports';
import { lastRunsCommand } from './evidence/run-profile-result';

/** The phases of a swing migration, in order. */
export const phaseIds = ['prepare', 'build', 'cutover', 'monitor', 'decommission'] as const;
export type PhaseId = (typeof phaseIds)[number];

/** Checkpoint ids: stable wire contracts (durable events, card data, the CLI). Never rename. */
export const checkpointIds = [
  'source-version',
  'source-settings',
  'sign-in-settings',
  'config-export',
  'target-os',
  'tls12',
  'target-install',
  'config-match',
  'staging-sync',
  'cutover-approval',
  'old-server-staging',
  'new-server-active',
  'monitoring',
  'decommission',
] as const;
export type CheckpointId = (typeof checkpointIds)[number];
export const checkpointIdSchema = z.enum(checkpointIds);

/**
 * Kinds taken at any evidence step, whatever it asks for: errors and events (answered with their
 * cause and fix) and the outputs the fixes ask for. None of them ever passes a step.
 */
export const diagnosticKinds = [
  /** A known error message of a command (pasted-errors.ts). */
  'pasted-error',
  /** Windows event log entries, in any form Event Viewer or PowerShell prints them (event-log.ts). */
  'event-log',
  /** An error of the installation or configuration wizard: its dialog or its trace log lines. */
  'wizard-error',
  /** A Windows Installer failure of Entra Connect: its code or its log lines. */
  'installer-error',
  /** A Microsoft Entra Connect Health or admin center alert. */
  'health-alert',
  /** The operator's own permission error: nothing ran. */
  'permission-error',
  /** nltest /dsgetdc output: whether a domain controller of the domain answers. */
  'dc-locator',
  /** Test-NetConnection output: whether a port of a host answers. */
  'port-test',
  /** Get-Service ADSync output: whether the sync service runs. */
  'service-status',
] as const;

/** The kinds of evidence the parsers recognise (what `evidence identify` prints). */
export const evidenceKinds = [
  'scheduler',
  'global-settings',
  'version',
  'tls12-check',
  'os',
  /** Get-ADSyncEntraConnectorCredential: whether the connector uses application-based authentication. */
  'entra-connector-credential',
  'sync-cycle-result',
  'connector-run-status',
  'run-profile-result',
  'pending-exports',
  'deletion-threshold',
  'password-sync-state',
  'password-writeback',
  'config-export',
  'migrated-policy',
  ...diagnosticKinds,
  'unknown',
] as const;
export type EvidenceKind = (typeof evidenceKinds)[number];

/** True for a kind taken at any evidence step (see `diagnosticKinds`). */
export function isDiagnosticKind(kind: EvidenceKind): boolean {
  return (diagnosticKinds as readonly EvidenceKind[]).includes(kind);
}

/** Who decides a checkpoint: the evaluator from pasted or uploaded evidence, or people. */
export type Decider = 'evidence' | 'people';

/** Which server the admin runs the commands on. */
export type ServerRole = 'old' | 'new' | 'active';

/** One step of the runbook, with what the admin has to do and why. */
export interface Checkpoint {
  id: CheckpointId;
  phase: PhaseId;
  title: string;
  /** Why this step matters, in one or two sentences an admin can act on. */
  why: string;
  decidedBy: Decider;
  /** Where to run the commands. */
  runOn?: ServerRole;
  /** Exact PowerShell to run, one command per line, ready to copy. */
  powershell?: string;
  /** What to send back: evidence kinds, with the first required ones listed in `required`. */
  accepts: readonly EvidenceKind[];
  /** Evidence kinds without which the checkpoint cannot be judged (any one of each inner list). */
  required: readonly (readonly EvidenceKind[])[];
  /** True when the evidence is usually a file (exports are too big to paste in Teams). */
  expectsFile?: boolean;
  /** True when people answer it on a form that follows the instructions: nothing is run. */
  answeredOnForm?: boolean;
  /** What else to do at this step: not evidence, nothing here is judged. */
  tasks?: readonly CheckpointTask[];
}

/** Something the admin does at a step besides sending evidence, with the commands when there are any. */
export interface CheckpointTask {
  readonly title: string;
  readonly text: string;
  readonly powershell?: string;
}

/** A step's commands, led by the line that prints which server they ran on. */
function onTheServer(commands: string): string {
  return `${computerNameCommand}\n${commands}`;
}

/** Learn: how-to-upgrade-previous-version (swing migration), how-to-connect-sync-staging-server. */
export const runbook: readonly Checkpoint[] = [
  {
    id: 'source-version',
    phase: 'prepare',
    title: 'Record the version of the current server',
    why: 'The version decides how the configuration can be exported: servers older than 1.5.42.0 have no JSON export and need MigrateSettings.ps1 from the new installer.',
    decidedBy: 'evidence',
    runOn: 'old',
    powershell: onTheServer(
      "(Get-ADSyncGlobalSettings).Parameters | Where-Object Name -eq 'Microsoft.Synchronize.ServerConfigurationVersion' | Select-Object Name,Value",
    ),
    accepts: ['version', 'global-settings', 'migrated-policy'],
    required: [['version', 'global-settings', 'migrated-policy']],
  },
  {
    id: 'source-settings',
    phase: 'prepare',
    title: 'Capture the current server settings',
    why: 'The new server must reproduce the sign-on method, optional features, deletion threshold and any customised sync interval, and the current server must be the only active one.',
    decidedBy: 'evidence',
    runOn: 'old',
    powershell: onTheServer(
      [
        '(Get-ADSyncGlobalSettings).Parameters | Select-Object Name,Value | Sort-Object Name',
        'Get-ADSyncScheduler',
      ].join('\n'),
    ),
    accepts: ['global-settings', 'scheduler'],
    required: [['global-settings']],
  },
  {
    id: 'sign-in-settings',
    phase: 'prepare',
    title: 'Confirm the user sign-in settings',
    // Learn how-to-connect-import-export-config: the import preselects the sign-on options; federation parameters are asked again.
    why: 'The import preselects the sign-on method, but AD FS and PingFederate need all their parameters again and device writeback is not applied; the answers are checked against the current server so the new one reproduces it.',
    decidedBy: 'evidence',
    runOn: 'old',
    answeredOnForm: true,
    accepts: ['global-settings'],
    required: [],
  },
  {
    id: 'config-export',
    phase: 'prepare',
    title: 'Export the current configuration',
    why: 'The new server is installed from this export, so it must be a complete, valid export of the current server.',
    decidedBy: 'evidence',
    runOn: 'old',
    powershell: [
      '# Entra Connect wizard > View or export current configuration > Export settings, or the newest file in:',
      'Get-ChildItem "$env:ProgramData\\AADConnect" -Filter "*SynchronizationPolicy-*.json" | Sort-Object LastWriteTime -Descending | Select-Object -First 1 FullName',
    ].join('\n'),
    accepts: ['config-export', 'migrated-policy'],
    required: [['config-export', 'migrated-policy']],
    expectsFile: true,
  },
  {
    id: 'target-os',
    phase: 'build',
    title: 'Check the new server operating system',
    // Learn: how-to-connect-install-prerequisites (ms.date 2026-01-16); troubleshoot-connect-sync-application-authentication (cloning).
    why: "Microsoft recommends Windows Server 2025 or 2022 for Entra Connect Sync; older releases can run it while they are in extended support; a client Windows or Server Core cannot. Build the server fresh, not as a clone of the old server's VM: a shared machine identifier breaks application-based authentication.",
    decidedBy: 'evidence',
    runOn: 'new',
    powershell: onTheServer(
      'Get-CimInstance Win32_OperatingSystem | Select-Object Caption, Version, BuildNumber, ProductType',
    ),
    accepts: ['os'],
    required: [['os']],
    tasks: [tier0ServerTask],
  },
  {
    id: 'tls12',
    phase: 'build',
    title: 'Enforce TLS 1.2 on the new server',
    why: 'Entra Connect talks to Microsoft Entra ID over TLS 1.2 only; the eight registry values must be set and the server restarted. Learn: https://learn.microsoft.com/entra/identity/hybrid/connect/reference-connect-tls-enforcement',
    decidedBy: 'evidence',
    runOn: 'new',
    // Learn's "PowerShell script to check TLS 1.2" (reference-connect-tls-enforcement, MIT sample),
    // shortened: the same eight values, as Path, Name and Value, "Not Found" when absent.
    powershell: onTheServer(
      [
        "$wow = 'HKLM:\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319'",
        "$net = 'HKLM:\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319'",
        "$tls = 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2'",
        '@(',
        "  @($wow, 'SystemDefaultTlsVersions'), @($wow, 'SchUseStrongCrypto'),",
        "  @($net, 'SystemDefaultTlsVersions'), @($net, 'SchUseStrongCrypto'),",
        '  @("$tls\\Server", \'Enabled\'), @("$tls\\Server", \'DisabledByDefault\'),',
        '  @("$tls\\Client", \'Enabled\'), @("$tls\\Client", \'DisabledByDefault\')',
        ') | ForEach-Object {',
        '  $item = Get-ItemProperty -Path $_[0] -Name $_[1] -ErrorAction Ignore',
        "  [pscustomobject]@{ Path = $_[0]; Name = $_[1]; Value = $(if ($null -eq $item) { 'Not Found' } else { $item.($_[1]) }) }",
        '}',
      ].join('\n'),
    ),
    accepts: ['tls12-check'],
    required: [['tls12-check']],
  },
  {
    id: 'target-install',
    phase: 'build',
    title: 'Install Entra Connect V2 in staging mode',
    // Learn: how-to-connect-install-prerequisites (banner): 2.6.84.0 or later with application-based authentication by 7 April 2027.
    // Learn: how-to-connect-install-prerequisites (roles assigned directly), reference-connect-accounts-permissions.
    why: 'The new server must run 2.5.79.0 or later (older builds stopped syncing on 30 September 2026), and 2.6.84.0 or later with application-based authentication by 7 April 2027, when legacy authentication stops syncing; it stays in staging mode until cutover, so only one server is ever active. Install it with the least privilege: a cloud-only Hybrid Identity Administrator assigned directly, not a Global Administrator.',
    decidedBy: 'evidence',
    runOn: 'new',
    powershell: onTheServer(
      [
        '(Get-ADSyncGlobalSettings).Parameters | Select-Object Name,Value | Sort-Object Name',
        'Get-ADSyncScheduler',
        'Get-ADSyncEntraConnectorCredential',
      ].join('\n'),
    ),
    accepts: ['global-settings', 'version', 'scheduler', 'entra-connector-credential'],
    required: [
      ['global-settings', 'version'],
      ['scheduler', 'global-settings'],
    ],
    tasks: [leastPrivilegeInstallTask],
  },
  {
    id: 'config-match',
    phase: 'build',
    title: 'Compare the new configuration with the export',
    why: 'A difference in directories, OU filtering or sync rules means the new server would change objects in the cloud at cutover.',
    decidedBy: 'evidence',
    runOn: 'new',
    powershell:
      'Get-ChildItem "$env:ProgramData\\AADConnect" -Filter "Applied-SynchronizationPolicy-*.json" | Sort-Object LastWriteTime -Descending | Select-Object -First 1 FullName',
    accepts: ['config-export'],
    required: [['config-export']],
    expectsFile: true,
    // Here rather than at target-install: this step is where the new server is made to reproduce the
    // old one, the new MSOL_ account exists by now, and the staging sync that follows reads with it.
    // A task, not a checkpoint: a new checkpoint would change the order of running migrations' actions.
    tasks: [connectorAccountRightsTask],
  },
  {
    id: 'staging-sync',
    phase: 'build',
    title: 'Verify a full sync on the staging server',
    // Learn: how-to-connect-sync-staging-server ("Verify", and the conditions before switching).
    why: 'The staging server must import and synchronise cleanly, and what it would export at cutover must be reviewed: deletes above the deletion threshold block the cutover, and every pending change must be expected.',
    decidedBy: 'evidence',
    runOn: 'new',
    powershell: onTheServer(
      [
        'Start-ADSyncSyncCycle -PolicyType Initial',
        '# Repeat until it returns nothing (the cycle has finished):',
        'Get-ADSyncConnectorRunStatus',
        lastRunsCommand,
        '# Then what the new server would export to Microsoft Entra ID at cutover:',
        pendingExportsCommand,
      ].join('\n'),
    ),
    accepts: ['sync-cycle-result', 'connector-run-status', 'run-profile-result', 'pending-exports'],
    required: [
      ['sync-cycle-result', 'connector-run-status', 'run-profile-result'],
      ['pending-exports'],
    ],
  },
  {
    id: 'cutover-approval',
    phase: 'cutover',
    title: 'Approve the cutover',
    why: 'Switching the active server changes who writes to the cloud directory; a second person approves it.',
    decidedBy: 'people',
    accepts: [],
    required: [],
  },
  {
    id: 'old-server-staging',
    phase: 'cutover',
    title: 'Put the old server in staging mode first',
    why: 'Turning the old server to staging before activating the new one means two servers are never active together.',
    decidedBy: 'evidence',
    runOn: 'old',
    powershell: onTheServer(
      [
        '# Entra Connect wizard > Configure staging mode > Enable staging mode, then:',
        'Get-ADSyncScheduler',
      ].join('\n'),
    ),
    accepts: ['scheduler'],
    required: [['scheduler']],
  },
  {
    id: 'new-server-active',
    phase: 'cutover',
    title: 'Make the new server active',
    why: 'The new server takes over exports to Microsoft Entra ID: accidental-delete prevention must be on, its sync cycle enabled, and its first export to Microsoft Entra ID must finish cleanly (Start-ADSyncSyncCycle returning Success only means a cycle was started), and sign-in must keep working: password hash sync and writeback start on it when staging mode is cleared.',
    decidedBy: 'evidence',
    runOn: 'new',
    powershell: onTheServer(
      [
        '# Before you clear staging mode (newer builds ask for -AADUserName <your admin UPN>):',
        'Get-ADSyncExportDeletionThreshold',
        '# Entra Connect wizard > Configure staging mode > clear Enable staging mode, then:',
        'Get-ADSyncScheduler',
        'Start-ADSyncSyncCycle -PolicyType Delta',
        '# When Get-ADSyncConnectorRunStatus returns nothing, the first export has run:',
        lastRunsCommand,
        '# Where password hash sync is used:',
        'Get-ADSyncPartitionPasswordSyncState',
        '# Where password writeback is used:',
        `Get-ADSyncAADPasswordResetConfiguration -Connector ${entraConnectorNameCommand}`,
      ].join('\n'),
    ),
    accepts: [
      'scheduler',
      'deletion-threshold',
      'sync-cycle-result',
      'run-profile-result',
      'password-sync-state',
      'password-writeback',
    ],
    required: [['scheduler'], ['deletion-threshold'], ['run-profile-result']],
  },
  {
    id: 'monitoring',
    phase: 'monitor',
    title: 'Watch the new active server',
    why: 'Problems often show only after a few sync cycles; the old server stays ready as a fallback until monitoring ends.',
    decidedBy: 'evidence',
    runOn: 'new',
    powershell: onTheServer(['Get-ADSyncScheduler', 'Get-ADSyncConnectorRunStatus'].join('\n')),
    accepts: ['scheduler', 'sync-cycle-result', 'connector-run-status', 'run-profile-result'],
    required: [['scheduler', 'sync-cycle-result', 'connector-run-status', 'run-profile-result']],
  },
  {
    id: 'decommission',
    phase: 'decommission',
    title: 'Decommission the old server',
    why: 'A "rogue" old server powered on later can overwrite the cloud directory with stale data every sync cycle; it must be uninstalled or deleted for good.',
    decidedBy: 'people',
    runOn: 'old',
    accepts: [],
    required: [],
  },
];

/** The checkpoint with this id. */
export function checkpointById(id: CheckpointId): Checkpoint {
  const found = runbook.find((c) => c.id === id);
  if (found === undefined) throw new Error(`Unknown checkpoint ${id}`);
  return found;
}

/** Where `id` stands in runbook order, from 0. */
export function checkpointIndex(id: CheckpointId): number {
  return runbook.findIndex((c) => c.id === id);
}

/** The checkpoint after `id` in runbook order, or undefined after the last. */
export function nextCheckpoint(id: CheckpointId): Checkpoint | undefined {
  return runbook[checkpointIndex(id) + 1];
}

/** Human names of the phases. */
export const phaseTitles: Readonly<Record<PhaseId, string>> = {
  prepare: 'Prepare the current server',
  build: 'Build the new server',
  cutover: 'Cutover',
  monitor: 'Monitoring',
  decommission: 'Decommission',
};
