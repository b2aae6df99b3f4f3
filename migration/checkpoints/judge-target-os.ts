import { formatCalendarDate } from '../calendar-date';
import type { EvaluationContext, EvidenceItem } from '../evidence/evidence-item';
import type { OsIdentity } from '../evidence/os-identity';
import { findEvidence } from '../evidence/text-evidence';
import type { Finding, Judgment } from '../judgment';
import {
  osSupportOf,
  windowsServerReleaseFacts,
  windowsServerReleases,
  type WindowsServerRelease,
} from '../os-policy';
import { missingEvidenceJudgment } from './evidence-requests';
import { judgmentFrom } from './judgment-from-findings';
import { definedFacts, factKey, factNames } from './recorded-facts';

/** The releases Entra Connect Sync runs on today, by build: never one the policy rejects. */
function supportedBuilds(today: string): string {
  return windowsServerReleases
    .filter((release) => osSupportOf(release.name, today).kind !== 'unsupported')
    .map((release) => `${release.name} (build ${release.build})`)
    .join(', ');
}

/** Learn: how-to-connect-install-prerequisites: "We recommend using Windows Server 2025 or Windows Server 2022", with the full GUI. */
const rebuild =
  'Build the new server on Windows Server 2025 or Windows Server 2022 (the releases Microsoft recommends) with the full GUI (Desktop Experience), as a fresh installation, not a clone of the old server.';

const osCommand =
  'Get-CimInstance Win32_OperatingSystem | Select-Object Caption, Version, BuildNumber, ProductType';

/**
 * Learn: troubleshoot-connect-sync-application-authentication: a cloned Entra Connect server shares
 * the old one's machine identifier, which "isn't a supported method of deploying this product".
 */
export const cloneWarning =
  "Do not build the new server by cloning the old server's VM: servers that share a machine identifier (the SyncMachineIdentifier registry value under HKLM:\\SOFTWARE\\Microsoft\\Azure AD Connect) break application-based authentication, and Learn does not support cloned Entra Connect servers.";

/** Judges target-os: Learn (how-to-connect-install-prerequisites) recommends 2025 or 2022 and allows older releases in extended support. */
export function judgeTargetOs(
  items: readonly EvidenceItem[],
  context: EvaluationContext,
): Judgment {
  const found = findEvidence(items, 'os');
  if (found === undefined) {
    return missingEvidenceJudgment('target-os', ['os']);
  }
  const os = found.value;
  if (os.builds.length > 1) {
    return judgmentFrom({
      checkpoint: 'target-os',
      findings: [
        {
          severity: 'warning',
          message: `The output shows more than one system (builds ${os.builds.join(', ')}).`,
          remediation: 'Run the command on the new server only and send just that output.',
        },
      ],
      undetermined: true,
    });
  }
  const [build] = os.builds;
  const ambiguous = sharedClientRelease(os);
  if (ambiguous !== undefined) {
    return judgmentFrom({
      checkpoint: 'target-os',
      findings: [
        {
          severity: 'warning',
          message: `Build ${ambiguous.build} is both ${ambiguous.server} and ${ambiguous.client}, and the output does not say whether this is a server.`,
          remediation: `Run ${osCommand} on the new server and paste the output (ProductType 1 is a client Windows, 2 a domain controller, 3 a server).`,
        },
      ],
      undetermined: true,
    });
  }
  const findings: Finding[] = [];
  if (os.family === 'host') {
    // Learn: how-to-connect-install-prerequisites: a domain-joined Windows Server, standard or better, with the full GUI.
    findings.push({
      severity: 'error',
      message: `${os.name ?? 'This system'} is a virtualization host edition, not Windows Server: Entra Connect Sync must be installed on a domain-joined Windows Server (Standard or Datacenter) with the full GUI, whatever build number the host shares with it.`,
      remediation: rebuild,
    });
  } else if (os.family === 'client') {
    findings.push({
      severity: 'error',
      message: `${os.name ?? 'This system'} is not Windows Server; Entra Connect Sync must be installed on a domain-joined Windows Server.`,
      remediation: rebuild,
    });
  } else if (os.release === undefined) {
    findings.push({
      severity: 'error',
      message: `Build ${build ?? '?'} is not one of the Windows Server builds Entra Connect Sync runs on (${supportedBuilds(context.today)}).`,
      remediation: rebuild,
    });
  } else {
    findings.push(...supportFindings(os.release, build, context));
  }
  if (os.nameRelease !== undefined && os.release !== undefined && os.nameRelease !== os.release) {
    findings.push({
      severity: 'info',
      message: `The product name says ${os.nameRelease} but build ${build ?? '?'} is ${os.release}; the build number decides.`,
    });
  }
  if (os.evaluation && os.family !== 'client' && os.family !== 'host') {
    // Learn: upgrade-conversion-options documents the Eval edition check and the conversion; the
    // hourly shutdown is the Windows licensing service's own event (WLMS), not a Learn Connect page.
    findings.push({
      severity: 'warning',
      message: `${os.name ?? os.edition ?? 'This server'} is an evaluation edition: it expires, and after that the Windows licensing service (WLMS) shuts the server down every hour, which would stop synchronization.`,
      remediation:
        'Check the edition with DISM /online /Get-CurrentEdition (an evaluation edition ends in Eval) and convert it to a retail edition before the cutover with DISM /online /Set-Edition:<edition ID> /ProductKey:<product key> /AcceptEula (Learn: Upgrade and conversion options for Windows Server). A domain controller cannot be converted.',
    });
  }
  // Learn: how-to-connect-install-prerequisites: Server Core is not supported.
  if (os.serverCore) {
    findings.push({
      severity: 'error',
      message:
        'The server is a Server Core installation; Entra Connect needs Windows Server with the full GUI.',
      remediation: rebuild,
    });
  }
  // Learn: how-to-connect-install-prerequisites: no Small Business Server or Essentials before 2019.
  if (
    os.essentials &&
    (os.release === undefined || windowsServerReleaseFacts(os.release).build < 17763)
  ) {
    findings.push({
      severity: 'error',
      message: `${os.name ?? 'This edition'} is an Essentials or Small Business Server edition before 2019, which Entra Connect does not support.`,
      remediation: rebuild,
    });
  }
  // Learn: how-to-connect-install-prerequisites: "must be installed on a domain-joined server".
  if (os.domainJoined === false) {
    findings.push({
      severity: 'error',
      message: `The server is not joined to a domain (${os.domain === undefined ? 'the output says it is in a workgroup' : `Domain: ${os.domain}`}); Entra Connect Sync must be installed on a domain-joined server.`,
      remediation:
        'Join the new server to the Active Directory domain (Settings > System > About > Rename this PC (advanced) > Change > Member of Domain, or Add-Computer -DomainName <your domain> -Restart), restart it, then run the command again and send its output.',
    });
  }
  findings.push({ severity: 'info', message: cloneWarning });
  return judgmentFrom({
    checkpoint: 'target-os',
    findings,
    facts: definedFacts({
      [factKey('new', factNames.osRelease)]: os.release,
      [factKey('new', factNames.osBuild)]: build,
    }),
  });
}

function supportFindings(
  release: WindowsServerRelease,
  build: number | undefined,
  context: EvaluationContext,
): Finding[] {
  const runs = `The new server runs ${release}${build === undefined ? '' : ` (build ${build})`}`;
  const support = osSupportOf(release, context.today);
  switch (support.kind) {
    case 'recommended':
      return [
        { severity: 'info', message: `${runs}, which Microsoft recommends for Entra Connect.` },
      ];
    case 'extended-support': {
      const endsOn = formatCalendarDate(support.endsOn);
      // Learn: how-to-connect-install-prerequisites: older versions in extended support "may require a paid support program".
      const standing = `${release} is in extended support until ${endsOn}; Microsoft recommends Windows Server 2025 or 2022, and support for Entra Connect on an older release may need a paid support program.`;
      return support.endsSoon
        ? [
            {
              severity: 'warning',
              message: `${runs}. ${standing} A new sync server on it is out of support on ${endsOn}.`,
              remediation: rebuild,
            },
          ]
        : [{ severity: 'info', message: `${runs}. ${standing}` }];
    }
    case 'unsupported':
      return [{ severity: 'error', message: support.reason, remediation: rebuild }];
  }
}

/** The server and client releases a bare build number could be, when nothing else says which. */
function sharedClientRelease(
  os: OsIdentity,
): { build: number; server: string; client: string } | undefined {
  const [build] = os.builds;
  if (os.family !== undefined || build === undefined || os.builds.length !== 1) return undefined;
  const release = windowsServerReleases.find((row) => row.build === build);
  if (release?.clientWithSameBuild === undefined) return undefined;
  return { build, server: release.name, client: release.clientWithSameBuild };
}
