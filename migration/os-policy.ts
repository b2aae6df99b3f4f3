/** The Windows Server releases the evaluator recognises, by the build number every OS tool prints. */
export const windowsServerReleases = [
  { build: 9200, name: 'Windows Server 2012' },
  { build: 9600, name: 'Windows Server 2012 R2' },
  { build: 14393, name: 'Windows Server 2016' },
  { build: 17763, name: 'Windows Server 2019' },
  { build: 20348, name: 'Windows Server 2022' },
  { build: 26100, name: 'Windows Server 2025' },
] as const;
export type WindowsServerRelease = (typeof windowsServerReleases)[number]['name'];

/** Whether Entra Connect Sync V2 may run on a release, and why not. */
export type OsSupport = { supported: true; note?: string } | { supported: false; reason: string };

/** Learn: how-to-connect-install-prerequisites: "Windows Server 2022, Windows Server 2019, or Windows Server 2016". */
export function osSupportOf(release: WindowsServerRelease): OsSupport {
  switch (release) {
    case 'Windows Server 2012':
    case 'Windows Server 2012 R2':
      // Learn: reference-connect-version-history (2.0.88.0): "This release requires Windows Server 2016 or newer."
      return {
        supported: false,
        reason: `${release} is not supported by Entra Connect Sync V2, which requires Windows Server 2016 or newer.`,
      };
    case 'Windows Server 2016':
      // Learn: how-to-connect-install-prerequisites: 2016 is in extended support; a paid support program may be needed.
      return {
        supported: true,
        note: 'Windows Server 2016 is in extended support: Microsoft recommends Windows Server 2022, and support for this configuration may need a paid support program.',
      };
    case 'Windows Server 2019':
    case 'Windows Server 2022':
      return { supported: true };
    case 'Windows Server 2025':
      // Learn: how-to-connect-install-prerequisites: "Windows Server 2025 is NOT supported."
      return {
        supported: false,
        reason:
          'Windows Server 2025 is not supported: Learn names a known issue that causes Entra Connect Sync synchronization problems on it; support is only planned for a future release.',
      };
  }
}

/** The release of a build number, when it is one of the known server builds. */
export function windowsServerReleaseOfBuild(build: number): WindowsServerRelease | undefined {
  return windowsServerReleases.find((release) => release.build === build)?.name;
}
