import { describe, expect, it } from 'vitest';
import { evaluateCheckpoint } from '../../../migration/evaluate-checkpoint';
import { tls12Settings } from '../../../migration/tls12-policy';
import {
  globalSettingsWith,
  item,
  messages,
  on,
  remediations,
  schedulerWith,
} from '../support/evidence-builders';
import { fixtureSection, flattened, realFixture, realFixtureNames } from '../support/real-fixtures';
import { syntheticFixture, syntheticFixtureNames } from '../support/synthetic-fixtures';

const today = on('2026-11-21');
const systeminfo = realFixture(realFixtureNames.systeminfo);
const evaluationAndClient = realFixture(realFixtureNames.systeminfoEvaluationAndClient);
const tls = realFixture(realFixtureNames.tls12Check);
const stagingScheduler = item(realFixture(realFixtureNames.schedulerStagingOn));
const activeScheduler = item(realFixture(realFixtureNames.schedulerStagingOff));

describe('target-os', () => {
  const december = on('2026-12-07');
  /** Get-CimInstance Win32_OperatingSystem | Select-Object Caption, Version, BuildNumber, ProductType as a list. */
  const win32Os = (caption: string, build: number, productType = 3) =>
    `Caption     : ${caption}\nVersion     : 10.0.${build}\nBuildNumber : ${build}\nProductType : ${productType}`;

  it.each([
    [
      'real systeminfo of Server 2016 Evaluation',
      fixtureSection(systeminfo, 'A'),
      'warn',
      'Windows Server 2016',
    ],
    [
      'real systeminfo of Server 2022 Evaluation',
      fixtureSection(systeminfo, 'B'),
      'warn',
      'Windows Server 2022',
    ],
    [
      'real systeminfo of Server 2019 Evaluation',
      fixtureSection(evaluationAndClient, 'A'),
      'warn',
      'Windows Server 2019',
    ],
    [
      'Server 2019',
      win32Os('Microsoft Windows Server 2019 Datacenter', 17763),
      'pass',
      'Windows Server 2019',
    ],
    [
      'Server 2022',
      win32Os('Microsoft Windows Server 2022 Standard', 20348),
      'pass',
      'Windows Server 2022',
    ],
    [
      'Server 2025',
      'OS Name: Microsoft Windows Server 2025 Datacenter\nOS Version: 10.0.26100 N/A Build 26100',
      'pass',
      'Windows Server 2025',
    ],
    [
      'Server 2016',
      win32Os('Microsoft Windows Server 2016 Standard', 14393),
      'warn',
      'Windows Server 2016',
    ],
    [
      'Server 2012 R2',
      'Caption : Microsoft Windows Server 2012 R2 Standard\nBuildNumber : 9600',
      'fail',
      'Windows Server 2012 R2',
    ],
    [
      'Server 2012',
      win32Os('Microsoft Windows Server 2012 Standard', 9200),
      'fail',
      'Windows Server 2012',
    ],
    [
      'a bare build only servers have (20348)',
      'Microsoft Windows NT 10.0.20348.0',
      'pass',
      'Windows Server 2022',
    ],
  ])('on 7 December 2026 judges %s', (_case, text, status, release) => {
    const judgment = evaluateCheckpoint('target-os', [item(text)], december);

    expect(judgment.status).toBe(status);
    expect(judgment.facts['new.osRelease']).toBe(release);
  });

  it.each([
    // Learn lifecycle: Server 2016 extended support ends 12 January 2027, Server 2019 on 9 January 2029.
    ['Server 2016', 14393, '2025-12-01', 'pass'],
    ['Server 2016', 14393, '2026-12-07', 'warn'],
    ['Server 2016', 14393, '2027-01-12', 'warn'],
    ['Server 2016', 14393, '2027-01-13', 'fail'],
    ['Server 2019', 17763, '2027-04-08', 'pass'],
    ['Server 2019', 17763, '2028-06-01', 'warn'],
    ['Server 2019', 17763, '2029-01-10', 'fail'],
    ['Server 2022', 20348, '2027-04-08', 'pass'],
    ['Server 2025', 26100, '2035-01-01', 'pass'],
  ])('judges Windows %s (build %i) on %s as %s', (name, build, today, status) => {
    const text = win32Os(`Microsoft Windows ${name} Standard`, build);

    expect(evaluateCheckpoint('target-os', [item(text)], on(today)).status).toBe(status);
  });

  it('warns that a new Server 2016 leaves extended support on 12 January 2027, and fails it after', () => {
    const text = win32Os('Microsoft Windows Server 2016 Standard', 14393);
    const before = evaluateCheckpoint('target-os', [item(text)], december);
    const after = evaluateCheckpoint('target-os', [item(text)], on('2027-01-13'));

    expect(messages(before, 'warning').join('\n')).toContain(
      'Windows Server 2016 is in extended support until 12 January 2027',
    );
    expect(messages(before, 'warning').join('\n')).toContain('paid support program');
    expect(messages(after, 'error')).toEqual([
      'Windows Server 2016 left extended support on 12 January 2027: Learn allows older Windows Server versions for Entra Connect when they are in extended support.',
    ]);
    expect(remediations(after)).toContain('Windows Server 2025 or Windows Server 2022');
  });

  it('says Microsoft recommends Server 2025 and Server 2022', () => {
    for (const text of [
      win32Os('Microsoft Windows Server 2025 Standard', 26100),
      win32Os('Microsoft Windows Server 2022 Standard', 20348),
    ]) {
      const judgment = evaluateCheckpoint('target-os', [item(text)], december);

      expect(messages(judgment, 'info').join('\n')).toContain('which Microsoft recommends');
      expect(messages(judgment, 'error')).toEqual([]);
    }
  });

  it.each([
    ['real systeminfo', fixtureSection(evaluationAndClient, 'A')],
    [
      'an edition id ending in Eval',
      'WindowsEditionId : ServerDatacenterEval\nOsBuildNumber : 20348',
    ],
  ])(
    'warns about an evaluation edition in %s, naming the DISM check and conversion',
    (_case, text) => {
      const judgment = evaluateCheckpoint('target-os', [item(text)], december);

      expect(judgment.status).toBe('warn');
      expect(messages(judgment, 'warning').join('\n')).toMatch(
        /evaluation edition.*Windows licensing service \(WLMS\) shuts the server down every hour/,
      );
      expect(remediations(judgment)).toContain('DISM /online /Get-CurrentEdition');
      expect(remediations(judgment)).toContain('DISM /online /Set-Edition:');
    },
  );

  it.each([
    [
      'the real systeminfo of Windows 11 24H2 (build 26100)',
      fixtureSection(evaluationAndClient, 'B'),
    ],
    [
      'a client Windows',
      'OS Name: Microsoft Windows 11 Pro\nOS Version: 10.0.22631 N/A Build 22631',
    ],
    ['ProductType 1 on build 17763', win32Os('', 17763, 1).replace(/^Caption.*\n/, '')],
    [
      'Get-ComputerInfo of a client on build 26100',
      'WindowsInstallationType : Client\nOsBuildNumber : 26100',
    ],
    [
      'Server Core',
      'WindowsProductName : Windows Server 2022 Standard\nWindowsInstallationType : Server Core\nOsBuildNumber : 20348',
    ],
    [
      'Essentials 2016',
      'OS Name: Microsoft Windows Server 2016 Essentials\nOS Version: 10.0.14393 N/A Build 14393',
    ],
  ])('fails %s', (_case, text) => {
    const judgment = evaluateCheckpoint('target-os', [item(text)], december);

    expect(judgment.status).toBe('fail');
    expect(judgment.facts['new.osRelease']).not.toBe('Windows Server 2025');
  });

  it.each([
    [
      'Windows 8 / Server 2012',
      'Microsoft Windows NT 6.2.9200.0',
      'Windows Server 2012 and Windows 8',
    ],
    [
      'Windows 8.1 / Server 2012 R2',
      'Microsoft Windows NT 6.3.9600.0',
      'Windows Server 2012 R2 and Windows 8.1',
    ],
    [
      'Windows 10 1607 / Server 2016',
      '10.0.14393',
      'Windows Server 2016 and Windows 10 version 1607',
    ],
    [
      'Windows 10 1809 / Server 2019',
      'BuildNumber : 17763',
      'Windows Server 2019 and Windows 10 version 1809',
    ],
    [
      'Windows 11 24H2 / Server 2025',
      'Platform ServicePack Version      VersionString\n-------- ----------- -------      -------------\n Win32NT             10.0.26100.0 Microsoft Windows NT 10.0.26100.0',
      'Windows Server 2025 and Windows 11 version 24H2',
    ],
  ])(
    'is unknown for a bare build shared by %s, asking for the ProductType',
    (_case, text, both) => {
      const judgment = evaluateCheckpoint('target-os', [item(text)], december);

      expect(judgment.status).toBe('unknown');
      expect(messages(judgment, 'warning').join('\n')).toContain(`is both ${both}`);
      expect(remediations(judgment)).toContain(
        'Get-CimInstance Win32_OperatingSystem | Select-Object Caption, Version, BuildNumber, ProductType',
      );
      expect(judgment.facts).toEqual({});
    },
  );

  it('warns against cloning the old server in every judged outcome', () => {
    for (const text of [
      win32Os('Microsoft Windows Server 2025 Standard', 26100),
      fixtureSection(evaluationAndClient, 'B'),
    ]) {
      const judgment = evaluateCheckpoint('target-os', [item(text)], december);

      expect(messages(judgment, 'info').join('\n')).toContain('SyncMachineIdentifier');
    }
  });

  it('is unknown when the paste shows two systems', () => {
    expect(evaluateCheckpoint('target-os', [item(systeminfo)], today).status).toBe('unknown');
  });
});

describe('tls12', () => {
  it('fails the real not-configured output, naming each of the eight values with its fix', () => {
    const judgment = evaluateCheckpoint('tls12', [item(fixtureSection(tls, 'A'))], today);

    expect(judgment.status).toBe('fail');
    expect(messages(judgment, 'error')).toHaveLength(8);
    for (const setting of tls12Settings) {
      expect(remediations(judgment)).toContain(
        `-Name '${setting.name}' -Value '${setting.expected}'`,
      );
    }
    expect(judgment.facts).toEqual({ 'new.tls12Enforced': false });
  });

  it.each([
    ['the real configured output', fixtureSection(tls, 'B')],
    ['the configured output with its line breaks lost', flattened(fixtureSection(tls, 'B'))],
    ['both real outputs (the last one counts)', tls],
  ])('passes %s', (_case, text) => {
    const judgment = evaluateCheckpoint('tls12', [item(text)], today);

    expect(judgment.status).toBe('pass');
    expect(judgment.facts).toEqual({ 'new.tls12Enforced': true });
  });

  it('names only the value that is wrong', () => {
    const lines = fixtureSection(tls, 'B').split('\n');
    const serverDisabled = lines.findIndex((line) => line.includes('Server DisabledByDefault'));
    lines[serverDisabled] = (lines[serverDisabled] ?? '').replace(/0$/, '1');
    const judgment = evaluateCheckpoint('tls12', [item(lines.join('\n'))], today);

    expect(messages(judgment, 'error')).toEqual([
      'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Server\\DisabledByDefault is 1; it must be 0.',
    ]);
  });

  it('always notes that 2.4.131.0 and later no longer enforce TLS 1.2 at install', () => {
    const judgment = evaluateCheckpoint('tls12', [item(fixtureSection(tls, 'B'))], today);

    expect(messages(judgment, 'info').join('\n')).toContain(
      '2.4.131.0 and later no longer enforce it',
    );
  });

  it('is unknown when rows are missing and none is wrong', () => {
    const firstRows = fixtureSection(tls, 'B').split('\n').slice(0, 10).join('\n');

    expect(evaluateCheckpoint('tls12', [item(firstRows)], today).status).toBe('unknown');
  });
});

describe('target-install', () => {
  const newSettings = (version: string, staging = 'True') =>
    item(
      globalSettingsWith({
        'Microsoft.Synchronize.ServerConfigurationVersion': version,
        'Microsoft.Synchronize.StagingMode': staging,
      }),
    );
  const credentials = syntheticFixture(syntheticFixtureNames.entraConnectorCredential);
  const application = item(fixtureSection(credentials, 'A'));
  const serviceAccount = item(fixtureSection(credentials, 'B'));

  it.each([
    ['a current version in staging mode', [newSettings('2.6.92.0'), application], 'pass'],
    [
      'version text plus a staging scheduler',
      [item('2.6.92.0'), stagingScheduler, application],
      'pass',
    ],
    ['a version newer than any known', [newSettings('2.7.5.0'), application], 'pass'],
    ['2.5.79.0 after its end of support', [newSettings('2.5.79.0'), application], 'warn'],
    ['a version below 2.5.79.0', [newSettings('2.5.76.0'), application], 'fail'],
    ['the recalled 2.6.79.0', [newSettings('2.6.79.0'), application], 'fail'],
    ['a V1 version', [newSettings('1.6.16.0'), application], 'fail'],
    ['an active new server', [newSettings('2.6.92.0', 'False'), application], 'fail'],
    ['no Get-ADSyncEntraConnectorCredential output', [newSettings('2.6.92.0')], 'warn'],
    ['a connector on the service account', [newSettings('2.6.92.0'), serviceAccount], 'warn'],
  ])('judges %s', (_case, items, status) => {
    expect(evaluateCheckpoint('target-install', items, today).status).toBe(status);
  });

  it.each([
    // Learn (prerequisites banner): 2.6.84.0 or later with application-based authentication by 7 April 2027.
    ['2.6.3.0', '2026-12-07', 'warn'],
    ['2.6.3.0', '2027-01-13', 'warn'],
    ['2.6.3.0', '2027-04-07', 'warn'],
    ['2.6.3.0', '2027-04-08', 'fail'],
    ['2.6.84.0', '2026-12-07', 'pass'],
    ['2.6.84.0', '2027-04-08', 'pass'],
    ['2.6.92.0', '2027-04-08', 'pass'],
  ])('judges a new server on %s on %s as %s', (version, day, status) => {
    const judgment = evaluateCheckpoint(
      'target-install',
      [newSettings(version), application],
      on(day),
    );

    expect(judgment.status).toBe(status);
  });

  it('names both dates and the version to install for a new server below 2.6.84.0', () => {
    const before = evaluateCheckpoint(
      'target-install',
      [newSettings('2.6.3.0'), application],
      on('2026-12-07'),
    );
    const after = evaluateCheckpoint(
      'target-install',
      [newSettings('2.6.3.0'), application],
      on('2027-04-08'),
    );

    expect(messages(before, 'warning')).toContain(
      '2.6.3.0 meets the 2.5.79.0 minimum (enforced from 30 September 2026), but Learn requires 2.6.84.0 or later with application-based authentication by 7 April 2027: after that date synchronization services stop on a server that does not meet both.',
    );
    expect(remediations(before)).toContain('Install 2.6.92.0 or later');
    expect(messages(after, 'error').join('\n')).toContain(
      '2.6.3.0 is below 2.6.84.0, which Learn required with application-based authentication by 7 April 2027',
    );
  });

  it('notes application-based authentication and records the connector identity', () => {
    const judgment = evaluateCheckpoint(
      'target-install',
      [newSettings('2.6.92.0'), item(fixtureSection(credentials, 'C'))],
      today,
    );

    expect(messages(judgment, 'info')).toContain(
      'The Microsoft Entra connector uses application-based authentication (ConnectorIdentityType Application).',
    );
    expect(judgment.facts['new.connectorIdentityType']).toBe('Application');
  });

  it.each([
    ['2026-12-07', 'warn', 'warning', 'after 7 April 2027'],
    ['2027-04-08', 'fail', 'error', 'since 7 April 2027'],
  ] as const)(
    'on %s judges a connector on the service account %s, pointing to the Manual switch',
    (day, status, severity, when) => {
      const judgment = evaluateCheckpoint(
        'target-install',
        [newSettings('2.6.92.0'), serviceAccount],
        on(day),
      );

      expect(judgment.status).toBe(status);
      expect(messages(judgment, severity).join('\n')).toContain(
        `ConnectorIdentityType ServiceAccount): legacy authentication is being retired, and ${when} synchronization services stop`,
      );
      expect(remediations(judgment)).toContain('Manual section');
      expect(remediations(judgment)).toContain('authenticate-application-id');
    },
  );

  it('asks for Get-ADSyncEntraConnectorCredential when it was not sent', () => {
    const judgment = evaluateCheckpoint('target-install', [newSettings('2.6.92.0')], today);

    expect(messages(judgment, 'warning').join('\n')).toContain(
      'No Get-ADSyncEntraConnectorCredential output was found',
    );
    expect(remediations(judgment)).toContain('Run Get-ADSyncEntraConnectorCredential');
  });

  it('asks again for an undocumented ConnectorIdentityType', () => {
    const judgment = evaluateCheckpoint(
      'target-install',
      [newSettings('2.6.92.0'), item('ConnectorIdentityType : Certificate')],
      today,
    );

    expect(judgment.status).toBe('warn');
    expect(messages(judgment, 'warning').join('\n')).toContain(
      'ConnectorIdentityType could not be read',
    );
  });

  it('names the newer release to install for a retired version', () => {
    const judgment = evaluateCheckpoint('target-install', [newSettings('2.5.79.0')], today);

    expect(messages(judgment, 'warning').join('\n')).toContain(
      '2.5.79.0 retired on 23 October 2026',
    );
    expect(remediations(judgment)).toContain('Install 2.6.92.0 or later');
  });

  it('fails loudly with the rogue-server warning when the new server is active', () => {
    const judgment = evaluateCheckpoint(
      'target-install',
      [item('2.6.92.0'), activeScheduler],
      today,
    );

    expect(messages(judgment, 'error').join('\n')).toMatch(/TWO ACTIVE SERVERS RISK.*rogue/);
    expect(remediations(judgment)).toContain('tick Enable staging mode');
  });

  it('warns where the new server does not reproduce the old one, and fails a different sourceAnchor', () => {
    const recorded = on('2026-11-21', {
      'old.signInMethod': 'phs',
      'old.feature.exchangeHybrid': true,
      'old.anchorAttribute': 'mS-DS-ConsistencyGuid',
    });
    const judgment = evaluateCheckpoint('target-install', [newSettings('2.6.92.0')], recorded);

    expect(judgment.status).toBe('fail');
    expect(messages(judgment, 'warning')).toContain(
      'User sign-in method is Do not configure on the new server but Password hash synchronization on the old one.',
    );
    expect(messages(judgment, 'error').join('\n')).toContain('sourceAnchor attribute differs');
  });

  it('is unknown without staging mode, naming Get-ADSyncScheduler', () => {
    const judgment = evaluateCheckpoint('target-install', [item('2.6.92.0')], today);

    expect(judgment.status).toBe('unknown');
    expect(remediations(judgment)).toContain('Get-ADSyncScheduler');
  });

  it('records the new server facts', () => {
    const judgment = evaluateCheckpoint(
      'target-install',
      [item('2.6.92.0'), item(schedulerWith({ SyncCycleEnabled: 'False' }))],
      today,
    );

    expect(judgment.facts).toMatchObject({
      'new.version': '2.6.92.0',
      'new.stagingModeEnabled': true,
      'new.syncCycleEnabled': false,
    });
  });
});
