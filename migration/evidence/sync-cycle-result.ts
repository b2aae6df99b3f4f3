import { absentEvidence, parsedEvidence, type EvidenceParse } from './evidence-parse';
import { normalizePastedText } from './pasted-text';
import { withoutRunRecords } from './run-profile-result';

/**
 * How `Start-ADSyncSyncCycle` answered. `success` means the cycle was started, not that it finished.
 * Errors it prints instead (a cycle already running, the module not loaded) are pasted errors,
 * recognised by `pasted-errors.ts` for every checkpoint.
 */
export type SyncCycleOutcome = { kind: 'success' } | { kind: 'other-result'; result: string };

/** A `Start-ADSyncSyncCycle` result and the policy type of the command, when the paste shows it. */
export interface SyncCycleResult {
  outcome: SyncCycleOutcome;
  policyType?: 'Delta' | 'Initial';
}

/** Reads a `Start-ADSyncSyncCycle` result (table, list, or on one line). */
export function parseSyncCycleResult(text: string): EvidenceParse<SyncCycleResult> {
  const normalized = withoutRunRecords(normalizePastedText(text));
  const outcome = outcomeOf(normalized);
  if (outcome === undefined) {
    return absentEvidence('No Start-ADSyncSyncCycle result (Result : Success) was found.');
  }
  const policy = [
    ...normalized.matchAll(/Start-ADSyncSyncCycle\b[^\n]*?-PolicyType\s+['"]?(Delta|Initial)\b/gi),
  ]
    .at(-1)?.[1]
    ?.toLowerCase();
  const result: SyncCycleResult = { outcome };
  if (policy !== undefined) result.policyType = policy === 'delta' ? 'Delta' : 'Initial';
  return parsedEvidence(result);
}

function outcomeOf(text: string): SyncCycleOutcome | undefined {
  // The last result wins: a paste of several runs ends with the newest. Read whole, hyphens included.
  const results = [...text.matchAll(/(?<![\w.-])Result\b(?:\s*:\s*|\s*-{3,}\s+)([A-Za-z][\w-]*)/g)];
  const result = results.at(-1)?.[1];
  if (result === undefined) return undefined;
  return /^success$/i.test(result) ? { kind: 'success' } : { kind: 'other-result', result };
}
