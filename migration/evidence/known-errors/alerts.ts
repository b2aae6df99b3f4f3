import { lastRunsCommand } from '../run-profile-result';
import { learnBase, phrase, type KnownPastedError } from './known-error';

const alertCatalog = `${learnBase}/connect/how-to-connect-health-alert-catalog`;
/** Alerts are judged where the new server runs: once it is active, and while it is watched. */
const alertSteps = ['new-server-active', 'monitoring'] as const;
/** An apostrophe as typed, or as Teams and Outlook curl it. */
const isnt = "(?:isn['\u2019]t|is\\s+not)";
const entra = '(?:Microsoft\\s+Entra\\s+ID|Azure\\s+Active\\s+Directory)';
const entraConnector = '(?:Microsoft\\s+Entra|Azure\\s+Active\\s+Directory)\\s+Connector';
const restartSync =
  'When no sync operation is in progress, restart the sync service: Start > Run > Services.msc > Microsoft Entra ID Sync (ADSync) > Restart';
const phsEvents =
  "Get-WinEvent -LogName Application -MaxEvents 50 | Where-Object ProviderName -eq 'Directory Synchronization' | Format-List TimeCreated, ProviderName, Id, LevelDisplayName, Message";
const syncEvents =
  "Get-WinEvent -LogName Application -MaxEvents 50 | Where-Object ProviderName -in ADSync, 'Directory Synchronization' | Format-List TimeCreated, ProviderName, Id, LevelDisplayName, Message";
const runsAndEvents = `then send the last run results (${lastRunsCommand}) and the Application event log entries of that time (${syncEvents}).`;

/**
 * Microsoft Entra Connect Health alerts (Connect Health portal and its e-mails), current and older
 * (Azure AD) names, most specific first. See test/fixtures/real/phs-06..17.
 */
export const alertsErrors: readonly KnownPastedError[] = [
  {
    id: 'alert-phs-heartbeat-skipped',
    origin: 'alert',
    title:
      'Connect Health: Password Hash Synchronization heartbeat was skipped in last 120 minutes',
    patterns: [
      phrase('Password Hash Synchronization heartbeat was skipped'),
      new RegExp(
        `Password\\s+Hash\\s+Synchronization\\s+(?:isn['\u2019]t|has\\s+not)\\s+connected\\s+with\\s+${entra}\\s+in\\s+the\\s+last\\s+120\\s+minutes`,
        'i',
      ),
    ],
    verdict: 'fail',
    checkpoints: alertSteps,
    cause:
      'Password hash sync on this server has not connected with Microsoft Entra ID in the last 120 minutes, so passwords are not synchronized. On a staging server this is expected: it syncs no passwords.',
    fix: `${restartSync}. If the alert stays, check that the server is not in staging mode (Get-ADSyncScheduler) and that Get-ADSyncAADCompanyFeature shows PasswordHashSync True, then send the output of Get-ADSyncPartitionPasswordSyncState and the newest password hash sync events (${phsEvents}).`,
    learn: alertCatalog,
    explains: ['phs-no-heartbeat'],
  },
  {
    id: 'alert-phs-stopped',
    origin: 'alert',
    title: 'Connect Health: Password Hash Synchronization stopped working',
    patterns: [
      /Password\s+Hash\s+Synchronization\s+(?:has\s+)?stopped\s+working/i,
      /Password\s+Hash\s+Synchronization\s+(?:is|has)\s+stopped\.\s+As\s+a\s+result\s+passwords/i,
    ],
    verdict: 'fail',
    checkpoints: alertSteps,
    cause:
      'Password hash synchronization on this server has stopped, so password changes are not synchronized with Microsoft Entra ID.',
    fix: `${restartSync}; then send the output of Get-ADSyncPartitionPasswordSyncState and the newest password hash sync events (${phsEvents}).`,
    learn: alertCatalog,
  },
  {
    id: 'alert-sync-service-not-running',
    origin: 'alert',
    title: "Connect Health: Microsoft Entra Connect Sync Service isn't running",
    patterns: [
      new RegExp(
        `(?:Microsoft\\s+Entra|Azure\\s+AD)\\s+Connect\\s+Sync\\s+Service\\s+${isnt}\\s+running`,
        'i',
      ),
      new RegExp(
        `(?:Microsoft\\s+Entra\\s+ID|Microsoft\\s+Azure\\s+AD)\\s+Sync\\s+Windows\\s+service\\s+${isnt}\\s+running`,
        'i',
      ),
    ],
    verdict: 'fail',
    checkpoints: alertSteps,
    cause:
      "The Microsoft Entra ID Sync Windows service (ADSync) isn't running or couldn't start on this server, so no objects synchronize with Microsoft Entra ID.",
    fix: 'Open Services.msc, select Microsoft Entra ID Sync (ADSync) and Start it if it is not started; if it does not start, read the System and Application event log entries of that time (Service Control Manager, ADSync). Then send the output of Get-Service ADSync.',
    learn: alertCatalog,
  },
  {
    id: 'alert-accidental-delete-threshold',
    origin: 'alert',
    title:
      'Connect Health: Export to Microsoft Entra ID was Stopped. Accidental delete threshold was reached',
    patterns: [
      phrase('Accidental delete threshold was reached'),
      phrase('There were more objects to be deleted than the configured threshold'),
    ],
    verdict: 'fail',
    checkpoints: alertSteps,
    cause:
      'The export to Microsoft Entra ID stopped because more objects were to be deleted than the configured threshold (500 by default), so no objects were exported. After a migration this often means the new server does not sync the same domains, OUs or objects as the old one.',
    fix: `Look at the objects pending deletion (Synchronization Service Manager > Connectors > the Microsoft Entra connector > Search Connector Space > Pending Export, Delete). If the deletes are not intended, fix the filtering or sync rules of this server; only if they are intended run Disable-ADSyncExportDeletionThreshold, run Export on the Microsoft Entra connector, and Enable-ADSyncExportDeletionThreshold again; ${runsAndEvents}`,
    learn: `${learnBase}/connect/how-to-connect-sync-feature-prevent-accidental-deletes`,
  },
  {
    id: 'alert-entra-auth-failure',
    origin: 'alert',
    title: 'Connect Health: Connection to Microsoft Entra ID failed due to authentication failure',
    patterns: [
      new RegExp(
        `Connection\\s+to\\s+${entra}\\s+failed\\s+due\\s+to\\s+authentication\\s+failure`,
        'i',
      ),
    ],
    verdict: 'fail',
    checkpoints: alertSteps,
    cause:
      'The sync service could not sign in to Microsoft Entra ID, so objects are not synchronized with Microsoft Entra ID. The Application event log (Directory Synchronization event 906, with an AADSTS code) names why.',
    fix: `Investigate the event log errors of that time, as the alert's remediation says: ${runsAndEvents}`,
    learn: alertCatalog,
  },
  {
    id: 'alert-export-entra-failed',
    origin: 'alert',
    title: 'Connect Health: Export to Microsoft Entra ID failed',
    patterns: [
      new RegExp(`(?<![\\w-])Export\\s+to\\s+${entra}\\s+failed`, 'i'),
      new RegExp(
        `The\\s+export\\s+operation\\s+to\\s+${entraConnector}\\s+(?:has\\s+)?failed`,
        'i',
      ),
    ],
    verdict: 'fail',
    checkpoints: alertSteps,
    cause:
      'The export operation of the Microsoft Entra connector failed, so some objects might not be exported to Microsoft Entra ID.',
    fix: `Investigate the event log errors of the export operation and the export errors of the run in Synchronization Service Manager > Operations; ${runsAndEvents}`,
    learn: alertCatalog,
  },
  {
    id: 'alert-import-entra-failed',
    origin: 'alert',
    title: 'Connect Health: Import from Microsoft Entra ID failed',
    patterns: [
      new RegExp(`(?<![\\w-])Import\\s+from\\s+${entra}\\s+failed`, 'i'),
      new RegExp(
        `The\\s+import\\s+operation\\s+from\\s+${entraConnector}\\s+(?:has\\s+)?failed`,
        'i',
      ),
    ],
    verdict: 'fail',
    checkpoints: alertSteps,
    cause:
      'The import operation of the Microsoft Entra connector failed, so the server does not see the current state of Microsoft Entra ID.',
    fix: `Investigate the event log errors of the import operation and the run in Synchronization Service Manager > Operations; ${runsAndEvents}`,
    learn: alertCatalog,
  },
  {
    id: 'alert-import-ad-failed',
    origin: 'alert',
    title: 'Connect Health: Import from Active Directory failed',
    patterns: [
      /(?<![\w-])Import\s+from\s+Active\s+Directory\s+failed/i,
      phrase('objects from some domains from this forest'),
    ],
    verdict: 'fail',
    checkpoints: alertSteps,
    cause:
      'The import from Active Directory failed, so objects from some domains of this forest might not be imported (usually a domain controller that cannot be reached or a connector account that cannot sign in).',
    fix: `Verify that the domain controllers answer the server (nltest /dsgetdc:<domain>, Test-NetConnection <domain controller> -Port 389), run the import of the AD connector again in Synchronization Service Manager > Connectors > Run, and investigate the event log errors of the import; ${runsAndEvents}`,
    learn: alertCatalog,
  },
  {
    id: 'alert-export-ad-failed',
    origin: 'alert',
    title: 'Connect Health: Export to Active Directory failed',
    patterns: [
      /(?<![\w-])Export\s+to\s+Active\s+Directory\s+failed/i,
      /The\s+export\s+operation\s+to\s+Active\s+Directory\s+Connector\s+(?:has\s+)?failed/i,
    ],
    verdict: 'fail',
    checkpoints: alertSteps,
    cause:
      'The export operation to the Active Directory connector failed: what this server writes back to Active Directory (such as Exchange hybrid attributes, devices or groups) was not written.',
    fix: `Investigate the event log errors of the export operation and the export errors of the run in Synchronization Service Manager > Operations; ${runsAndEvents}`,
    learn: alertCatalog,
  },
  {
    id: 'alert-health-data-stale',
    origin: 'alert',
    title: "Connect Health: Health service data isn't up to date",
    patterns: [
      new RegExp(`Health\\s+service\\s+data\\s+${isnt}\\s+up\\s+to\\s+date`, 'i'),
      phrase('The last data processed by the Health Service is older than 2 Hours'),
    ],
    verdict: 'unknown',
    checkpoints: alertSteps,
    cause:
      "A Connect Health agent isn't sending data to the Health Service: nothing is known about sync from it for 2 hours. It is a gap in monitoring, not a sync failure; after a migration it is often the old server's agent, still listed after the server was turned off.",
    fix: 'On the server the alert names, install the latest Connect Health agent, check that its services (Microsoft Entra Connect Health Sync Insights Service and Sync Monitoring Service) are running, run the agent test connectivity tool (Test-AzureADConnectHealthConnectivity -Role Sync) and configure the HTTP proxy of the agents if one is used; the alert is evaluated again every 2 hours. If it is the old, decommissioned server, delete it from Connect Health in the portal. Then send the alert again, or that it is resolved.',
    learn: `${learnBase}/connect/how-to-connect-health-data-freshness`,
  },
  {
    id: 'alert-high-cpu',
    origin: 'alert',
    title: 'Connect Health: High CPU Usage detected',
    patterns: [
      phrase('High CPU Usage detected'),
      phrase('The percentage of CPU consumption crossed the recommended threshold'),
    ],
    verdict: 'unknown',
    checkpoints: alertSteps,
    cause:
      'The CPU consumption of this server crossed the recommended threshold. It is a resource warning, not a sync failure.',
    fix: 'Check the trend of the CPU usage; run get-process | Sort-Object -Descending CPU | Select-Object -First 10 to find the processes using it, stop unexpected ones, and re-evaluate the sizing of the server (restart it as a fail-safe). Then send the alert again, or that it is resolved.',
    learn: alertCatalog,
  },
  {
    id: 'alert-high-memory',
    origin: 'alert',
    title: 'Connect Health: High Memory Consumption Detected',
    patterns: [
      phrase('High Memory Consumption Detected'),
      phrase(
        'The percentage of memory consumption of the server is beyond the recommended threshold',
      ),
    ],
    verdict: 'unknown',
    checkpoints: alertSteps,
    cause:
      'The memory consumption of this server is beyond the recommended threshold. It is a resource warning, not a sync failure.',
    fix: 'Check the trend of the memory usage; run get-process | Sort-Object -Descending WS | Select-Object -First 10 to find the processes using it, stop unexpected ones, and re-evaluate the sizing of the server (restart it as a fail-safe). Then send the alert again, or that it is resolved.',
    learn: alertCatalog,
  },
];
