import { describe, expect, it } from 'vitest';
import { parseTls12Check, type Tls12Check } from '../../../migration/evidence/tls12-check';
import { tls12Settings } from '../../../migration/tls12-policy';
import { fixtureSection, flattened, realFixture, realFixtureNames } from '../support/real-fixtures';

const file = realFixture(realFixtureNames.tls12Check);
const notConfigured = fixtureSection(file, 'A');
const configured = fixtureSection(file, 'B');

function values(check: Tls12Check): (number | 'Not Found' | undefined)[] {
  return check.readings.map(({ reading }) =>
    reading === undefined ? undefined : reading.kind === 'not-found' ? 'Not Found' : reading.value,
  );
}

/** The configured output as Format-Table prints it in a narrow console: the Path column cut short. */
const truncatedPaths = [
  'Path                                       Name                     Value',
  '----                                       ----                     -----',
  ...tls12Settings.map(
    (setting) => `${setting.path.slice(0, 40)}... ${setting.name.padEnd(24)} ${setting.expected}`,
  ),
].join('\n');

/** The same values as Format-List records. */
const listRecords = tls12Settings
  .map((setting) => `Path  : ${setting.path}\nName  : ${setting.name}\nValue : ${setting.expected}`)
  .join('\n\n');

describe('parseTls12Check', () => {
  it.each([
    ['the real not-configured output', notConfigured, Array(8).fill('Not Found')],
    ['the real configured output', configured, [1, 1, 1, 1, 1, 0, 1, 0]],
    [
      'the configured output with its line breaks lost',
      flattened(configured),
      [1, 1, 1, 1, 1, 0, 1, 0],
    ],
    ['paths truncated by Format-Table', truncatedPaths, [1, 1, 1, 1, 1, 0, 1, 0]],
    ['Format-List records', listRecords, [1, 1, 1, 1, 1, 0, 1, 0]],
  ])('reads %s', (_case, text, expected) => {
    const parsed = parseTls12Check(text);

    expect(parsed.status).toBe('parsed');
    if (parsed.status !== 'parsed') return;
    expect(values(parsed.value)).toEqual(expected);
    expect(parsed.missing).toEqual([]);
  });

  it('reads the last of two outputs in one paste (before and after enabling TLS 1.2)', () => {
    const parsed = parseTls12Check(file);

    expect(parsed.status === 'parsed' && parsed.value.outputs).toBe(2);
    expect(parsed.status === 'parsed' && values(parsed.value)).toEqual([1, 1, 1, 1, 1, 0, 1, 0]);
  });

  it('names the rows a partial paste lacks', () => {
    const firstFour = configured
      .split('\n')
      .filter((line) => line.includes('.NETFramework'))
      .join('\n');
    const parsed = parseTls12Check(firstFour);

    expect(parsed.status === 'parsed' && parsed.missing).toEqual(
      tls12Settings.slice(4).map((setting) => `${setting.path}\\${setting.name}`),
    );
  });

  it('ignores the check script itself when it is pasted with its output', () => {
    const script =
      "$regKey = 'HKLM:\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319'\n$regSettings += Get-ADSyncToolsTls12RegValue $regKey 'SystemDefaultTlsVersions'";

    expect(parseTls12Check(script).status).toBe('absent');
    expect(parseTls12Check(`${script}\n${configured}`).status).toBe('parsed');
  });
});
