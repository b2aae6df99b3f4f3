import { absentEvidence, parsedEvidence, type EvidenceParse } from './evidence-parse';
import { readListFields } from './format-list';
import { readTableRows } from './format-table';
import { normalizePastedText } from './pasted-text';
import { readPowerShellBoolean, readWholeNumber } from './powershell-values';

/** What `Get-ADSyncExportDeletionThreshold` printed: whether deletes are held back, and above how many. */
export interface DeletionThreshold {
  /** DeletionPrevention: 1 (or True) when an export with too many deletes is stopped. */
  enabled: boolean;
  /** ThresholdCount: the most deletes one export may carry. */
  count?: number;
  /** ThresholdPercentage: printed as 0 when the count applies. */
  percentage?: number;
}

const fields = ['DeletionPrevention', 'ThresholdPercentage', 'ThresholdCount'] as const;

/**
 * Reads `Get-ADSyncExportDeletionThreshold` output, as a table (its default, with the columns
 * DeletionPrevention ThresholdPercentage ThresholdCount) or as a list. Learn
 * (how-to-connect-sync-feature-prevent-accidental-deletes): enabled by default with 500 objects.
 */
export function parseDeletionThreshold(text: string): EvidenceParse<DeletionThreshold> {
  const normalized = normalizePastedText(text);
  const [row] = readTableRows(normalized, fields);
  const flat = flattenedRow(normalized);
  const listed = new Map(
    readListFields(normalized, fields).map((field) => [field.field, field.value]),
  );
  const value = (name: (typeof fields)[number]): string | undefined =>
    row?.get(name) ?? listed.get(name) ?? flat?.get(name);
  const enabled = preventionOf(value('DeletionPrevention'));
  if (enabled === undefined) {
    return absentEvidence(
      'No Get-ADSyncExportDeletionThreshold output (DeletionPrevention, ThresholdCount) was found.',
    );
  }
  const threshold: DeletionThreshold = { enabled };
  const count = readWholeNumber(value('ThresholdCount'));
  const percentage = readWholeNumber(value('ThresholdPercentage'));
  if (count !== undefined) threshold.count = count;
  if (percentage !== undefined) threshold.percentage = percentage;
  return parsedEvidence(threshold, count === undefined ? ['ThresholdCount'] : []);
}

/** The table on one line, as Teams may deliver it when the line breaks were lost. */
function flattenedRow(text: string): ReadonlyMap<string, string> | undefined {
  const match =
    /DeletionPrevention\s+ThresholdPercentage\s+ThresholdCount\s+-+\s+-+\s+-+\s+(\d+)\s+(\d+)\s+(\d+)/i.exec(
      text,
    );
  if (match === null) return undefined;
  return new Map(fields.map((field, index) => [field, match[index + 1] ?? '']));
}

/** DeletionPrevention is printed as 1 or 0 (an enum value); some builds print True or False. */
function preventionOf(value: string | undefined): boolean | undefined {
  const word = value?.trim();
  if (word === '1' || /^Enabled/i.test(word ?? '')) return true;
  if (word === '0' || /^Disabled/i.test(word ?? '')) return false;
  return readPowerShellBoolean(word);
}
