import { absentEvidence, parsedEvidence, type EvidenceParse } from './evidence-parse';
import { normalizePastedText } from './pasted-text';

/** How `Start-ADSyncSyncCycle` answered. `success` means the cycle was started, not that it finished. */
export type SyncCycleOutcome =
  | { kind: 'success' }
  | { kind: 'other-result'; result: string }
  | { kind: 'already-running'; message: string }
  | { kind: 'cmdlet-missing' }
  | { kind: 'error'; message: string };

/** A `Start-ADSyncSyncCycle` result and the policy type of the command, when the paste shows it. */
export interface SyncCycleResult {
  outcome: SyncCycleOutcome;
  policyType?: 'Delta' | 'Initial';
}

/** Reads a `Start-ADSyncSyncCycle` result (table, list, or on one line) or the error it printed. */
export function parseSyncCycleResult(text: string): EvidenceParse<SyncCycleResult> {
  const normalized = normalizePastedText(text);
  const outcome = outcomeOf(normalized);
  if (outcome === undefined) {
    return absentEvidence('No Start-ADSyncSyncCycle result (Result : Success) or error was found.');
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
  if (/'?Start-ADSyncSyncCycle'? is not recognized|CommandNotFoundException/i.test(text)) {
    return { kind: 'cmdlet-missing' };
  }
  const busy = /already running|is busy|Cannot start a new sync cycle/i.exec(text);
  if (busy !== null) return { kind: 'already-running', message: lineAround(text, busy.index) };
  const error = /Start-ADSyncSyncCycle\s*:\s*([^\n]+)/i.exec(text);
  if (error?.[1] !== undefined) return { kind: 'error', message: error[1].trim() };
  // The last result wins: a paste of several runs ends with the newest.
  const results = [...text.matchAll(/(?<![\w.-])Result\b(?:\s*:\s*|\s*-{3,}\s+)([A-Za-z]+)\b/g)];
  const result = results.at(-1)?.[1];
  if (result === undefined) return undefined;
  return /^success$/i.test(result) ? { kind: 'success' } : { kind: 'other-result', result };
}

/** The whole line that holds a position. */
function lineAround(text: string, position: number): string {
  const end = text.indexOf('\n', position);
  return text.slice(text.lastIndexOf('\n', position) + 1, end === -1 ? text.length : end).trim();
}
