/**
 * Cloud sync freshness during monitoring: Microsoft Entra ID's `onPremisesLastSyncDateTime` against
 * the time of the check. The default sync cycle runs every 30 minutes (Learn: Microsoft Entra Connect
 * Sync scheduler), so a few cycles without a sync means the new active server stopped exporting.
 */
export const syncStaleAfterMinutes = 90;

/** What one freshness reading says. */
export type SyncFreshness =
  | { readonly state: 'fresh'; readonly ageMinutes: number }
  | { readonly state: 'stale'; readonly ageMinutes: number }
  /** The tenant reports no sync from on-premises at all: never fresh. */
  | { readonly state: 'never-synced' }
  /** A time that does not parse: says nothing either way. */
  | { readonly state: 'unreadable' };

/**
 * Judges a reading. A sync a little after the check (clock skew between Graph and us) is fresh, with
 * an age of zero.
 */
export function syncFreshness(
  lastSyncAt: string | null,
  checkedAt: string,
  maxAgeMinutes: number = syncStaleAfterMinutes,
): SyncFreshness {
  if (lastSyncAt === null) return { state: 'never-synced' };
  const elapsed = Date.parse(checkedAt) - Date.parse(lastSyncAt);
  if (Number.isNaN(elapsed)) return { state: 'unreadable' };
  const ageMinutes = Math.max(0, elapsed / 60_000);
  return { state: ageMinutes <= maxAgeMinutes ? 'fresh' : 'stale', ageMinutes };
}
