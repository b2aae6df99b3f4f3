import { lastRunsCommand } from '../run-profile-result';
import { learnBase, phrase, troubleshootBase, type KnownPastedError } from './known-error';

const portsPage = `${learnBase}/connect/reference-connect-ports`;
const afterFix = `then run Start-ADSyncSyncCycle -PolicyType Delta and send the new run results (${lastRunsCommand}).`;

/**
 * The outputs of the commands the fixes ask for (nltest /dsgetdc, Test-NetConnection,
 * Get-Service ADSync) when they show the fault. Their healthy outputs are answered in
 * checkpoints/diagnostic-answers.ts.
 */
export const diagnosticsErrors: readonly KnownPastedError[] = [
  {
    id: 'output-dc-not-found',
    title: 'No domain controller of the domain was found (nltest /dsgetdc)',
    origin: 'output',
    patterns: [/Getting DC name failed:\s*Status\s*=\s*\d{1,10}\s+0x[0-9a-f]{1,8}\s+\w+/i],
    verdict: 'fail',
    checkpoints: ['target-install', 'staging-sync', 'new-server-active', 'monitoring'],
    cause:
      'This server cannot locate a domain controller of that domain (the DC locator failed; 1355 ERROR_NO_SUCH_DOMAIN means the domain name did not resolve to any domain controller), so the Active Directory connector cannot connect and the wizard cannot find the forest.',
    fix: "On this server run ipconfig /all and check that its DNS servers are the domain's DNS servers; run nslookup <domain controller FQDN> and nslookup _ldap._tcp.dc._msdcs.<domain>; if the records are missing, run ipconfig /registerdns on the domain controller and restart its Netlogon service (which registers its SRV records) and check dcdiag /v; make sure UDP and TCP 389 to the domain controllers is open. Then run nltest /dsgetdc:<domain> again and send its output.",
    learn:
      'https://learn.microsoft.com/troubleshoot/windows-server/active-directory/how-domain-controllers-are-located',
  },
  {
    id: 'output-port-unreachable',
    title: 'A TCP port did not answer (Test-NetConnection)',
    origin: 'output',
    patterns: [
      /TcpTestSucceeded\s*:\s*False\b/i,
      /WARNING:\s+TCP\s+connect\s+to\s+\([^)\n]{1,200}\)\s+failed/i,
    ],
    verdict: 'fail',
    checkpoints: ['target-install', 'staging-sync', 'new-server-active', 'monitoring'],
    cause:
      'The connection from this server to that host and port failed: a firewall between them blocks it, or nothing listens on the port. Entra Connect needs DNS (53), Kerberos (88), RPC (135 and the dynamic range 49152-65535, for password hash sync), LDAP (389), SMB (445) and, when used, LDAPS (636) to every domain controller, and HTTPS (443) to Microsoft Entra ID.',
    fix: `Open the port on every firewall between this server and the host (Windows Defender Firewall on the domain controller included), then run Test-NetConnection <host> -Port <port> again and send its output; when TcpTestSucceeded is True, ${afterFix}`,
    learn: portsPage,
  },
  {
    id: 'output-adsync-service-stopped',
    title: 'The ADSync service is not running (Get-Service ADSync)',
    origin: 'output',
    patterns: [
      /^[ ]*(?:Stopped|StopPending|Paused)[ ]+ADSync\b/im,
      /Status\s*:\s*Stopped\b[\s\S]{0,200}?\bName\s*:\s*ADSync\b/i,
      /\bName\s*:\s*ADSync\b[\s\S]{0,300}?\bStatus\s*:\s*Stopped\b/i,
    ],
    verdict: 'fail',
    checkpoints: ['target-install', 'staging-sync', 'new-server-active', 'monitoring'],
    cause:
      'The Microsoft Azure AD Sync service (ADSync) is stopped, so this server synchronizes nothing: no scheduler cycle, no password hash sync and no password writeback.',
    fix: 'Run Start-Service ADSync in an elevated PowerShell. If it does not start, open Event Viewer > Windows Logs > System, copy the Service Control Manager events of that time (7000, 7024, 7038, 7041) and the Application events of source ADSync, and send them: they name the cause (a changed service account password, a missing logon right, an unreadable encryption key, a LocalDB failure). Once it runs, send Get-Service ADSync again.',
    learn: `${troubleshootBase}/services-sync-not-start`,
  },
  {
    id: 'output-service-does-not-exist',
    title: 'There is no ADSync service on this server',
    origin: 'output',
    patterns: [phrase("Cannot find any service with service name 'ADSync'")],
    verdict: 'fail',
    checkpoints: ['target-install', 'staging-sync', 'new-server-active', 'monitoring'],
    cause:
      'Get-Service found no service named ADSync: the synchronization service of Entra Connect is not installed on this server (the installation did not finish, or the command ran on another server).',
    fix: "Check that the command ran on the Entra Connect server (its first line prints ComputerName). If it did, run the Entra Connect installation again and send the wizard's error if it fails, then send Get-Service ADSync again.",
    learn: `${learnBase}/connect/how-to-connect-install-custom`,
  },
];
