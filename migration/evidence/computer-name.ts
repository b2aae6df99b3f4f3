import { readListFields, readListRecords } from './format-list';
import { readTableRows } from './format-table';
import { normalizePastedText } from './pasted-text';

/**
 * The line every command block on the cards starts with: it prints `ComputerName : AADC01`, so each
 * paste says which server it came from.
 */
export const computerNameCommand = '"ComputerName : $env:COMPUTERNAME"';

/**
 * The computer names a paste states: the line above, systeminfo's `Host Name`, Get-ComputerInfo's
 * `CsName`, Win32_OperatingSystem's `CSName`, or the `PSComputerName` of a remote command (never
 * the host Test-NetConnection tested, which it also prints as `ComputerName`). Names
 * are compared as Windows compares them: see `sameComputer`.
 */
export function readComputerNames(text: string): string[] {
  const normalized = normalizePastedText(text);
  // Test-NetConnection prints the host it tested as ComputerName, beside RemoteAddress and RemotePort.
  const tested = new Set(
    readListRecords(normalized, ['ComputerName', 'RemoteAddress', 'RemotePort'])
      .filter((record) => record.has('RemoteAddress') || record.has('RemotePort'))
      .map((record) => record.get('ComputerName')),
  );
  const listed = readListFields(normalized, [
    'ComputerName',
    'Host Name',
    'CsName',
    'CSName',
    'PSComputerName',
  ])
    .filter((field) => !(field.field === 'ComputerName' && tested.has(field.value)))
    .map((field) => field.value.split(/\s+/)[0] ?? '');
  const tabled = readTableRows(normalized, ['PSComputerName']).map(
    (row) => row.get('PSComputerName') ?? '',
  );
  const names = [...listed, ...tabled].filter(isComputerName);
  return [...new Map(names.map((name) => [netBiosNameOf(name), name])).values()];
}

/** A host name or FQDN; `$env:COMPUTERNAME` echoed by a prompt line is not one. */
function isComputerName(value: string): boolean {
  return /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9-]{1,63})*$/.test(value);
}

/**
 * The NetBIOS form `$env:COMPUTERNAME` prints: the first label of a host name, upper case, cut at
 * 15 characters (Windows keeps no more).
 */
export function netBiosNameOf(name: string): string {
  return (name.split('.')[0] ?? '').toUpperCase().slice(0, 15);
}

/** True when two names (host names or FQDNs, any case) are the same Windows computer. */
export function sameComputer(a: string, b: string): boolean {
  return netBiosNameOf(a) === netBiosNameOf(b);
}
