import { describe, expect, it } from 'vitest';
import { parseOsIdentity } from '../../../migration/evidence/os-identity';
import { windowsServerReleases } from '../../../migration/os-policy';
import { fixtureSection, flattened, realFixture, realFixtureNames } from '../support/real-fixtures';

const systeminfo = realFixture(realFixtureNames.systeminfo);
const evaluationAndClient = realFixture(realFixtureNames.systeminfoEvaluationAndClient);

/** Get-ComputerInfo on Server 2019: WindowsCurrentVersion says 6.3 on every Windows since 2012 R2. */
const computerInfo = [
  'WindowsBuildLabEx                                       : 17763.1.amd64fre.rs5_release.180914-1434',
  'WindowsCurrentVersion                                   : 6.3',
  'WindowsEditionId                                        : ServerStandard',
  'WindowsInstallationType                                 : Server',
  'WindowsProductName                                      : Windows Server 2019 Standard',
  'WindowsVersion                                          : 1809',
  'OsName                                                  : Microsoft Windows Server 2019 Standard',
  'OsVersion                                               : 10.0.17763',
  'OsBuildNumber                                           : 17763',
].join('\n');

describe('parseOsIdentity', () => {
  it.each([
    [
      'real systeminfo of Server 2016',
      fixtureSection(systeminfo, 'A'),
      'Windows Server 2016',
      14393,
    ],
    [
      'real systeminfo of Server 2022',
      fixtureSection(systeminfo, 'B'),
      'Windows Server 2022',
      20348,
    ],
    [
      'real systeminfo with its line breaks lost',
      flattened(fixtureSection(systeminfo, 'B')),
      'Windows Server 2022',
      20348,
    ],
    [
      'Get-ComputerInfo (WindowsCurrentVersion 6.3 ignored)',
      computerInfo,
      'Windows Server 2019',
      17763,
    ],
    [
      'Win32_OperatingSystem as a table',
      'Caption                                 Version    BuildNumber\n-------                                 -------    -----------\nMicrosoft Windows Server 2022 Datacenter 10.0.20348 20348',
      'Windows Server 2022',
      20348,
    ],
    [
      'Win32_OperatingSystem as a list',
      'Caption     : Microsoft Windows Server 2012 R2 Standard\nVersion     : 6.3.9600\nBuildNumber : 9600',
      'Windows Server 2012 R2',
      9600,
    ],
    [
      '[Environment]::OSVersion (build only)',
      'Platform ServicePack Version      VersionString\n-------- ----------- -------      -------------\n Win32NT             10.0.26100.0 Microsoft Windows NT 10.0.26100.0',
      'Windows Server 2025',
      26100,
    ],
  ])('reads %s', (_case, text, release, build) => {
    const parsed = parseOsIdentity(text);

    expect(parsed.status).toBe('parsed');
    if (parsed.status !== 'parsed') return;
    expect(parsed.value.release).toBe(release);
    expect(parsed.value.builds).toEqual([build]);
    expect(parsed.value.family).not.toBe('client');
  });

  it.each(windowsServerReleases.map((release) => [release.build, release.name] as const))(
    'maps build %i to %s',
    (build, name) => {
      const parsed = parseOsIdentity(`Microsoft Windows NT 10.0.${build}.0`);

      expect(parsed.status === 'parsed' && parsed.value.release).toBe(name);
    },
  );

  it('lists both builds when a paste shows two systems', () => {
    const parsed = parseOsIdentity(systeminfo);

    expect(parsed.status === 'parsed' && parsed.value.builds).toEqual([14393, 20348]);
    expect(parsed.status === 'parsed' && parsed.value.release).toBeUndefined();
  });

  it('recognises a client Windows and Server Core', () => {
    const client = parseOsIdentity(
      'OS Name: Microsoft Windows 10 Pro\nOS Version: 10.0.19045 N/A Build 19045',
    );
    const core = parseOsIdentity(
      computerInfo.replace(
        'WindowsInstallationType                                 : Server',
        'WindowsInstallationType : Server Core',
      ),
    );

    expect(client.status === 'parsed' && client.value.family).toBe('client');
    expect(client.status === 'parsed' && client.value.release).toBeUndefined();
    expect(core.status === 'parsed' && core.value.serverCore).toBe(true);
  });

  it.each([
    [
      'real systeminfo of Server 2019 Evaluation',
      fixtureSection(evaluationAndClient, 'A'),
      'server',
      true,
      'Windows Server 2019',
    ],
    [
      'real systeminfo of Windows 11 24H2 (build 26100)',
      fixtureSection(evaluationAndClient, 'B'),
      'client',
      false,
      undefined,
    ],
    [
      'real systeminfo of Server 2016 Evaluation',
      fixtureSection(systeminfo, 'A'),
      'server',
      true,
      'Windows Server 2016',
    ],
    ['Get-ComputerInfo of Server 2019', computerInfo, 'server', false, 'Windows Server 2019'],
    [
      'Get-ComputerInfo of an evaluation edition id',
      computerInfo
        .replace(': ServerStandard', ': ServerStandardEval')
        .replace(/^(Windows|Os)ProductName.*$/gm, ''),
      'server',
      true,
      'Windows Server 2019',
    ],
    [
      'Get-ComputerInfo of a client',
      'WindowsInstallationType : Client\nOsBuildNumber : 26100',
      'client',
      false,
      undefined,
    ],
    [
      'DISM current edition with a build',
      'Current Edition : ServerDatacenterEval\nMicrosoft Windows NT 10.0.20348.0',
      'server',
      true,
      'Windows Server 2022',
    ],
    [
      'ProductType 3 in a list',
      'BuildNumber : 17763\nProductType : 3',
      'server',
      false,
      'Windows Server 2019',
    ],
    ['ProductType 1 in a list', 'BuildNumber : 17763\nProductType : 1', 'client', false, undefined],
    [
      'ProductType 2 in a table',
      'Version    BuildNumber ProductType\n-------    ----------- -----------\n10.0.17763 17763                 2',
      'server',
      false,
      'Windows Server 2019',
    ],
    [
      'ProductType in a table under the command that printed it',
      'PS C:\\> Get-CimInstance Win32_OperatingSystem | Select-Object Version, BuildNumber, ProductType\n\nVersion    BuildNumber ProductType\n-------    ----------- -----------\n10.0.17763 17763                 3',
      'server',
      false,
      'Windows Server 2019',
    ],
    [
      'ProductType 1 in a table',
      'Version    BuildNumber ProductType\n-------    ----------- -----------\n10.0.26100 26100                 1',
      'client',
      false,
      undefined,
    ],
    [
      'a bare build number',
      'Microsoft Windows NT 10.0.17763.0',
      undefined,
      false,
      'Windows Server 2019',
    ],
  ])('reads whether %s is a server or a client', (_case, text, family, evaluation, release) => {
    const parsed = parseOsIdentity(text);

    expect(parsed.status).toBe('parsed');
    if (parsed.status !== 'parsed') return;
    expect(parsed.value.family).toBe(family);
    expect(parsed.value.evaluation).toBe(evaluation);
    expect(parsed.value.release).toBe(release);
  });

  it('finds nothing in text without a Windows name or build', () => {
    expect(parseOsIdentity('Get-ADSyncScheduler\nStagingModeEnabled : True').status).toBe('absent');
  });
});
