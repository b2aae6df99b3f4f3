import { describe, expect, it } from 'vitest';
import { cloudSyncPrefillOf } from '../../migration/cloud-sync-prefill';

describe('cloudSyncPrefillOf', () => {
  it('takes the old server’s sign-in method and optional features, the sign-in answers winning', () => {
    const prefill = cloudSyncPrefillOf({
      'old.signInMethod': 'phs',
      'old.feature.deviceWriteback': false,
      'old.feature.exchangeHybrid': true,
      'signIn.signInMethod': 'pta',
      'signIn.feature.deviceWriteback': true,
      'signIn.feature.groupWriteback': true,
    });

    expect(prefill.features).toEqual({
      signInMethod: 'pta',
      exchangeHybrid: true,
      deviceWriteback: true,
      groupWriteback: 'microsoft-365-groups',
    });
    expect(prefill.taken).toEqual([
      'sign-in method',
      'Exchange hybrid on',
      'device writeback on',
      'group writeback on',
    ]);
  });

  it('reads custom rules and forests from the configuration export summary', () => {
    const prefill = cloudSyncPrefillOf({ customRuleCount: 3, directoryCount: 2 });

    expect(prefill.features).toEqual({ customSyncRules: true, forests: 'connected' });
    expect(prefill.taken).toEqual(['3 custom sync rules in the export', '2 forests']);
  });

  it('says no custom rules and one forest when the export shows none', () => {
    expect(cloudSyncPrefillOf({ customRuleCount: 0, directoryCount: 1 }).features).toEqual({
      customSyncRules: false,
      forests: 'single',
    });
  });

  it('fills in nothing when nothing was recorded', () => {
    expect(cloudSyncPrefillOf({ 'new.version': '2.5.79.0' })).toEqual({ features: {}, taken: [] });
  });
});
