import {
  windowsServerReleaseOfBuild,
  windowsServerReleases,
  type WindowsServerRelease,
} from '../os-policy';
import { absentEvidence, parsedEvidence, type EvidenceParse } from './evidence-parse';
import { readListFields } from './format-list';
import { normalizePastedText } from './pasted-text';
import { setDefined } from './set-defined';

/** Which Windows the output describes. */
export interface OsIdentity {
  /** The product name as printed (OS Name, Caption, WindowsProductName, OsName). */
  name?: string;
  /** Every distinct build number in the text; more than one means the paste shows several systems. */
  builds: readonly number[];
  /** The server release of the single build, else the one the name states. */
  release?: WindowsServerRelease;
  /** The release the product name states, when there is one. */
  nameRelease?: WindowsServerRelease;
  /** The name says a client Windows (10, 11, ...), not Windows Server. */
  client: boolean;
  /** Get-ComputerInfo says Server Core, which Entra Connect does not support. */
  serverCore: boolean;
  /** The name says an Essentials (or Small Business Server) edition. */
  essentials: boolean;
}

// WindowsCurrentVersion (6.3 on every Windows since 2012 R2) has two parts and never matches.
const buildPatterns = [
  /(?<![\d.])(?:10\.0|6\.[0-3])\.(\d{4,5})(?![\d])/g,
  /\bBuild\s+(\d{4,5})\b/gi,
  /(?<![\w.])(\d{4,5})\.\d+\.(?:amd64|x86|arm64)fre\b/gi,
];

/**
 * Reads the Windows release from `systeminfo`, `Get-ComputerInfo`, `Get-CimInstance
 * Win32_OperatingSystem` (table or list) or `[Environment]::OSVersion` output. The build number
 * decides the release; the product name only fills in when no build is printed.
 */
export function parseOsIdentity(text: string): EvidenceParse<OsIdentity> {
  const normalized = normalizePastedText(text);
  const builds = new Set<number>();
  for (const pattern of buildPatterns) {
    for (const match of normalized.matchAll(pattern)) builds.add(Number(match[1]));
  }
  for (const field of readListFields(normalized, ['OsBuildNumber', 'BuildNumber'])) {
    const build = /^\d{4,5}\b/.exec(field.value)?.[0];
    if (build !== undefined) builds.add(Number(build));
  }
  const name = productNameOf(normalized);
  if (builds.size === 0 && name === undefined) {
    return absentEvidence('No Windows product name or build number was found.');
  }
  const installationType = readListFields(normalized, [
    'WindowsInstallationType',
    'InstallationType',
  ])
    .map((field) => field.value)
    .find((value) => value !== '');
  const nameRelease = name === undefined ? undefined : releaseOfName(name);
  const [onlyBuild] = builds.size === 1 ? [...builds] : [];
  const release =
    (onlyBuild === undefined ? undefined : windowsServerReleaseOfBuild(onlyBuild)) ??
    (builds.size > 1 ? undefined : nameRelease);
  const identity: OsIdentity = {
    builds: [...builds],
    client: name !== undefined && /\bWindows\s+(?:XP|Vista|7|8(?:\.1)?|10|11)\b/i.test(name),
    serverCore: installationType !== undefined && /core/i.test(installationType),
    essentials: name !== undefined && /essentials|small business/i.test(name),
  };
  setDefined(identity, 'name', name);
  setDefined(identity, 'release', release);
  setDefined(identity, 'nameRelease', nameRelease);
  return parsedEvidence(identity, builds.size === 0 ? ['build number'] : []);
}

/** The first Windows product name, cut where a table column, the next label or a version begins. */
function productNameOf(text: string): string | undefined {
  const match = /(?:Microsoft\s+)?Windows\s+(?:Server|XP|Vista|7|8|10|11|Hyper-V)\b[^\n]*/i.exec(
    text,
  );
  if (match === null) return undefined;
  const name = match[0]
    .split(/\s{2,}|\s+(?=[A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*)?\s*:)|\s+(?=\d+\.\d+\.\d+)/)[0]
    ?.trim();
  return name === undefined || name === '' ? undefined : name;
}

function releaseOfName(name: string): WindowsServerRelease | undefined {
  const year = /Windows\s+Server\s+(2012\s+R2|\d{4})\b/i.exec(name)?.[1]?.replace(/\s+/g, ' ');
  if (year === undefined) return undefined;
  return windowsServerReleases.find(
    (release) => release.name === `Windows Server ${year.toUpperCase()}`,
  )?.name;
}
