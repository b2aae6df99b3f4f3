import { describe, expect, it } from 'vitest';
import { parseGlobalSettings } from '../../../migration/evidence/global-settings';
import { flattened, realFixture, realFixtureNames, withoutHeader } from '../support/real-fixtures';

const sorted = realFixture(realFixtureNames.globalSettings);
const rows = withoutHeader(sorted)
  .split('\n')
  .filter((line) => line.startsWith('Microsoft.'));

/** The real rows in a different order, as an unsorted `select Name,Value` prints them. */
const unsorted = ['Name Value', '---- -----', ...[...rows].reverse()].join('\n');

/** The real rows with a DataType column after the value, as `Format-Table Name,Value,DataType` prints. */
const withDataTypeAfter = [
  'Name                                                   Value                         DataType',
  '----                                                   -----                         --------',
  ...rows.map((row) => `${row.padEnd(86)}String`),
].join('\n');

/** The same with the DataType column before the value. */
const withDataTypeBefore = [
  'Name                                                   DataType Value',
  '----                                                   -------- -----',
  ...rows.map((row) => {
    const [name = '', ...value] = row.split(/\s+/);
    return `${name.padEnd(55)}String   ${value.join(' ')}`;
  }),
].join('\n');

/** Parameters printed as Format-List records, which `.Parameters` does without `select`. */
const listRecords = [
  ['Microsoft.Synchronize.ServerConfigurationVersion', '2.4.27.0'],
  ['Microsoft.Synchronize.StagingMode', 'True'],
  ['Microsoft.UserSignIn.SignOnMethod', 'PasswordHashSync'],
]
  .map(([name = '', value = '']) =>
    [
      `Name                   : ${name}`,
      'InputType              : String',
      'Scope                  : SynchronizationGlobal',
      'Description            : ',
      'RegexValidationPattern : ',
      'DefaultValue           : ',
      `Value                  : ${value}`,
      'Extensible             : False',
      'PageNumber             : 0',
      'Intrinsic              : False',
      'DataType               : String',
    ].join('\n'),
  )
  .join('\n\n');

describe('parseGlobalSettings', () => {
  it.each([
    ['the real sorted output', sorted],
    ['the real output with its line breaks lost', flattened(sorted)],
    ['the real rows unsorted', unsorted],
    ['a DataType column after the value', withDataTypeAfter],
    ['a DataType column before the value', withDataTypeBefore],
  ])('reads %s', (_case, text) => {
    const parsed = parseGlobalSettings(text);

    expect(parsed.status).toBe('parsed');
    if (parsed.status !== 'parsed') return;
    expect(parsed.missing).toEqual([]);
    expect(parsed.value).toMatchObject({
      version: '2.2.1.0',
      stagingModeEnabled: false,
      signOnMethodValue: 'NotConfigured',
      signInMethod: 'none',
      seamlessSso: false,
      deletionThresholdEnabled: true,
      deletionThreshold: 3000,
      syncInterval: '00:30:00',
      machineRole: 'RoleMemberServer',
      anchorAttribute: 'objectGUID',
      autoUpgradeState: 'Suspended',
      features: {
        exchangeHybrid: true,
        exchangeMailPublicFolders: false,
        groupWriteback: false,
        deviceWriteback: false,
        directoryExtensions: true,
      },
    });
    expect(parsed.value.parameters['Microsoft.Synchronize.NextStartTime']).toBe(
      'Fri, 04 Aug 2023 03:54:46 GMT',
    );
    expect(parsed.value.parameters['Microsoft.AADFilter.ApplicationList']).toBe('');
  });

  it('names the values Format-Table cut short', () => {
    const parsed = parseGlobalSettings(sorted);

    expect(parsed.status === 'parsed' && parsed.value.truncated).toEqual([
      'Microsoft.DirectoryExtension.SourceTargetAttributesMap',
      'Microsoft.OptionalFeature.DirectoryExtensionAttributes',
    ]);
  });

  it('reads Format-List records of the parameters', () => {
    const parsed = parseGlobalSettings(listRecords);

    expect(parsed.status).toBe('parsed');
    if (parsed.status !== 'parsed') return;
    expect(parsed.value).toMatchObject({
      version: '2.4.27.0',
      stagingModeEnabled: true,
      signInMethod: 'phs',
    });
    expect(parsed.missing).toContain('Microsoft.UserSignIn.DesktopSsoEnabled');
  });

  it('reads `Name : Value` lines', () => {
    const parsed = parseGlobalSettings(
      '   Microsoft.UserSignIn.SignOnMethod                      : PasswordHashSync\n   Microsoft.Synchronize.StagingMode : False',
    );

    expect(parsed.status === 'parsed' && parsed.value.signInMethod).toBe('phs');
    expect(parsed.status === 'parsed' && parsed.value.stagingModeEnabled).toBe(false);
  });

  it('completes a parameter name Format-Table truncated when only one known name fits', () => {
    const parsed = parseGlobalSettings(
      'Microsoft.OptionalFeature.ExportDeletionThresholdV... 500\nMicrosoft.Synchronize.Serve... 2.5.79.0',
    );

    expect(parsed.status === 'parsed' && parsed.value.deletionThreshold).toBe(500);
    expect(parsed.status === 'parsed' && parsed.value.version).toBe('2.5.79.0');
  });

  it('reads the single version row the source-version command selects, ignoring the command line', () => {
    const parsed = parseGlobalSettings(
      [
        "PS C:\\> (Get-ADSyncGlobalSettings).Parameters | Where-Object Name -eq 'Microsoft.Synchronize.ServerConfigurationVersion' | Select-Object Name,Value",
        '',
        'Name                                             Value',
        '----                                             -----',
        'Microsoft.Synchronize.ServerConfigurationVersion 1.6.16.0',
      ].join('\n'),
    );

    expect(parsed.status === 'parsed' && parsed.value.version).toBe('1.6.16.0');
    expect(parsed.status === 'parsed' && Object.keys(parsed.value.parameters)).toEqual([
      'Microsoft.Synchronize.ServerConfigurationVersion',
    ]);
  });

  it.each([
    [
      'the settings object summary',
      'Parameters       : {Microsoft.Synchronize.SynchronizationPolicy, Microsoft.SynchronizationOption.JoinCriteria, Microsoft.Synchronize.MaintenanceEnabled...}',
    ],
    [
      'a command line alone',
      "Get-ADSyncGlobalSettings | Where-Object Name -eq 'Microsoft.Synchronize.StagingMode'",
    ],
    ['scheduler output', realFixture(realFixtureNames.schedulerStagingOn)],
  ])('finds nothing in %s', (_case, text) => {
    expect(parseGlobalSettings(text).status).toBe('absent');
  });
});
