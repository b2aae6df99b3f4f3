import { describe, expect, it } from 'vitest';
import { evaluateCheckpoint } from '../../../migration/evaluate-checkpoint';
import { parseOsIdentity } from '../../../migration/evidence/os-identity';
import { factKey, factNames } from '../../../migration/checkpoints/recorded-facts';
import { osSupportOf, windowsServerReleases } from '../../../migration/os-policy';
import { item, messages, on } from '../support/evidence-builders';
import { fixtureSection, realFixture } from '../support/real-fixtures';

const december = on('2026-12-07');
/** Get-CimInstance Win32_OperatingSystem | Select-Object Caption, Version, BuildNumber, ProductType as a list. */
const win32Os = (caption: string, build: number, productType = 3): string =>
  `Caption     : ${caption}\nVersion     : 10.0.${build}\nBuildNumber : ${build}\nProductType : ${productType}`;

describe('target-os: the product name settles what a build number cannot', () => {
  it.each([
    [
      'Hyper-V Server 2019 (build 17763, as Windows Server 2019)',
      win32Os('Microsoft Hyper-V Server 2019', 17763),
    ],
    [
      'Hyper-V Server 2016 (build 14393, as Windows Server 2016)',
      win32Os('Microsoft Hyper-V Server 2016', 14393),
    ],
    [
      'Azure Stack HCI 21H2 (build 20348, as Windows Server 2022)',
      win32Os('Microsoft Azure Stack HCI', 20348),
    ],
    ['Azure Local (build 26100, as Windows Server 2025)', win32Os('Microsoft Azure Local', 26100)],
  ])('fails %s: a virtualization host edition is no Windows Server', (_case, text) => {
    const judgment = evaluateCheckpoint('target-os', [item(text)], december);

    expect(judgment.status).toBe('fail');
    expect(messages(judgment, 'error').join(' ')).toContain('virtualization host edition');
    expect(Object.keys(judgment.facts)).not.toContain(factKey('new', factNames.osRelease));
  });

  it.each([
    [
      'Windows 10 Enterprise LTSC 2019 (build 17763)',
      win32Os('Microsoft Windows 10 Enterprise LTSC 2019', 17763, 1),
    ],
    [
      'Windows 11 IoT Enterprise LTSC 2024 (build 26100)',
      win32Os('Microsoft Windows 11 IoT Enterprise LTSC 2024', 26100, 1),
    ],
    [
      'Windows 10 Enterprise LTSC 2021 without a ProductType',
      'OS Name: Microsoft Windows 10 Enterprise LTSC\nOS Version: 10.0.19044 N/A Build 19044',
    ],
  ])('fails %s: a client Windows, long-term servicing or not', (_case, text) => {
    const judgment = evaluateCheckpoint('target-os', [item(text)], december);

    expect(judgment.status).toBe('fail');
    expect(messages(judgment, 'error').join(' ')).toContain('is not Windows Server');
  });

  it('reads a real Azure Stack HCI output whose name Format-List wrapped, whole', () => {
    const text = fixtureSection(realFixture('outputs-08-os-azure-stack-hci.txt'), 'A');
    const parsed = parseOsIdentity(text);

    expect(parsed.status === 'parsed' && parsed.value).toMatchObject({
      name: 'Microsoft Azure Stack HCI',
      family: 'host',
    });
    expect(evaluateCheckpoint('target-os', [item(text)], december).status).toBe('fail');
  });

  it('reads a real Azure Stack HCI image (edition ServerAzureStackHCICor) as a host edition', () => {
    const text = fixtureSection(realFixture('outputs-08-os-azure-stack-hci.txt'), 'B');

    expect(evaluateCheckpoint('target-os', [item(text)], december).status).toBe('fail');
  });

  it('fails Server Core read from the edition id when no installation type is printed', () => {
    const text =
      'WindowsProductName : Windows Server 2022 Datacenter\nWindowsEditionId   : ServerDatacenterCor\nOsBuildNumber      : 20348';
    const judgment = evaluateCheckpoint('target-os', [item(text)], december);

    expect(judgment.status).toBe('fail');
    expect(messages(judgment, 'error').join(' ')).toContain('Server Core');
  });

  it('keeps an edition name whole: never cut inside its brackets, never with a bracket it does not open', () => {
    const names = [
      'OS Name:                   Microsoft Windows Server 2022 Datacenter (Desktop Experience)',
      'Le wizard refuse de démarrer même sur un OS (Windows Server 2019) qui supporte TLS 1.2',
      'Caption : Microsoft Windows Server 2019 Datacenter (Desktop\n          Experience)',
    ].map((text) => {
      const parsed = parseOsIdentity(text);
      return parsed.status === 'parsed' ? parsed.value.name : undefined;
    });

    expect(names).toEqual([
      'Microsoft Windows Server 2022 Datacenter (Desktop Experience)',
      'Windows Server 2019',
      'Microsoft Windows Server 2019 Datacenter',
    ]);
  });
});

describe('target-os: a server in a workgroup', () => {
  it('fails the real systeminfo of a workgroup machine (Domain: WORKGROUP)', () => {
    const text = realFixture('outputs-07-os-systeminfo-workgroup.txt');
    const judgment = evaluateCheckpoint('target-os', [item(text)], december);

    expect(judgment.status).toBe('fail');
    expect(messages(judgment, 'error').join(' ')).toContain(
      'not joined to a domain (Domain: WORKGROUP)',
    );
  });

  it.each([
    [
      'Get-ComputerInfo',
      'WindowsProductName : Windows Server 2022 Standard\nOsBuildNumber : 20348\nCsDomain : WORKGROUP\nCsPartOfDomain : False',
    ],
    [
      'Win32_ComputerSystem beside Win32_OperatingSystem',
      `${win32Os('Microsoft Windows Server 2022 Standard', 20348)}\n\nDomain       : LAB\nPartOfDomain : False`,
    ],
  ])('fails a Windows Server 2022 that %s says is in a workgroup', (_case, text) => {
    const judgment = evaluateCheckpoint('target-os', [item(text)], december);

    expect(judgment.status).toBe('fail');
    expect(messages(judgment, 'error').join(' ')).toContain('not joined to a domain');
  });

  it('passes the same server joined to a domain', () => {
    const text =
      'WindowsProductName : Windows Server 2022 Standard\nOsBuildNumber : 20348\nCsDomain : contoso.com\nCsPartOfDomain : True';

    expect(evaluateCheckpoint('target-os', [item(text)], december).status).toBe('pass');
  });
});

describe('target-os: texts never contradict the policy', () => {
  it('never lists a release the policy rejects as one Entra Connect runs on', () => {
    const judgment = evaluateCheckpoint(
      'target-os',
      [item(win32Os('Windows Server', 19045))],
      december,
    );
    const said = messages(judgment, 'error').join(' ');

    for (const release of windowsServerReleases) {
      const supported = osSupportOf(release.name, december.today).kind !== 'unsupported';
      const listed = said.includes(`${release.name} (build ${String(release.build)})`);
      expect(listed, release.name).toBe(supported);
    }
  });
});
