import { normalizePastedText } from './pasted-text';
import { lastRunsCommand } from './run-profile-result';

/** The errors admins paste that the evaluator knows, by stable id (shown in findings and tests). */
export const pastedErrorIds = [
  'tls12-not-configured',
  'settings-import-file-missing',
  'run-permission-issue',
  'run-no-start-connection',
  'run-stopped-extension-dll-exception',
  'sync-already-running',
  'adsync-module-not-loaded',
  'sync-account-interactive-sign-in',
  'aadsts-conditional-access-blocked',
  'aadsts-certificate-not-registered',
  'aadsts-application-not-found',
  'aadsts-invalid-client-secret',
  'entra-token-failure',
  'run-completed-with-errors',
  'run-stopped',
  'adsync-cmdlet-error',
] as const;
export type PastedErrorId = (typeof pastedErrorIds)[number];

/**
 * The best a checkpoint can be while the error stands: `fail` when something is broken, `unknown`
 * when the error only means nothing was run (a cycle was busy, the module was not loaded).
 */
export type PastedErrorVerdict = 'fail' | 'unknown';

/** One error the evaluator knows: how it looks when pasted, what causes it and the exact fix. */
export interface KnownPastedError {
  id: PastedErrorId;
  title: string;
  /** Any of these found in the paste means the error is there. */
  patterns: readonly RegExp[];
  verdict: PastedErrorVerdict;
  cause: string;
  fix: string;
  /** The Microsoft Learn page the cause and fix come from. */
  learn: string;
  /** More general errors this one explains: they are not reported beside it. */
  explains?: readonly PastedErrorId[];
  /** A catch-all: reported only when no other known error explains the paste. */
  catchAll?: true;
}

/** An error found in a paste: the known error and the line it was found on, as printed. */
export interface PastedError {
  id: PastedErrorId;
  title: string;
  verdict: PastedErrorVerdict;
  cause: string;
  fix: string;
  learn: string;
  excerpt: string;
}

/** Words of a message that PowerShell or the event log may wrap onto the next line anywhere. */
function phrase(words: string, flags = 'i'): RegExp {
  const escaped = words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(escaped.split(' ').join('\\s+'), flags);
}

const learnBase = 'https://learn.microsoft.com/entra/identity/hybrid';
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
export const knownPastedErrors: readonly KnownPastedError[] = [
  {
    id: 'tls12-not-configured',
    title: 'TLS 1.2 is not configured on this server',
    patterns: [
      phrase('TLS 1.2 is not configured on this server'),
      phrase('Incorrect version of TLS'),
    ],
    verdict: 'fail',
    cause:
      'The Entra Connect installation wizard stops because TLS 1.2 is not enabled for .NET Framework and SCHANNEL on this server.',
    fix: 'Run the "PowerShell script to enable TLS 1.2" from Microsoft Learn (TLS 1.2 enforcement for Microsoft Entra Connect) in an elevated PowerShell on this server, restart the server, run the "PowerShell script to check TLS 1.2" and send its output, then start the wizard again.',
    learn: `${learnBase}/connect/reference-connect-tls-enforcement`,
  },
  {
    id: 'settings-import-file-missing',
    title: 'The settings import cannot find a file',
    patterns: [
      /importing (?:your )?synchronization\s+settings[^\n]{0,300}?(?:Could not find|Cannot find|does not exist)/i,
      /Import-ADSync\w*[^\n]{0,300}?(?:Cannot find path|Could not find|does not exist)/i,
      /(?:Could not find (?:a part of the path|file)|Cannot find path)\s+'[^'\n]{0,300}?(?:MigratedPolicy|SynchronizationPolicy|Exported-ServerConfiguration|\.dsml)/i,
    ],
    verdict: 'fail',
    cause:
      'The settings import could not open a file it needs: the settings JSON you selected, or a file that MigratedPolicy.json refers to in its Exported-ServerConfiguration-* folder (such as mv.dsml), is not at that path on this server.',
    fix: 'Copy the whole Exported-ServerConfiguration-* folder (or the exported settings JSON) from the old server to a local folder on the new server, then run the Entra Connect installation again with Customize > Import synchronization settings and browse to the file inside that copied folder.',
    learn: `${learnBase}/connect/how-to-connect-import-export-config`,
  },
  {
    id: 'run-permission-issue',
    title: 'Export error permission-issue (8344)',
    patterns: [
      /(?<![\w-])permission-issue\b/i,
      phrase('Insufficient access rights to perform the operation'),
      /\bINSUFF_ACCESS_RIGHTS\b/,
    ],
    verdict: 'fail',
    cause:
      'The AD DS connector account (MSOL_...) lacks the right to write the object in Active Directory (error 8344): usually inheritance is disabled on the object, or it is a protected account (adminCount=1) whose permissions AdminSDHolder resets every hour.',
    fix: 'In the Entra Connect wizard select Troubleshoot > Launch, enter 4 (Configure AD DS Connector Account Permissions), list the objects with inheritance disabled (2) and enable inheritance on them, and set the permissions of the feature that writes back (or use the ADSyncConfig module); for protected accounts grant the permission on AdminSDHolder or stop syncing admin accounts. Then run Start-ADSyncSyncCycle -PolicyType Delta and send the new run results.',
    learn:
      'https://learn.microsoft.com/troubleshoot/entra/entra-id/user-prov-sync/troubleshoot-permission-issue-sync-service-manager',
    explains: ['run-completed-with-errors'],
  },
  {
    id: 'run-no-start-connection',
    title: 'Run result no-start-connection',
    patterns: [/(?<![\w-])no-start-connection\b/i],
    verdict: 'fail',
    cause:
      'The connector could not connect at the start of the run. For an Active Directory connector no domain controller answered (down, DNS, a firewall on port 389, or a changed password of the connector account); for the Microsoft Entra connector (name ending in - AAD) Microsoft Entra ID could not be reached.',
    fix: `On the Entra Connect server check that a domain controller of that domain answers (nltest /dsgetdc:<domain>, Test-NetConnection <domain controller> -Port 389); if it does, enter the connector account password again in Synchronization Service Manager > Connectors > Properties > Connect to Active Directory Forest; ${deltaAndResult}`,
    learn: operationsTab,
  },
  {
    id: 'run-stopped-extension-dll-exception',
    title: 'Run result stopped-extension-dll-exception',
    patterns: [/(?<![\w-])stopped-extension-dll-exception\b/i],
    verdict: 'fail',
    cause:
      'An extension of the connector threw an exception and the run stopped. On the Microsoft Entra connector this is usually its account failing to sign in (an expired password, or MFA or Conditional Access applied to the Sync_ account); the Application event log (sources ADSync and Directory Synchronization, events 6900, 906 and 904) names the cause.',
    fix: `Read the Application event log entries at the time of the run; if they name an interactive sign-in, MFA or Conditional Access, ${excludeSyncAccount}${deltaAndResult}`,
    learn: accountsPage,
    explains: ['run-stopped'],
  },
  {
    id: 'sync-already-running',
    title: 'A sync cycle is already running',
    patterns: [
      phrase('Sync is already running'),
      phrase('Cannot start a new sync cycle'),
      phrase('Cannot start a new run till this one completes'),
      /Connector:\s[^\n]{1,200}?\sis\s+busy/i,
    ],
    verdict: 'unknown',
    cause:
      'A sync cycle was already running, so Start-ADSyncSyncCycle started nothing. This says nothing about whether synchronisation succeeds.',
    fix: `Wait until Get-ADSyncConnectorRunStatus returns nothing (the running cycle has then finished), then send its output with the last run results: ${lastRunsCommand}.`,
    learn: `${learnBase}/connect/how-to-connect-sync-feature-scheduler`,
  },
  {
    id: 'adsync-module-not-loaded',
    title: 'The ADSync cmdlets are not recognised',
    patterns: [
      /The term '[A-Za-z]+-ADSync\w*' is not\s+recognized/i,
      phrase("The specified module 'ADSync' was not loaded"),
      /-ADSync\w*[^\n]{0,200}?CommandNotFoundException/i,
    ],
    verdict: 'unknown',
    // Seed 000 (Learn, "Introduction to Microsoft Entra Connect V2"): restart PowerShell after installing or upgrading, then import by path.
    cause:
      'The ADSync PowerShell module is not loaded in this PowerShell session. After installing or upgrading to V2, a PowerShell window opened before the installation does not see the module (a known issue), and the module is not found by its name alone.',
    fix: 'Close this PowerShell window, open Windows PowerShell as administrator and load the module by its full path: Import-Module -Name "C:\\Program Files\\Microsoft Azure AD Sync\\Bin\\ADSync" (the same module as ...\\Bin\\ADSync\\ADSync.psd1). Then run the commands of this step again and send their output.',
    learn: `${learnBase}/connect/whatis-azure-ad-connect-v2`,
  },
  {
    id: 'sync-account-interactive-sign-in',
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
    cause:
      'The Microsoft Entra connector account (Sync_...) is asked to sign in interactively: multifactor authentication, a Conditional Access policy or terms of use apply to it, and the sync service cannot answer a prompt, so nothing is imported from or exported to Microsoft Entra ID.',
    fix: `In Microsoft Entra ID ${excludeSyncAccount}${deltaAndResult}`,
    learn: accountsPage,
    explains: ['entra-token-failure'],
  },
  {
    id: 'aadsts-conditional-access-blocked',
    title: 'Conditional Access blocks the sync account (AADSTS53003)',
    patterns: [/\bAADSTS53003\b/],
    verdict: 'fail',
    cause:
      'A Conditional Access policy blocked the sign-in of the Microsoft Entra connector account (AADSTS53003), so the sync service gets no token for Microsoft Entra ID.',
    fix: `In Microsoft Entra ID ${excludeSyncAccount}${deltaAndResult}`,
    learn: accountsPage,
    explains: ['entra-token-failure'],
  },
  {
    id: 'aadsts-certificate-not-registered',
    title: "The server's certificate is not on its application (AADSTS700027)",
    patterns: [/\bAADSTS700027\b/],
    verdict: 'fail',
    cause:
      'The certificate this server signs in with is not registered on its Microsoft Entra application (AADSTS700027). It happens when two Entra Connect servers, such as the old active one and the new staging one, share one connector account or were cloned: both use one application registration, and each certificate rollover breaks the other server.',
    fix: "Give each server its own application, as Learn describes: pause the scheduler (Set-ADSyncScheduler -SyncCycleEnabled $false), revert the server to a service account (Add-ADSyncAADServiceAccount), make sure its SyncMachineIdentifier differs from the other server's, delete the conflicting ConnectSyncProvisioning_* app registrations, run Configure application-based authentication in the wizard, and turn the scheduler on again (Set-ADSyncScheduler -SyncCycleEnabled $true).",
    learn: applicationAuthentication,
    explains: ['entra-token-failure'],
  },
  {
    id: 'aadsts-application-not-found',
    title: "The sync service's application is not in the tenant (AADSTS700016)",
    patterns: [/\bAADSTS700016\b/],
    verdict: 'fail',
    cause:
      'Microsoft Entra ID does not know the application the sync service signs in with (AADSTS700016): its registration (ConnectSyncProvisioning_<server>_...) was deleted, or the server signs in to another tenant.',
    fix: `Run the Entra Connect wizard on this server, sign in with a Hybrid Identity Administrator of the right tenant and run Configure application-based authentication so that it registers a new application; ${deltaAndResult}`,
    learn: applicationAuthentication,
    explains: ['entra-token-failure'],
  },
  {
    id: 'aadsts-invalid-client-secret',
    title: 'The sync service presents an invalid credential (AADSTS7000215)',
    patterns: [/\bAADSTS7000215\b/],
    verdict: 'fail',
    cause:
      'The credential the sync service presents for its application is wrong or expired (AADSTS7000215), so it gets no token for Microsoft Entra ID.',
    fix: `Run the Entra Connect wizard on this server and renew the credential (Rotate application certificate, or Configure application-based authentication); ${deltaAndResult}`,
    learn: applicationAuthentication,
    explains: ['entra-token-failure'],
  },
  {
    id: 'entra-token-failure',
    title: 'The sync service gets no token from Microsoft Entra ID',
    patterns: [
      /\bAADSTS\d{5,8}\b/,
      phrase('unable to retrieve a security token'),
      /AcquireToken\w*:\s+Exception caught/i,
      /Directory Synchronization[\s\S]{0,200}?Event ID:\s+906\b/i,
    ],
    verdict: 'fail',
    cause:
      'The sync service could not get a token from Microsoft Entra ID (Event 906), so it cannot import from or export to the cloud; the AADSTS code in the message names the reason.',
    fix: `Look up the AADSTS code of the message at https://login.microsoftonline.com/error?code=<number>, fix the sign-in of the Microsoft Entra connector account or application it names, ${deltaAndResult}`,
    learn: 'https://learn.microsoft.com/entra/identity-platform/reference-error-codes',
  },
  {
    id: 'run-completed-with-errors',
    title: 'A run completed with errors',
    patterns: [/(?<![\w-])completed-[a-z]+-errors\b/i],
    verdict: 'fail',
    cause:
      'The run finished, but some objects failed (completed-*-errors): those objects are not synchronised until their errors are fixed.',
    fix: `Open Synchronization Service Manager > Operations, select the run and open each object in its error list to read what failed; fix it, ${deltaAndResult}`,
    learn: operationsTab,
  },
  {
    id: 'run-stopped',
    title: 'A run stopped',
    patterns: [/(?<![\w-])stopped-[a-z]+(?:-[a-z]+)*\b/i],
    verdict: 'fail',
    cause:
      'The run could not complete (stopped-*), for example because the remote system could not be contacted; nothing after that step ran.',
    fix: `Open Synchronization Service Manager > Operations, select the stopped run and read its details and the Application event log (source ADSync) at that time; fix the cause, ${deltaAndResult}`,
    learn: operationsTab,
  },
  {
    id: 'adsync-cmdlet-error',
    title: 'An ADSync command failed',
    patterns: [
      /(?<![\w-])(?:Start|Get|Set|Add|Remove|Import|Export|Invoke|Enable|Disable|Stop|Test)-ADSync\w*\s+:\s+\S/i,
    ],
    verdict: 'fail',
    cause: 'The command failed with the error shown, so it produced no output to judge.',
    fix: 'Check that the ADSync service is running (Get-Service ADSync) and read the Application event log (source ADSync) at that time for the cause; fix it, run the command again and send its output.',
    learn: `${learnBase}/connect/tshoot-connect-sync-errors`,
    catchAll: true,
  },
];

const MAX_EXCERPT = 300;

/** The known errors in a paste, each once, the ones explained by a more specific error left out. */
export function recognizePastedErrors(text: string): PastedError[] {
  const normalized = normalizePastedText(text);
  const found = knownPastedErrors.flatMap((known) => {
    const match = firstMatch(normalized, known.patterns);
    return match === undefined ? [] : [{ known, excerpt: lineAround(normalized, match) }];
  });
  const explained = new Set(found.flatMap(({ known }) => known.explains ?? []));
  const specific = found.some(({ known }) => known.catchAll !== true);
  return found
    .filter(({ known }) => !explained.has(known.id) && !(specific && known.catchAll === true))
    .map(({ known, excerpt }) => ({
      id: known.id,
      title: known.title,
      verdict: known.verdict,
      cause: known.cause,
      fix: known.fix,
      learn: known.learn,
      excerpt,
    }));
}

/** True when the text holds a known error. */
export function holdsPastedError(text: string): boolean {
  return recognizePastedErrors(text).length > 0;
}

/** The worst verdict of the errors: any `fail` fails, otherwise the checkpoint stays undecided. */
export function verdictOfErrors(errors: readonly PastedError[]): PastedErrorVerdict | undefined {
  if (errors.length === 0) return undefined;
  return errors.some((error) => error.verdict === 'fail') ? 'fail' : 'unknown';
}

function firstMatch(text: string, patterns: readonly RegExp[]): number | undefined {
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (match !== null) return match.index;
  }
  return undefined;
}

/** The line the error was found on, as printed (cut to a length a finding can show). */
function lineAround(text: string, position: number): string {
  const end = text.indexOf('\n', position);
  const line = text
    .slice(text.lastIndexOf('\n', position) + 1, end === -1 ? text.length : end)
    .trim();
  return line.length > MAX_EXCERPT ? `${line.slice(0, MAX_EXCERPT - 1)}…` : line;
}
