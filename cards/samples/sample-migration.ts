import { migrationStatusSchema, type MigrationStatus } from '../../migration/migration-status';
import { oldServerCutoffOf, type OldServerCutoff } from '../../migration/old-server-cutoff';
import type { MigrationServers } from '../card-parts';

/** One realistic migration the samples share: Contoso moves from AADC01 to AADC-NEW01. */
export const sampleMigrationId = 'mig-20261012-contoso-7f3a9c';
export const sampleServers: MigrationServers = {
  oldServer: 'AADC01',
  newServer: 'AADC-NEW01.contoso.com',
};
export const sampleTimeZone = 'Europe/Berlin';
export const sampleOwner = 'Megan Bowen';
export const sampleApprovers = ['Lee Gu', 'Adele Vance'] as const;

function cutoffOf(version: string, today: string): OldServerCutoff {
  const cutoff = oldServerCutoffOf({ 'old.version': version }, today);
  if (cutoff === null) throw new Error(`No cutoff applies to ${version} on ${today}`);
  return cutoff;
}

/** The old server of the real fixture 02a (2.2.1.0) in November 2026: below both cutoffs. */
export const sampleOldServerCutoff = cutoffOf('2.2.1.0', '2026-11-23');

/** Evidence text that tries every trick: a markdown link, HTML, emphasis and template expressions. */
export const hostileText =
  'Sync failed: see [approve here](https://evil.example/approve) <img src=x onerror=alert(1)> **URGENT** ${$root.migrationId} {{DATE(2026-01-01T00:00:00Z)}} _MSOL_ab12_';

/** The status summary mid-build: TLS 1.2 evidence is awaited from the owner. */
// Parsed, so the sample follows the summary's shape as it grows.
export const sampleStatus: MigrationStatus = migrationStatusSchema.parse({
  migrationId: sampleMigrationId,
  tenantId: 'b2f1c0de-4a5b-4c6d-9e8f-0a1b2c3d4e5f',
  phase: 'build',
  checkpoint: 'tls12',
  awaiting: 'evidence',
  awaitingWho: [sampleOwner],
  nextReminderAt: '2026-10-15T07:00:00Z',
  remindersSent: 1,
  completedCheckpoints: [
    'source-version',
    'source-settings',
    'sign-in-settings',
    'config-export',
    'target-os',
  ],
  oldServer: sampleServers.oldServer,
  newServer: sampleServers.newServer,
  ownerName: sampleOwner,
  timeZone: sampleTimeZone,
  startedAt: '2026-10-12T08:14:00Z',
  updatedAt: '2026-10-14T13:42:00Z',
  phaseInstanceId: `${sampleMigrationId}:build`,
  paused: false,
  outcome: 'running',
  decisionId: null,
  lastJudgment: { checkpoint: 'target-os', status: 'pass', at: '2026-10-13T15:20:00Z' },
  monitoring: null,
  approval: null,
  decommissionConfirmed: [],
});

/** A Graph check five and a half hours after the last sync: stale. */
export const staleCloudSync = {
  lastSyncAt: '2026-10-25T01:30:00Z',
  checkedAt: '2026-10-25T07:00:00Z',
  maxAgeMinutes: 90,
};
