import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { azureADConnectVersionOf, parseConfigDocument } from '../../../migration/config';
import {
  oldInstall,
  syntheticExport,
  syntheticMigratedPolicy,
  twoForestSpec,
} from '../../fixtures/synthetic/config-export-builder';

const exportText = JSON.stringify(syntheticExport(twoForestSpec, oldInstall), null, 2);
const migratedText = JSON.stringify(syntheticMigratedPolicy(oldInstall), null, 2);

/** What Windows PowerShell 5.1 writes by default (UTF-16LE with BOM), read back as Latin-1 text. */
function utf16ReadAsLatin1(text: string): string {
  return Buffer.from(`\uFEFF${text}`, 'utf16le').toString('latin1');
}

describe('parseConfigDocument', () => {
  it.each([
    ['a plain export', exportText, 'config-export'],
    ['an export with a UTF-8 byte order mark', `\uFEFF${exportText}`, 'config-export'],
    ['an export with surrounding blank lines', `\n\n  ${exportText}  \r\n`, 'config-export'],
    [
      'an export saved as UTF-16 and read as 8-bit text',
      utf16ReadAsLatin1(exportText),
      'config-export',
    ],
    ['a MigratedPolicy.json', migratedText, 'migrated-policy'],
    [
      'a MigratedPolicy.json without a type but with deploymentMetadata',
      JSON.stringify({ policyMetadata: { author: 'X' }, deploymentMetadata: { hostName: 'h' } }),
      'migrated-policy',
    ],
    [
      'an export with null lists where a serialiser writes null',
      JSON.stringify({
        onpremisesDirectoryPolicy: [
          {
            friendlyName: 'a',
            partitionFilters: [{ distinguishedName: 'DC=a', containerExclusions: null }],
          },
        ],
        azureDirectoryPolicy: { customSynchronizationRules: null },
      }),
      'config-export',
    ],
  ])('reads %s', (_name, text, kind) => {
    expect(parseConfigDocument(text).kind).toBe(kind);
  });

  it.each([
    ['an empty file', '', /empty/],
    ['whitespace only', ' \n\t ', /empty/],
    ['text that is not JSON', 'PS C:\\> Get-ADSyncScheduler', /not valid JSON/],
    ['truncated JSON', exportText.slice(0, exportText.length / 2), /not valid JSON/],
    ['a JSON array', '[1, 2, 3]', /not an object/],
    ['a JSON string', '"onpremisesDirectoryPolicy"', /not an object/],
    ['an unrelated JSON object', '{"name":"x","value":1}', /none of the keys of a settings export/],
    [
      'policyMetadata of another type without deploymentMetadata',
      '{"policyMetadata":{"type":"other"}}',
      /none of the keys/,
    ],
    [
      'an export whose directories are not a list',
      '{"onpremisesDirectoryPolicy":"contoso.com"}',
      /damaged: onpremisesDirectoryPolicy: .*expected array/,
    ],
    [
      'an export whose OU filter holds numbers',
      '{"onpremisesDirectoryPolicy":[{"partitionFilters":[{"containerInclusions":[1]}]}]}',
      /damaged: onpremisesDirectoryPolicy\[0\]\.partitionFilters\[0\]\.containerInclusions\[0\]/,
    ],
    [
      'JSON nested far deeper than any export',
      `${'['.repeat(100)}${']'.repeat(100)}`,
      /nested deeper/,
    ],
  ])('refuses %s with a reason', (_name, text, reason) => {
    const parsed = parseConfigDocument(text);
    expect(parsed.kind).toBe('not-config');
    expect(parsed.kind === 'not-config' ? parsed.reason : '').toMatch(reason);
  });

  it('keeps keys it does not know, so they are compared too', () => {
    const parsed = parseConfigDocument('{"onpremisesDirectoryPolicy":[],"someNewSetting":{"a":1}}');
    expect(parsed.kind === 'config-export' ? parsed.document.someNewSetting : undefined).toEqual({
      a: 1,
    });
  });

  it('never throws, whatever the text', () => {
    const texts = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.json(),
      fc.jsonValue().map((value) => JSON.stringify({ onpremisesDirectoryPolicy: value })),
      fc
        .jsonValue()
        .map((value) => JSON.stringify({ policyMetadata: value, deploymentMetadata: value })),
      fc.nat(exportText.length).map((end) => exportText.slice(0, end)),
      fc
        .tuple(fc.nat(exportText.length), fc.string())
        .map(([at, insert]) => exportText.slice(0, at) + insert + exportText.slice(at)),
    );
    fc.assert(
      fc.property(texts, (text) => {
        expect(() => parseConfigDocument(text)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});

describe('azureADConnectVersionOf', () => {
  it.each([
    ['an export', exportText, oldInstall.version],
    ['a MigratedPolicy.json', migratedText, oldInstall.version],
    ['an export without policyMetadata', '{"onpremisesDirectoryPolicy":[]}', undefined],
    [
      'a blank version',
      '{"onpremisesDirectoryPolicy":[],"policyMetadata":{"azureADConnectVersion":"  "}}',
      undefined,
    ],
  ])('reads the version of %s', (_name, text, version) => {
    const parsed = parseConfigDocument(text);
    expect(
      parsed.kind === 'not-config' ? 'refused' : azureADConnectVersionOf(parsed.document),
    ).toBe(version);
  });
});
