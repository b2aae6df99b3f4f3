import {
  windowsServerReleaseOfBuild,
  windowsServerReleases,
  type WindowsServerRelease,
} from '../os-policy';
import { absentEvidence, parsedEvidence, type EvidenceParse } from './evidence-parse';
import { readListFields } from './format-list';
import { readTableRows } from './format-table';
import { normalizePastedText } from './pasted-text';
import { readPowerShellBoolean } from './powershell-values';
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
  /**
   * Whether the output says Windows Server, a client Windows (10, 11, their LTSC and IoT editions,
   * ...) or a virtualization host edition (Hyper-V Server, Azure Stack HCI, Azure Local): by the
   * product name, the installation type, the ProductType, systeminfo's OS Configuration or the
   * edition id. Absent when only a build number is printed.
   */
  family?: 'server' | 'client' | 'host';
  /** The domain or workgroup the machine is in, as printed (systeminfo Domain, CsDomain). */
  domain?: string;
  /** False when the output says the machine is in a workgroup (PartOfDomain False, Domain WORKGROUP). */
  domainJoined?: boolean;
  /** The name or the edition id says an evaluation edition (`... Evaluation`, `ServerDatacenterEval`). */
  evaluation: boolean;
  /** The edition id as printed (WindowsEditionId, EditionID, DISM's Current Edition). */
  edition?: string;
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
  const edition = readListFields(normalized, editionFields)
    .map((field) => field.value.split(/\s/)[0] ?? '')
    .find((value) => value !== '');
  const family = familyOf(normalized, name, installationType, edition);
  const nameRelease = name === undefined ? undefined : releaseOfName(name);
  const [onlyBuild] = builds.size === 1 ? [...builds] : [];
  // A client Windows or a host edition built from a server build number (Windows 11 24H2 is 26100,
  // Hyper-V Server 2019 is 17763) is no server release.
  const release =
    family === 'client' || family === 'host'
      ? undefined
      : ((onlyBuild === undefined ? undefined : windowsServerReleaseOfBuild(onlyBuild)) ??
        (builds.size > 1 ? undefined : nameRelease));
  const identity: OsIdentity = {
    builds: [...builds],
    evaluation:
      (name !== undefined && /\bEvaluation\b/i.test(name)) ||
      (edition !== undefined && /Eval$/i.test(edition)),
    serverCore:
      (installationType !== undefined && /core/i.test(installationType)) ||
      (edition !== undefined && /^Server\w*Cor(?:e)?$/i.test(edition)),
    essentials: name !== undefined && /essentials|small business/i.test(name),
  };
  setDefined(identity, 'name', name);
  setDefined(identity, 'family', family);
  setDefined(identity, 'edition', edition);
  setDefined(identity, 'release', release);
  setDefined(identity, 'nameRelease', nameRelease);
  const domain = readListFields(normalized, ['Domain', 'CsDomain'])
    .map((field) => field.value)
    .find((value) => value !== '');
  setDefined(identity, 'domain', domain);
  setDefined(identity, 'domainJoined', domainJoinedOf(normalized, domain));
  return parsedEvidence(identity, builds.size === 0 ? ['build number'] : []);
}

const editionFields = ['WindowsEditionId', 'EditionID', 'Current Edition'];

/** Server or client, from the first thing in the output that says which. */
function familyOf(
  text: string,
  name: string | undefined,
  installationType: string | undefined,
  edition: string | undefined,
): OsIdentity['family'] {
  if (name !== undefined) {
    if (hostEdition.test(name)) return 'host';
    if (/\bWindows\s+Server\b/i.test(name)) return 'server';
    if (/\bWindows\s+(?:XP|Vista|7|8(?:\.1)?|10|11)\b/i.test(name)) return 'client';
  }
  // Get-ComputerInfo WindowsInstallationType: Server, Server Core, Client.
  if (installationType !== undefined) {
    if (/^server/i.test(installationType)) return 'server';
    if (/^client/i.test(installationType)) return 'client';
  }
  // Win32_OperatingSystem ProductType: 1 workstation, 2 domain controller, 3 server.
  const productType = productTypeOf(text);
  if (productType === '1') return 'client';
  if (productType === '2' || productType === '3') return 'server';
  // Get-ComputerInfo OsProductType: WorkStation, DomainController, Server.
  const osProductType = readListFields(text, ['OsProductType'])[0]?.value;
  if (osProductType !== undefined) {
    if (/^workstation/i.test(osProductType)) return 'client';
    if (/^(?:server|domaincontroller)/i.test(osProductType)) return 'server';
  }
  // systeminfo OS Configuration: Standalone Server, Member Server, Primary Domain Controller, ... Workstation.
  const configuration = readListFields(text, ['OS Configuration'])[0]?.value;
  if (configuration !== undefined) {
    if (/workstation/i.test(configuration)) return 'client';
    if (/server|domain controller/i.test(configuration)) return 'server';
  }
  if (edition !== undefined) {
    if (hostEditionId.test(edition)) return 'host';
    return /^Server/i.test(edition) ? 'server' : 'client';
  }
  return undefined;
}

/** Learn (how-to-connect-install-prerequisites): Windows Server, not a hypervisor-only or hyperconverged host. */
const hostEdition = /\bHyper-V\s+Server\b|\bAzure\s+Stack\s+HCI\b|\bAzure\s+Local\b/i;
const hostEditionId = /^(?:ServerHyperCore|ServerAzureStackHCI\w*|AzureStackHCI\w*)$/i;

/** Whether the machine is in a domain: false for a workgroup, undefined when the output does not say. */
function domainJoinedOf(text: string, domain: string | undefined): boolean | undefined {
  const partOf = readListFields(text, ['PartOfDomain', 'CsPartOfDomain'])
    .map((field) => readPowerShellBoolean(field.value))
    .find((value) => value !== undefined);
  if (partOf !== undefined) return partOf;
  if (domain === undefined) return undefined;
  return /^WORKGROUP$/i.test(domain) ? false : undefined;
}

/** ProductType from a list (`ProductType : 3`) or from a Format-Table column. */
function productTypeOf(text: string): string | undefined {
  const listed = readListFields(text, ['ProductType'])
    .map((field) => field.value)
    .find((value) => /^\d$/.test(value));
  if (listed !== undefined) return listed;
  const cell = readTableRows(text, ['ProductType'])[0]?.get('ProductType');
  return cell !== undefined && /^\d$/.test(cell) ? cell : undefined;
}

/**
 * The first Windows product name, cut where a table column, the next label, a version or a `|`
 * (Win32_OperatingSystem's Name) begins, on one line, and never cut inside brackets.
 */
function productNameOf(text: string): string | undefined {
  const match =
    /(?:Microsoft\s+)?(?:Windows\s+(?:Server|XP|Vista|7|8|10|11|Hyper-V)\b|Hyper-V\s+Server\b|Azure\s+Stack\s+HCI\b|Azure\s+Local\b)/i.exec(
      text,
    );
  if (match === null) return undefined;
  // The product's own words may be wrapped by Format-List; what follows ends at the line's end.
  const head = match[0].replace(/\s+/g, ' ');
  const line = /^[^\n|]*/.exec(text.slice(match.index + match[0].length))?.[0] ?? '';
  const rest =
    line.split(/\s{2,}|\s+(?=[A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*)?\s*:)|\s+(?=\d+\.\d+\.\d+)/)[0] ??
    '';
  return wholeInBrackets(`${head}${rest}`.trim(), `${head}${line}`);
}

/** The name without a bracket it does not open, and with the rest of one it opens but was cut in. */
function wholeInBrackets(name: string, line: string): string {
  const unopened = /^[^(]*\)/.exec(name);
  if (unopened !== null) return name.slice(0, unopened[0].length - 1).trim();
  const open = name.lastIndexOf('(');
  if (open === -1 || name.includes(')', open)) return name;
  const close = line.indexOf(')', open);
  return close === -1 ? name.slice(0, open).trim() : line.slice(0, close + 1).replace(/\s+/g, ' ');
}

function releaseOfName(name: string): WindowsServerRelease | undefined {
  const year = /Windows\s+Server\s+(2012\s+R2|\d{4})\b/i.exec(name)?.[1]?.replace(/\s+/g, ' ');
  if (year === undefined) return undefined;
  return windowsServerReleases.find(
    (release) => release.name === `Windows Server ${year.toUpperCase()}`,
  )?.name;
}
