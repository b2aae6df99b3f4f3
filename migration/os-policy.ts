import { addMonths, formatCalendarDate, type CalendarDate } from './calendar-date';

/** The Windows Server releases the evaluator recognises, oldest first. */
export const windowsServerReleaseNames = [
  'Windows Server 2012',
  'Windows Server 2012 R2',
  'Windows Server 2016',
  'Windows Server 2019',
  'Windows Server 2022',
  'Windows Server 2025',
] as const;
export type WindowsServerRelease = (typeof windowsServerReleaseNames)[number];

/** What the policy knows about one Windows Server release. */
export interface WindowsServerReleaseFacts {
  name: WindowsServerRelease;
  /** The build number every OS tool prints. */
  build: number;
  /** The client Windows release built from the same build number: a bare build cannot tell the two apart. */
  clientWithSameBuild?: string;
  /** Last day of extended support (Pacific time, as Microsoft's lifecycle data states it); absent when not confirmed. */
  extendedSupportEnds?: CalendarDate;
  /** Learn: how-to-connect-install-prerequisites: "We recommend using Windows Server 2025 or Windows Server 2022." */
  recommended?: true;
}

export const windowsServerReleases: readonly WindowsServerReleaseFacts[] = [
  { name: 'Windows Server 2012', build: 9200, clientWithSameBuild: 'Windows 8' },
  { name: 'Windows Server 2012 R2', build: 9600, clientWithSameBuild: 'Windows 8.1' },
  {
    name: 'Windows Server 2016',
    build: 14393,
    clientWithSameBuild: 'Windows 10 version 1607',
    // Microsoft Lifecycle data (learn.microsoft.com/lifecycle/products/windows-server-2016): extendedEnd 01/12/2027.
    extendedSupportEnds: '2027-01-12',
  },
  {
    name: 'Windows Server 2019',
    build: 17763,
    clientWithSameBuild: 'Windows 10 version 1809',
    // Microsoft Lifecycle data (learn.microsoft.com/lifecycle/products/windows-server-2019): extendedEnd 2029-01-09.
    extendedSupportEnds: '2029-01-09',
  },
  {
    name: 'Windows Server 2022',
    build: 20348,
    // Microsoft Lifecycle data (learn.microsoft.com/lifecycle/products/windows-server-2022): extendedEnd 10/14/2031.
    extendedSupportEnds: '2031-10-14',
    recommended: true,
  },
  {
    name: 'Windows Server 2025',
    build: 26100,
    clientWithSameBuild: 'Windows 11 version 24H2',
    // No Learn copy of its lifecycle page was found; third-party copies say 14 November 2034. Left without an end date.
    recommended: true,
  },
];

/**
 * A new sync server on a release whose extended support ends within this many months warns: it
 * would need rebuilding soon after the migration. Product choice, not a Learn rule.
 */
export const extendedSupportWarningMonths = 12;

/** Where a release stands for a new Entra Connect Sync server on one day. */
export type OsSupport =
  | { kind: 'recommended' }
  /** Learn: how-to-connect-install-prerequisites: older versions "that are in extended support" may be used. */
  | { kind: 'extended-support'; endsOn: CalendarDate; endsSoon: boolean }
  | { kind: 'unsupported'; reason: string };

/** Learn: how-to-connect-install-prerequisites (ms.date 2026-01-16): 2025 or 2022 recommended, older ones while in extended support. */
export function osSupportOf(release: WindowsServerRelease, today: CalendarDate): OsSupport {
  const facts = windowsServerReleaseFacts(release);
  if (facts.recommended === true) return { kind: 'recommended' };
  if (facts.build < 14393) {
    // Learn: reference-connect-version-history (2.0.88.0): "This release requires Windows Server 2016 or newer."
    return {
      kind: 'unsupported',
      reason: `${release} is not supported by Entra Connect Sync V2, which requires Windows Server 2016 or newer.`,
    };
  }
  const endsOn = facts.extendedSupportEnds;
  if (endsOn === undefined) {
    throw new Error(`${release} is neither recommended nor has an end of extended support`);
  }
  if (endsOn < today) {
    return {
      kind: 'unsupported',
      reason: `${release} left extended support on ${formatCalendarDate(endsOn)}: Learn allows older Windows Server versions for Entra Connect when they are in extended support.`,
    };
  }
  return {
    kind: 'extended-support',
    endsOn,
    endsSoon: addMonths(today, extendedSupportWarningMonths) >= endsOn,
  };
}

/** The policy table's row of a release. */
export function windowsServerReleaseFacts(
  release: WindowsServerRelease,
): WindowsServerReleaseFacts {
  const facts = windowsServerReleases.find((row) => row.name === release);
  if (facts === undefined) throw new Error(`${release} is missing from the release table`);
  return facts;
}

/** The release of a build number, when it is one of the known server builds. */
export function windowsServerReleaseOfBuild(build: number): WindowsServerRelease | undefined {
  return windowsServerReleases.find((release) => release.build === build)?.name;
}
