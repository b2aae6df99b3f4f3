import { describe, expect, it } from 'vitest';
import { parseVersionText } from '../../../migration/evidence/version-text';
import { realFixture, realFixtureNames } from '../support/real-fixtures';

describe('parseVersionText', () => {
  it.each([
    ['a plain version', '2.5.79.0', '2.5.79.0'],
    [
      'Help > About text',
      'Microsoft Azure AD Connect synchronization services\nVersion 1.6.16.0\n© Microsoft',
      '1.6.16.0',
    ],
    [
      'a JSON fragment of MigratedPolicy.json',
      '"policyMetadata": { "type": "migration", "azureADConnectVersion": "1.4.38.0" }',
      '1.4.38.0',
    ],
    ['the real global settings output', realFixture(realFixtureNames.globalSettings), '2.2.1.0'],
    [
      'a sentence with a named version among others',
      'Upgraded from 1.6.16.0 last year; ProductVersion : 2.4.27.0',
      '2.4.27.0',
    ],
    ['a registry value', 'DisplayVersion : 2.6.84.0', '2.6.84.0'],
  ])('reads %s', (_case, text, version) => {
    const parsed = parseVersionText(text);

    expect(parsed.status === 'parsed' && parsed.value.version).toBe(version);
  });

  it.each([
    ['Windows build numbers', realFixture(realFixtureNames.systeminfo)],
    ['[Environment]::OSVersion of 2012 R2', 'Microsoft Windows NT 6.3.9600.0'],
    ['an IP address', 'Server 192.168.10.20 is the old one'],
    ['no digits at all', 'the old server'],
  ])('finds no version in %s', (_case, text) => {
    expect(parseVersionText(text).status).toBe('absent');
  });

  it('reports two unnamed versions as ambiguous instead of guessing', () => {
    const parsed = parseVersionText('old 1.6.16.0, new 2.5.79.0');

    expect(parsed.status).toBe('absent');
    expect(parsed.status === 'absent' && parsed.reason).toContain('1.6.16.0, 2.5.79.0');
  });
});
