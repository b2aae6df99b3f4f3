import { formatCalendarDate } from '../calendar-date';
import type { Finding } from '../judgment';
import {
  applicationAuthenticationTarget,
  enforcedMinimum,
  type ConnectRelease,
  type VersionAssessment,
} from '../version-policy';

/** How to get the newest release: Learn (harden-update-ad-fs-pingfederate) says the .msi is only in the admin center. */
export function installNewestRelease(release: ConnectRelease): string {
  return `Install ${release.version} or later: download it from the Microsoft Entra admin center > Entra ID > Entra Connect > Get started (the installer is no longer on the Download Center).`;
}

/**
 * Findings about the support standing of a version: V1, recalled, retired, newer than known, or
 * supported until a date. On the old server the fix is the migration itself: nothing is installed
 * on a server being replaced.
 */
export function supportFindings(
  assessment: VersionAssessment,
  severity: { retired: Finding['severity']; unsupported: Finding['severity'] },
  server: 'old' | 'new' = 'new',
): Finding[] {
  const { version, support, newestRelease } = assessment;
  const fix =
    server === 'old'
      ? `Nothing to install on the old server: this migration replaces it with a new server running ${newestRelease.version} or later. Select Continue anyway to go on.`
      : installNewestRelease(newestRelease);
  switch (support.kind) {
    case 'v1':
      // Learn: reference-connect-version-history ("Non-functional Microsoft Entra Connect 1.x versions").
      return [
        {
          severity: severity.unsupported,
          message: `${version} is a V1 (1.x) version: Learn says all 1.x versions are unsupported and synchronization does not function.`,
          remediation: fix,
        },
      ];
    case 'recalled':
      return [
        {
          severity: severity.unsupported,
          message: `${version} was withdrawn by Microsoft after release (installer issue).`,
          remediation:
            server === 'old'
              ? fix
              : `Uninstall it and install ${support.replacement} or later, as the version history says.`,
        },
      ];
    case 'retired':
      // Learn: reference-connect-version-history: 2.x versions retire 12 months after a newer version is released.
      return [
        {
          severity: severity.retired,
          message: `${version} retired on ${formatCalendarDate(support.endOfSupport)} (12 months after a newer version was released) and is no longer supported; the newest release is ${newestRelease.version}.`,
          remediation: fix,
        },
      ];
    case 'newer-than-known':
      return [
        {
          severity: 'info',
          message: `${version} is newer than every release this bot knows (newest known: ${support.newestKnown}); it is accepted as current.`,
        },
      ];
    case 'supported':
      return [
        {
          severity: 'info',
          message:
            support.endOfSupport === undefined
              ? `${version} is supported; no end-of-support date is set yet.`
              : `${version} is supported until ${formatCalendarDate(support.endOfSupport)} (12 months after its successor's release).`,
        },
      ];
  }
}

/** Learn: harden-update-ad-fs-pingfederate: below 2.5.79.0 all synchronization fails from 30 September 2026. */
export function enforcedMinimumMessage(assessment: VersionAssessment): string {
  const since = formatCalendarDate(enforcedMinimum.since);
  return assessment.enforcedMinimumInForce
    ? `${assessment.version} is below ${enforcedMinimum.version}: since ${since} all synchronization services of a server below ${enforcedMinimum.version} fail.`
    : `${assessment.version} is below ${enforcedMinimum.version}: from ${since} all synchronization services of a server below ${enforcedMinimum.version} will fail.`;
}

/**
 * Learn: how-to-connect-install-prerequisites (banner): 2.6.84.0 or later with application-based
 * authentication by 7 April 2027, or "synchronization services will stop working after this date".
 */
export function applicationAuthenticationTargetMessage(assessment: VersionAssessment): string {
  const target = applicationAuthenticationTarget.version;
  const by = formatCalendarDate(applicationAuthenticationTarget.by);
  return assessment.applicationAuthenticationTargetPassed
    ? `${assessment.version} is below ${target}, which Learn required with application-based authentication by ${by}: since then synchronization services stop on a server that does not meet both.`
    : `${assessment.version} meets the ${enforcedMinimum.version} minimum (enforced from ${formatCalendarDate(enforcedMinimum.since)}), but Learn requires ${target} or later with application-based authentication by ${by}: after that date synchronization services stop on a server that does not meet both.`;
}
