/** The registry key groups the Learn TLS 1.2 check script reads. */
export type Tls12KeyGroup = 'netfx-wow64' | 'netfx' | 'schannel-server' | 'schannel-client';

/** One registry value the Learn TLS 1.2 check script prints, and the value it must have. */
export interface Tls12Setting {
  group: Tls12KeyGroup;
  path: string;
  name: 'SystemDefaultTlsVersions' | 'SchUseStrongCrypto' | 'Enabled' | 'DisabledByDefault';
  expected: 0 | 1;
}

const wow64 = 'HKLM:\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319';
const netfx = 'HKLM:\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319';
const server =
  'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Server';
const client =
  'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client';

/** Learn: reference-connect-tls-enforcement ("Enable TLS 1.2"): the eight values, in the order the check script prints them. */
export const tls12Settings: readonly Tls12Setting[] = [
  { group: 'netfx-wow64', path: wow64, name: 'SystemDefaultTlsVersions', expected: 1 },
  { group: 'netfx-wow64', path: wow64, name: 'SchUseStrongCrypto', expected: 1 },
  { group: 'netfx', path: netfx, name: 'SystemDefaultTlsVersions', expected: 1 },
  { group: 'netfx', path: netfx, name: 'SchUseStrongCrypto', expected: 1 },
  { group: 'schannel-server', path: server, name: 'Enabled', expected: 1 },
  { group: 'schannel-server', path: server, name: 'DisabledByDefault', expected: 0 },
  { group: 'schannel-client', path: client, name: 'Enabled', expected: 1 },
  { group: 'schannel-client', path: client, name: 'DisabledByDefault', expected: 0 },
];

/** `Path\Name`, how findings name one value. */
export function tls12SettingLabel(setting: Tls12Setting): string {
  return `${setting.path}\\${setting.name}`;
}

/** Learn: reference-connect-tls-enforcement ("PowerShell script to enable TLS 1.2"): the lines that set one value. */
export function tls12FixCommand(setting: Tls12Setting): string {
  return [
    `If (-Not (Test-Path '${setting.path}')) { New-Item '${setting.path}' -Force | Out-Null }`,
    `New-ItemProperty -Path '${setting.path}' -Name '${setting.name}' -Value '${setting.expected}' -PropertyType 'DWord' -Force | Out-Null`,
  ].join('\n');
}
