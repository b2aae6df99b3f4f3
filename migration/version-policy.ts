import { addMonths, type CalendarDate } from './calendar-date';
import { compareVersions, majorVersionOf, type ConnectVersion } from './connect-version';

/** One Entra Connect Sync release as Learn's version history lists it. */
export interface ConnectRelease {
  version: ConnectVersion;
  /** Release date; absent when only the month is known. */
  released?: CalendarDate;
  /** The release date is inferred: end of support of the previous version minus 12 months. */
  releasedInferred?: true;
  /** End of support as Learn's table states it; absent for the newest release (no date set yet). */
  endOfSupport?: CalendarDate;
  /** Withdrawn by Microsoft after release. */
  recalledInFavourOf?: ConnectVersion;
}

/**
 * Learn: reference-connect-version-history. Up to 2.3.20.0 from a verbatim snapshot of the page
 * (mid-2024); from 2.4.18.0 on, and the 2.3.x end-of-support dates, from second-hand copies of the
 * same table (compliance scripts and tests that transcribe it, checked up to 2026-10-06). Oldest first.
 * No 2026 copy of the Learn page itself was found: the rows from 2.4.18.0 on are third-party
 * transcriptions (a collector's tests that saved the page on 2026-09-23, a preflight script verified
 * on 2026-10-06, a monitoring script's table as of 2026-05-13), which agree with each other; the
 * recall of 2.6.79.0 is known from articles quoting the page, not from its text. Check the live
 * table before adding or changing a row.
 */
export const connectReleases: readonly ConnectRelease[] = [
  { version: '2.0.88.0', released: '2021-12-15' },
  { version: '2.0.89.0', released: '2021-12-22' },
  { version: '2.0.91.0', released: '2022-01-19' },
  { version: '2.1.1.0', released: '2022-03-24' },
  { version: '2.1.15.0', released: '2022-07-06' },
  { version: '2.1.16.0', released: '2022-08-02' },
  { version: '2.1.18.0', released: '2022-10-05' },
  { version: '2.1.19.0', released: '2022-11-02' },
  { version: '2.1.20.0', released: '2022-11-09', endOfSupport: '2024-06-19' },
  { version: '2.2.1.0', released: '2023-06-19', endOfSupport: '2024-10-11' },
  { version: '2.2.8.0', released: '2023-10-11', endOfSupport: '2024-12-12' },
  // The 2024 snapshot said 21 Feb 2025 .. Jul 2025 for 2.3.x; the later table aligned them with 2.4.18.0.
  { version: '2.3.2.0', released: '2023-12-12', endOfSupport: '2025-04-30' },
  { version: '2.3.6.0', released: '2024-02-21', endOfSupport: '2025-04-30' },
  { version: '2.3.8.0', released: '2024-04-01', endOfSupport: '2025-04-30' },
  { version: '2.3.20.0', released: '2024-07-15', endOfSupport: '2025-04-30' },
  // Learn (harden-update-ad-fs-pingfederate, 2024 text): "In October 2024, we released new versions (2.4.xx.0)".
  { version: '2.4.18.0', endOfSupport: '2025-10-09' },
  {
    version: '2.4.21.0',
    released: '2024-10-09',
    releasedInferred: true,
    endOfSupport: '2025-11-15',
  },
  {
    version: '2.4.27.0',
    released: '2024-11-15',
    releasedInferred: true,
    endOfSupport: '2026-01-15',
  },
  {
    version: '2.4.129.0',
    released: '2025-01-15',
    releasedInferred: true,
    endOfSupport: '2026-03-27',
  },
  {
    version: '2.4.131.0',
    released: '2025-03-27',
    releasedInferred: true,
    endOfSupport: '2026-05-26',
  },
  {
    version: '2.5.3.0',
    released: '2025-05-26',
    releasedInferred: true,
    endOfSupport: '2026-07-31',
  },
  { version: '2.5.76.0', released: '2025-07-31', endOfSupport: '2026-09-01' },
  // Learn's prerequisites page says "In May 2025" for 2.5.79.0; the table's dates put it at 1 Sep 2025.
  {
    version: '2.5.79.0',
    released: '2025-09-01',
    releasedInferred: true,
    endOfSupport: '2026-10-23',
  },
  {
    version: '2.5.190.0',
    released: '2025-10-23',
    releasedInferred: true,
    endOfSupport: '2027-02-02',
  },
  {
    version: '2.6.1.0',
    released: '2026-02-02',
    releasedInferred: true,
    endOfSupport: '2027-03-10',
  },
  {
    version: '2.6.3.0',
    released: '2026-03-10',
    releasedInferred: true,
    endOfSupport: '2027-07-07',
  },
  // Withdrawn for an installer issue: uninstall it and install 2.6.84.0 (version history, June 2026).
  { version: '2.6.79.0', recalledInFavourOf: '2.6.84.0' },
  { version: '2.6.84.0', released: '2026-07-07', endOfSupport: '2027-09-16' },
  { version: '2.6.91.0', released: '2026-09-16', endOfSupport: '2027-09-23' },
  { version: '2.6.92.0', released: '2026-09-23', releasedInferred: true },
];

/** Learn: reference-connect-version-history: "Versions of ... 2.x retire 12 months from the date that a newer version is released." */
export const retirementMonths = 12;

/** Learn: reference-connect-version-history: the 12-month policy "went into effect on 15 March 2023". */
export const retirementPolicyStart: CalendarDate = '2023-03-15';

/** Learn: harden-update-ad-fs-pingfederate: below 2.5.79.0 "All synchronization services ... will fail" from 30 September 2026. */
export const enforcedMinimum = { version: '2.5.79.0', since: '2026-09-30' } as const;

/**
 * Learn: how-to-connect-install-prerequisites and how-to-upgrade-previous-version (banner): "Upgrade
 * Microsoft Entra Connect Sync to version 2.6.84.0 or later and configure application-based
 * authentication by April 7, 2027. ... synchronization services will stop working after this date".
 */
export const applicationAuthenticationTarget = { version: '2.6.84.0', by: '2027-04-07' } as const;

/** True after 7 April 2027: servers without 2.6.84.0 and application-based authentication stop syncing. */
export function applicationAuthenticationTargetPassedOn(today: CalendarDate): boolean {
  return today > applicationAuthenticationTarget.by;
}

/**
 * Learn: harden-update-ad-fs-pingfederate (04/09/2025 text): below 2.4.18.0 (commercial clouds) "all
 * authentication requests to Microsoft Entra ID on the Microsoft Entra Connect wizard will fail" after
 * 30 April 2025, "configuration of staging mode" included; the sync service itself kept running.
 */
export const wizardSignInMinimum = { version: '2.4.18.0', since: '2025-04-30' } as const;

/** Learn: reference-connect-version-history-archive: 1.5.42.0 added the JSON export of the configuration. */
export const configExportMinimum: ConnectVersion = '1.5.42.0';

/** Learn: reference-connect-tls-enforcement: TLS 1.2 must be enforced before installing 2.3.20.0 through 2.4.129.0. */
export const tls12EnforcementRange = { from: '2.3.20.0', to: '2.4.129.0' } as const;

/** Learn: reference-connect-tls-enforcement: "2.4.131.0 and higher do not require TLS enforcement before installation". */
export const tls12NotEnforcedFrom: ConnectVersion = '2.4.131.0';

/** Where support stands for one version on one day. */
export type SupportStanding =
  /** Learn: reference-connect-version-history: "All ... 1.x versions are unsupported and synchronization does not function." */
  | { kind: 'v1' }
  | { kind: 'recalled'; replacement: ConnectVersion }
  | { kind: 'retired'; endOfSupport: CalendarDate }
  | { kind: 'supported'; endOfSupport?: CalendarDate }
  /** Newer than every release in the table: accepted as current, never failed for being unknown. */
  | { kind: 'newer-than-known'; newestKnown: ConnectVersion };

/** What the version policy says about one version on one day. */
export interface VersionAssessment {
  version: ConnectVersion;
  support: SupportStanding;
  /** True when the version is at or above 2.5.79.0. */
  meetsEnforcedMinimum: boolean;
  /** True when the enforced minimum is in force on that day (from 30 September 2026). */
  enforcedMinimumInForce: boolean;
  /** True when the version is at or above 2.6.84.0, the version application-based authentication needs by 7 April 2027. */
  meetsApplicationAuthenticationTarget: boolean;
  /** True after 7 April 2027, when synchronization of servers below that target stops. */
  applicationAuthenticationTargetPassed: boolean;
  /** How the configuration leaves this server: the wizard's JSON export, or MigrateSettings.ps1 below 1.5.42.0. */
  configExport: 'wizard-export' | 'migrate-settings';
  /** True for 2.3.20.0 through 2.4.129.0, which need TLS 1.2 enforced before installation. */
  tls12RequiredBeforeInstall: boolean;
  /** The newest release available on that day: what to install. */
  newestRelease: ConnectRelease;
}

/** Judges a version against the release table and the rules above, on `today`. */
export function assessConnectVersion(
  version: ConnectVersion,
  today: CalendarDate,
): VersionAssessment {
  return {
    version,
    support: supportStandingOf(version, today),
    meetsEnforcedMinimum: compareVersions(version, enforcedMinimum.version) >= 0,
    enforcedMinimumInForce: today >= enforcedMinimum.since,
    meetsApplicationAuthenticationTarget:
      compareVersions(version, applicationAuthenticationTarget.version) >= 0,
    applicationAuthenticationTargetPassed: applicationAuthenticationTargetPassedOn(today),
    configExport:
      compareVersions(version, configExportMinimum) >= 0 ? 'wizard-export' : 'migrate-settings',
    tls12RequiredBeforeInstall:
      compareVersions(version, tls12EnforcementRange.from) >= 0 &&
      compareVersions(version, tls12EnforcementRange.to) <= 0,
    newestRelease: newestReleaseOn(today),
  };
}

/** The newest release out on `today` that was not recalled. */
export function newestReleaseOn(today: CalendarDate): ConnectRelease {
  const available = connectReleases.filter(
    (release) =>
      release.recalledInFavourOf === undefined &&
      release.released !== undefined &&
      release.released <= today,
  );
  return available.at(-1) ?? newestKnownRelease();
}

function newestKnownRelease(): ConnectRelease {
  const newest = connectReleases.at(-1);
  if (newest === undefined) throw new Error('The release table is empty');
  return newest;
}

function supportStandingOf(version: ConnectVersion, today: CalendarDate): SupportStanding {
  if (majorVersionOf(version) < 2) return { kind: 'v1' };
  const newest = newestKnownRelease();
  if (compareVersions(version, newest.version) > 0) {
    return { kind: 'newer-than-known', newestKnown: newest.version };
  }
  const known = connectReleases.find((release) => compareVersions(release.version, version) === 0);
  if (known?.recalledInFavourOf !== undefined) {
    return { kind: 'recalled', replacement: known.recalledInFavourOf };
  }
  const endOfSupport = known?.endOfSupport ?? endOfSupportByRule(version);
  if (endOfSupport === undefined) return { kind: 'supported' };
  return endOfSupport < today
    ? { kind: 'retired', endOfSupport }
    : { kind: 'supported', endOfSupport };
}

/** 12 months after the next newer (not recalled) release, never before the policy started. */
function endOfSupportByRule(version: ConnectVersion): CalendarDate | undefined {
  const successor = connectReleases.find(
    (release) =>
      compareVersions(release.version, version) > 0 &&
      release.recalledInFavourOf === undefined &&
      release.released !== undefined,
  );
  if (successor?.released === undefined) return undefined;
  const byRule = addMonths(successor.released, retirementMonths);
  return byRule < retirementPolicyStart ? retirementPolicyStart : byRule;
}
