import { absentEvidence, parsedEvidence, type EvidenceParse } from './evidence-parse';
import { readListRecords } from './format-list';
import { normalizePastedText } from './pasted-text';

/** The password hash sync state of one directory partition, as the server reports it. */
export interface PartitionPasswordSync {
  /** The partition's distinguished name (`DC=contoso,DC=com`). */
  partition?: string;
  /** PasswordSyncLastCycleStatus as printed: `Successful`, or another status. */
  lastCycleStatus?: string;
  /** When the last successful cycle ended, as printed. */
  lastSuccessfulCycleEnd?: string;
}

/** What `Get-ADSyncPartitionPasswordSyncState` printed: one record per partition of each AD connector. */
export interface PasswordSyncState {
  partitions: readonly PartitionPasswordSync[];
}

const fields = [
  'ConnectorId',
  'DN',
  'PasswordSyncLastSuccessfulCycleStartTimestamp',
  'PasswordSyncLastSuccessfulCycleEndTimestamp',
  'PasswordSyncLastCycleStartTimestamp',
  'PasswordSyncLastCycleEndTimestamp',
  'PasswordSyncLastCycleStatus',
] as const;

/**
 * Reads `Get-ADSyncPartitionPasswordSyncState`: on the server that runs password hash sync, each
 * partition's last cycle and its status. A staging server runs none (Learn:
 * how-to-connect-sync-staging-server), so this shows whether the new active server took it over.
 */
export function parsePasswordSyncState(text: string): EvidenceParse<PasswordSyncState> {
  const partitions = readListRecords(normalizePastedText(text), fields)
    .filter((record) => record.has('PasswordSyncLastCycleStatus'))
    .map((record) => {
      const partition: PartitionPasswordSync = {};
      const dn = record.get('DN');
      const status = record.get('PasswordSyncLastCycleStatus')?.split(/\s+/)[0];
      const end = record.get('PasswordSyncLastSuccessfulCycleEndTimestamp');
      if (dn !== undefined && dn !== '') partition.partition = dn;
      if (status !== undefined && status !== '') partition.lastCycleStatus = status;
      if (end !== undefined && end !== '') partition.lastSuccessfulCycleEnd = end;
      return partition;
    });
  if (partitions.length === 0) {
    return absentEvidence(
      'No Get-ADSyncPartitionPasswordSyncState output (PasswordSyncLastCycleStatus) was found.',
    );
  }
  const missing = partitions.some((p) => p.lastCycleStatus === undefined)
    ? ['PasswordSyncLastCycleStatus']
    : [];
  return parsedEvidence({ partitions }, missing);
}
