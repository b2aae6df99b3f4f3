import type { EvaluationContext, EvidenceItem } from '../evidence/evidence-item';
import { findEvidence } from '../evidence/text-evidence';
import type { Finding, Judgment } from '../judgment';
import { osSupportOf, windowsServerReleases } from '../os-policy';
import { missingEvidenceJudgment } from './evidence-requests';
import { judgmentFrom } from './judgment-from-findings';
import { definedFacts, factKey, factNames } from './recorded-facts';

const supportedList = windowsServerReleases
  .filter((release) => osSupportOf(release.name).supported)
  .map((release) => `${release.name} (build ${release.build})`)
  .join(', ');

const rebuild = `Build the new server on ${supportedList}; Microsoft recommends Windows Server 2022 with the full GUI (Desktop Experience).`;

/** Judges target-os: Learn (how-to-connect-install-prerequisites) allows Windows Server 2016, 2019 and 2022 only. */
export function judgeTargetOs(
  items: readonly EvidenceItem[],
  _context: EvaluationContext,
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
  const findings: Finding[] = [];
  const [build] = os.builds;
  if (os.client) {
    findings.push({
      severity: 'error',
      message: `${os.name ?? 'This system'} is not Windows Server; Entra Connect Sync must be installed on a domain-joined Windows Server.`,
      remediation: rebuild,
    });
  } else if (os.release === undefined) {
    findings.push({
      severity: 'error',
      message: `Build ${build ?? '?'} is not one of the supported Windows Server builds (${supportedList}).`,
      remediation: rebuild,
    });
  } else {
    const support = osSupportOf(os.release);
    if (support.supported) {
      findings.push({
        severity: 'info',
        message: `The new server runs ${os.release}${build === undefined ? '' : ` (build ${build})`}, which Entra Connect Sync V2 supports.`,
      });
      if (support.note !== undefined) findings.push({ severity: 'info', message: support.note });
    } else {
      findings.push({ severity: 'error', message: support.reason, remediation: rebuild });
    }
  }
  if (os.nameRelease !== undefined && os.release !== undefined && os.nameRelease !== os.release) {
    findings.push({
      severity: 'info',
      message: `The product name says ${os.nameRelease} but build ${build ?? '?'} is ${os.release}; the build number decides.`,
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
    os.release !== 'Windows Server 2019' &&
    os.release !== 'Windows Server 2022'
  ) {
    findings.push({
      severity: 'error',
      message: `${os.name ?? 'This edition'} is an Essentials or Small Business Server edition before 2019, which Entra Connect does not support.`,
      remediation: rebuild,
    });
  }
  return judgmentFrom({
    checkpoint: 'target-os',
    findings,
    facts: definedFacts({
      [factKey('new', factNames.osRelease)]: os.release,
      [factKey('new', factNames.osBuild)]: build,
    }),
  });
}
