import { tls12Settings, type Tls12KeyGroup, type Tls12Setting } from '../tls12-policy';
import { absentEvidence, parsedEvidence, type EvidenceParse } from './evidence-parse';
import { normalizePastedText } from './pasted-text';

/** One value as the check script printed it: a number, or `Not Found` when the registry value is absent. */
export type Tls12Reading = { kind: 'value'; value: number } | { kind: 'not-found' };

/** The check script's output: what each of the eight settings read, in Learn's order; a row not in the paste is absent. */
export interface Tls12Check {
  readings: readonly { setting: Tls12Setting; reading?: Tls12Reading }[];
  /** How many outputs the paste held; the last one is read. */
  outputs: number;
}

interface Row {
  groups: readonly Tls12KeyGroup[];
  name: Tls12Setting['name'];
  reading: Tls12Reading;
}

/**
 * Reads the output of Learn's "PowerShell script to check TLS 1.2" as a table (also with the Path
 * column truncated with `...`, or the line breaks lost) or as Format-List records. Rows whose path
 * was cut short are placed by the script's fixed order.
 */
export function parseTls12Check(text: string): EvidenceParse<Tls12Check> {
  const outputs = outputsOf(rowsOf(normalizePastedText(text)));
  const rows = outputs.at(-1);
  if (rows === undefined) {
    return absentEvidence('No rows of the TLS 1.2 check script (Path, Name, Value) were found.');
  }
  const assigned = new Map<Tls12Setting, Tls12Reading>();
  for (const row of rows) {
    const slot = tls12Settings.find(
      (setting) =>
        !assigned.has(setting) && setting.name === row.name && row.groups.includes(setting.group),
    );
    if (slot !== undefined) assigned.set(slot, row.reading);
  }
  const readings = tls12Settings.map((setting) => {
    const reading = assigned.get(setting);
    return reading === undefined ? { setting } : { setting, reading };
  });
  const missing = readings.flatMap(({ setting, reading }) =>
    reading === undefined ? [`${setting.path}\\${setting.name}`] : [],
  );
  return parsedEvidence({ readings, outputs: outputs.length }, missing);
}

/** Splits rows into the outputs they came from: every run of the script starts with the same first row. */
function outputsOf(rows: readonly Row[]): Row[][] {
  const first = tls12Settings[0];
  const outputs: Row[][] = [];
  for (const row of rows) {
    const startsOutput = row.name === first?.name && row.groups.includes(first.group);
    const current = outputs.at(-1);
    if (current === undefined || (startsOutput && current.length > 0)) outputs.push([row]);
    else current.push(row);
  }
  return outputs;
}

function rowsOf(text: string): Row[] {
  const starts = [...text.matchAll(/(?<!['"])HKLM:\\/g)].map((match) => match.index);
  return starts.flatMap((start, index) => {
    const segment = text.slice(start, starts[index + 1] ?? text.length);
    const row =
      /^(.*?)\s(?:Name\s*:\s*)?\b(SystemDefaultTlsVersions|SchUseStrongCrypto|DisabledByDefault|Enabled)\b[ \t]*(?:\n\s*)?(?:Value\s*:\s*)?(Not Found|-?\d+|0x[0-9a-f]+)\b/is.exec(
        segment,
      );
    if (row === null) return [];
    const [, path = '', name = '', value = ''] = row;
    return [
      {
        groups: groupsOfPath(path),
        name: name as Row['name'],
        reading: /^not found$/i.test(value)
          ? { kind: 'not-found' as const }
          : { kind: 'value' as const, value: Number(value) },
      },
    ];
  });
}

/** The key groups a printed path can be; a truncated path can be more than one. */
function groupsOfPath(printed: string): Tls12KeyGroup[] {
  const stem = printed
    .trim()
    .toLowerCase()
    .replace(/(?:\.\.\.|…)$/, '')
    .replace(/\s+/g, ' ');
  const paths = new Map(
    tls12Settings.map((setting) => [setting.group, setting.path.toLowerCase()]),
  );
  const groups = [...paths.keys()];
  const exact = groups.filter((group) => paths.get(group) === stem);
  return exact.length > 0
    ? exact
    : groups.filter((group) => paths.get(group)?.startsWith(stem) === true);
}
