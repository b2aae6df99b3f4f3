import { describe, expect, it } from 'vitest';
import {
  cloudSyncSources,
  decideCloudSyncFit,
  simpleTenantFeatures,
  type CloudSyncFeatures,
} from '../../migration/cloud-sync-fit';

// The rules follow docs/reference/cloud-sync-comparison.md (Learn's decision guide, 6 October 2026).

function tenant(changes: Partial<CloudSyncFeatures>): CloudSyncFeatures {
  return { ...simpleTenantFeatures, ...changes };
}

describe('decideCloudSyncFit', () => {
  it('advises Cloud Sync for one forest with password hash sync, nothing written back and no custom rules', () => {
    const fit = decideCloudSyncFit(simpleTenantFeatures);

    expect(fit.verdict).toBe('fits');
    expect(fit.guidance).toContain('The V2 migration is not needed.');
    expect(fit.fine.map((judgment) => judgment.feature)).toEqual([
      'signInMethod',
      'passwordHashSync',
      'forests',
    ]);
  });

  it.each<[string, Partial<CloudSyncFeatures>, string, string]>([
    ['device writeback', { deviceWriteback: true }, 'Device writeback', 'Cloud Kerberos Trust'],
    ['custom sync rules', { customSyncRules: true }, 'Custom sync rules', 'expression builder'],
    [
      'writeback of Microsoft 365 groups',
      { groupWriteback: 'microsoft-365-groups' },
      'Group writeback of Microsoft 365 groups',
      'Group Writeback v1',
    ],
    [
      'attribute-based filtering',
      { filtering: 'attribute' },
      'Attribute-based filtering',
      'Limited',
    ],
    [
      'attributes merged across forests',
      { mergedAttributesAcrossForests: true },
      'User attributes merged across forests',
      'cannot merge attributes',
    ],
    [
      'a domain over 150,000 objects',
      { domainOver150kObjects: true },
      'A domain with more than 150,000 objects',
      'up to 150,000 objects per domain',
    ],
    [
      'a group over 50,000 members',
      { groupOver50kMembers: true },
      'A group with more than 50,000 members',
      '50,000 members',
    ],
  ])('rules Cloud Sync out for %s, naming it with its reason', (_name, changes, label, reason) => {
    const fit = decideCloudSyncFit(tenant(changes));

    expect(fit.verdict).toBe('does-not-fit');
    if (fit.verdict !== 'does-not-fit') return;
    expect(fit.blocking).toHaveLength(1);
    expect(fit.blocking[0]?.label).toBe(label);
    expect(fit.blocking[0]?.reason).toContain(reason);
    expect(fit.guidance).toContain('continue with the V2 migration');
  });

  it.each<[string, Partial<CloudSyncFeatures>, string]>([
    ['pass-through authentication', { signInMethod: 'pta' }, 'managed separately'],
    [
      'federation with AD FS',
      { signInMethod: 'adfs' },
      'Federation configuration requires separate tools',
    ],
    ['federation with PingFederate', { signInMethod: 'pingfederate' }, 'separate tools'],
    ['password writeback', { passwordWriteback: true }, 'SSPR writeback'],
    ['Exchange hybrid', { exchangeHybrid: true }, 'Exchange hybrid scenarios'],
    ['directory extensions', { directoryExtensions: true }, 'Directory Extensions (1-15)'],
    [
      'cloud security group writeback',
      { groupWriteback: 'security-groups' },
      'Group Provisioning to AD',
    ],
    ['hybrid joined devices', { hybridJoinDevices: true }, 'device sync is off by default'],
    ['OU filtering', { filtering: 'ou' }, 'organizational unit scoping'],
    ['several connected forests', { forests: 'connected' }, 'multiple connected forest'],
    [
      'disconnected forests',
      { forests: 'disconnected' },
      'Cloud Sync supports disconnected forests',
    ],
  ])('still fits with %s, saying what to do about it', (_name, changes, reason) => {
    const fit = decideCloudSyncFit(tenant(changes));

    expect(fit.verdict).toBe('fits');
    expect(fit.fine.map((judgment) => judgment.reason).join(' ')).toContain(reason);
  });

  it('names every blocking feature and keeps the fine ones apart', () => {
    const fit = decideCloudSyncFit(
      tenant({ deviceWriteback: true, customSyncRules: true, exchangeHybrid: true }),
    );

    expect(fit.verdict).toBe('does-not-fit');
    if (fit.verdict !== 'does-not-fit') return;
    expect(fit.blocking.map((judgment) => judgment.feature)).toEqual([
      'deviceWriteback',
      'customSyncRules',
    ]);
    expect(fit.fine.map((judgment) => judgment.feature)).toContain('exchangeHybrid');
  });

  it('leaves out what is not used', () => {
    const fit = decideCloudSyncFit(tenant({ signInMethod: 'none', passwordHashSync: false }));

    expect(fit.fine.map((judgment) => judgment.feature)).toEqual(['forests']);
  });

  it('gives every judgment a Learn page', () => {
    const fit = decideCloudSyncFit({
      signInMethod: 'pta',
      passwordHashSync: true,
      passwordWriteback: true,
      exchangeHybrid: true,
      directoryExtensions: true,
      groupWriteback: 'microsoft-365-groups',
      deviceWriteback: true,
      hybridJoinDevices: true,
      customSyncRules: true,
      filtering: 'attribute',
      forests: 'disconnected',
      mergedAttributesAcrossForests: true,
      domainOver150kObjects: true,
      groupOver50kMembers: true,
    });
    const all = fit.verdict === 'fits' ? fit.fine : [...fit.blocking, ...fit.fine];

    expect(all).toHaveLength(14);
    const pages: readonly string[] = Object.values(cloudSyncSources).map((source) => source.url);
    for (const judgment of all) {
      expect(pages).toContain(judgment.source.url);
      expect(judgment.source.url).toMatch(/^https:\/\/learn\.microsoft\.com\/entra\//);
    }
  });
});
