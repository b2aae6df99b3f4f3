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

const today = on('2026-11-21');
const systeminfo = realFixture(realFixtureNames.systeminfo);
const tls = realFixture(realFixtureNames.tls12Check);
const stagingScheduler = item(realFixture(realFixtureNames.schedulerStagingOn));
const activeScheduler = item(realFixture(realFixtureNames.schedulerStagingOff));

describe('target-os', () => {
  it.each([
    [
      'real systeminfo of Server 2016',
      fixtureSection(systeminfo, 'A'),
      'pass',
      'Windows Server 2016',
    ],
    [
      'real systeminfo of Server 2022',
      fixtureSection(systeminfo, 'B'),
      'pass',
      'Windows Server 2022',
    ],
    [
      'Server 2019 by Win32_OperatingSystem',
      'Caption : Microsoft Windows Server 2019 Datacenter\nVersion : 10.0.17763\nBuildNumber : 17763',
      'pass',
      'Windows Server 2019',
    ],
    [
      'Server 2012 R2',
      'Caption : Microsoft Windows Server 2012 R2 Standard\nBuildNumber : 9600',
      'fail',
      'Windows Server 2012 R2',
    ],
    ['Server 2012', 'Microsoft Windows NT 6.2.9200.0', 'fail', 'Windows Server 2012'],
    [
      'Server 2025',
      'OS Name: Microsoft Windows Server 2025 Datacenter\nOS Version: 10.0.26100 N/A Build 26100',
      'fail',
      'Windows Server 2025',
    ],
  ])('judges %s', (_case, text, status, release) => {
    const judgment = evaluateCheckpoint('target-os', [item(text)], today);

    expect(judgment.status).toBe(status);
    expect(judgment.facts['new.osRelease']).toBe(release);
  });

  it('gives the reason a release fails', () => {
    const judgment = evaluateCheckpoint(
      'target-os',
      [item('Build 26100 Windows Server 2025')],
      today,
    );

    expect(messages(judgment, 'error').join('\n')).toContain(
      'Windows Server 2025 is not supported',
    );
    expect(remediations(judgment)).toContain('Windows Server 2022');
  });

  it.each([
    [
      'a client Windows',
      'OS Name: Microsoft Windows 11 Pro\nOS Version: 10.0.22631 N/A Build 22631',
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
    expect(evaluateCheckpoint('target-os', [item(text)], today).status).toBe('fail');
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

  it.each([
    ['a current version in staging mode', [newSettings('2.6.92.0')], 'pass'],
    ['version text plus a staging scheduler', [item('2.6.92.0'), stagingScheduler], 'pass'],
    ['a version newer than any known', [newSettings('2.7.5.0')], 'pass'],
    ['2.5.79.0 after its end of support', [newSettings('2.5.79.0')], 'warn'],
    ['a version below 2.5.79.0', [newSettings('2.5.76.0')], 'fail'],
    ['the recalled 2.6.79.0', [newSettings('2.6.79.0')], 'fail'],
    ['a V1 version', [newSettings('1.6.16.0')], 'fail'],
    ['an active new server', [newSettings('2.6.92.0', 'False')], 'fail'],
  ])('judges %s', (_case, items, status) => {
    expect(evaluateCheckpoint('target-install', items, today).status).toBe(status);
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
