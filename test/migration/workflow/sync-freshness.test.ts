import { describe, expect, it } from 'vitest';
import { syncFreshness, syncStaleAfterMinutes } from '../../../migration/workflow/sync-freshness';

describe('syncFreshness', () => {
  it('calls a sync stale after three default cycles', () => {
    expect(syncStaleAfterMinutes).toBe(90);
  });

  it.each([
    ['30 minutes old', '2026-10-25T01:30:00Z', { state: 'fresh', ageMinutes: 30 }],
    ['exactly 90 minutes old', '2026-10-25T00:30:00Z', { state: 'fresh', ageMinutes: 90 }],
    ['a second over', '2026-10-25T00:29:59Z', { state: 'stale' }],
    ['after the check (clock skew)', '2026-10-25T02:01:00Z', { state: 'fresh', ageMinutes: 0 }],
    ['no sync at all', null, { state: 'never-synced' }],
    ['not a time', 'not a time', { state: 'unreadable' }],
  ])('%s', (_name, lastSyncAt, expected) => {
    expect(syncFreshness(lastSyncAt, '2026-10-25T02:00:00Z')).toMatchObject(expected);
  });

  it('takes another threshold', () => {
    expect(syncFreshness('2026-10-25T01:00:00Z', '2026-10-25T02:00:00Z', 30).state).toBe('stale');
  });
});
