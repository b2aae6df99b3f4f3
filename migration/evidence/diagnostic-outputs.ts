import { absentEvidence, parsedEvidence, type EvidenceParse } from './evidence-parse';
import { readListFields, readListRecords } from './format-list';
import { normalizePastedText } from './pasted-text';
import { readPowerShellBoolean } from './powershell-values';

/** What `nltest /dsgetdc:<domain>` printed: the domain controller found, or why none was. */
export type DcLocatorResult =
  | {
      found: true;
      dc: string;
      address?: string;
      domain?: string;
      forest?: string;
      site?: string;
      flags: readonly string[];
    }
  | { found: false; status: number; code: string };

const nltestFields = [
  'DC',
  'Address',
  'Dom Guid',
  'Dom Name',
  'Forest Name',
  'Dc Site Name',
  'Our Site Name',
  'Flags',
];

/** Reads `nltest /dsgetdc` output: `DC: \\DC01`, `Address: \\10.0.0.1`, ... or `Getting DC name failed`. */
export function parseDcLocator(text: string): EvidenceParse<DcLocatorResult> {
  const normalized = normalizePastedText(text);
  const failed = /Getting DC name failed:\s*Status\s*=\s*(\d+)\s+0x[0-9a-f]+\s+(\w+)/i.exec(
    normalized,
  );
  if (failed !== null) {
    return parsedEvidence({ found: false, status: Number(failed[1]), code: failed[2] ?? '' });
  }
  const fields = new Map(readListFields(normalized, nltestFields).map((f) => [f.field, f.value]));
  const dc = /^\\\\(\S+)/.exec(fields.get('DC') ?? '')?.[1];
  if (dc === undefined || !(fields.has('Dom Guid') || fields.has('Flags'))) {
    return absentEvidence(
      'No nltest /dsgetdc output (DC: \\\\<name>, Address:, Flags:) was found.',
    );
  }
  const address = /^\\\\(\S+)/.exec(fields.get('Address') ?? '')?.[1];
  return parsedEvidence({
    found: true,
    dc,
    ...optional('address', address),
    ...optional('domain', fields.get('Dom Name')),
    ...optional('forest', fields.get('Forest Name')),
    ...optional('site', fields.get('Dc Site Name')),
    flags: (fields.get('Flags') ?? '').split(/\s+/).filter((flag) => flag !== ''),
  });
}

/** One `Test-NetConnection -Port` result. */
export interface PortTest {
  computer: string;
  address?: string;
  port: number;
  succeeded: boolean;
  /** Whether the host answered ping, when the output says. */
  pingSucceeded?: boolean;
}

const portTestFields = [
  'ComputerName',
  'RemoteAddress',
  'RemotePort',
  'TcpTestSucceeded',
  'PingSucceeded',
  'InterfaceAlias',
  'SourceAddress',
];

/** Reads `Test-NetConnection <host> -Port <n>` output, one result per target tested. */
export function parsePortTests(text: string): EvidenceParse<readonly PortTest[]> {
  const normalized = normalizePastedText(text);
  const tests = readListRecords(normalized, portTestFields).flatMap((record) => {
    const succeeded = readPowerShellBoolean(record.get('TcpTestSucceeded'));
    const port = Number(/^\d{1,5}$/.exec(record.get('RemotePort') ?? '')?.[0]);
    const computer = record.get('ComputerName');
    if (succeeded === undefined || !Number.isInteger(port) || computer === undefined) return [];
    const ping = readPowerShellBoolean(record.get('PingSucceeded'));
    return [
      {
        computer,
        port,
        succeeded,
        ...optional('address', record.get('RemoteAddress')),
        ...(ping === undefined ? {} : { pingSucceeded: ping }),
      },
    ];
  });
  return tests.length === 0
    ? absentEvidence('No Test-NetConnection -Port output (RemotePort, TcpTestSucceeded) was found.')
    : parsedEvidence(tests);
}

/** The state of the sync service as `Get-Service ADSync` printed it. */
export interface ServiceStatus {
  /** Running, Stopped, StartPending, ... as printed. */
  status: string;
  running: boolean;
  displayName?: string;
}

/** Reads `Get-Service ADSync` (table or list): the ADSync service's status. */
export function parseServiceStatus(text: string): EvidenceParse<ServiceStatus> {
  const normalized = normalizePastedText(text);
  const row =
    /^[ ]*(Running|Stopped|StartPending|StopPending|Paused|PausePending|ContinuePending)[ ]+ADSync\b[ ]*(.*)$/im.exec(
      normalized,
    );
  if (row !== null) {
    const status = row[1] ?? '';
    return parsedEvidence({
      status,
      running: /^running$/i.test(status),
      ...optional('displayName', row[2]?.trim()),
    });
  }
  const listed = readListRecords(normalized, ['Name', 'DisplayName', 'Status']).find((record) =>
    /^adsync$/i.test(record.get('Name') ?? ''),
  );
  const status = listed?.get('Status');
  if (status === undefined || status === '') {
    return absentEvidence('No Get-Service ADSync output (Status, Name ADSync) was found.');
  }
  return parsedEvidence({
    status,
    running: /^running$/i.test(status),
    ...optional('displayName', listed?.get('DisplayName')),
  });
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined || value === '' ? {} : ({ [key]: value } as Record<K, string>);
}
