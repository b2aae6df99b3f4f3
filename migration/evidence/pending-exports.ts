import { entraConnectorNameCommand } from './entra-connector';
import { absentEvidence, parsedEvidence, type EvidenceParse } from './evidence-parse';
import { readListFields } from './format-list';
import { readTableRows } from './format-table';
import { normalizePastedText } from './pasted-text';
import { readWholeNumber } from './powershell-values';

/** How many objects the Microsoft Entra connector would export, by kind of change. */
export interface PendingExports {
  /** The connector the counts are for, as printed. */
  connector?: string;
  adds: number;
  updates: number;
  deletes: number;
  /** Changes of any other kind (a delete-add replaces the cloud object). */
  other: number;
}

/**
 * Learn (how-to-connect-sync-staging-server, "Verify"): csexport the pending exports of the Entra
 * connector, CSExportAnalyzer them into export.csv, whose rows carry the object's DN and its OMODT
 * (Add, Update or Delete). The last lines count objects (one per DN) so the summary can be pasted;
 * csexport never overwrites an existing file, hence the Remove-Item first.
 */
export const pendingExportsCommand = [
  `$aad = ${entraConnectorNameCommand}`,
  'Remove-Item "$env:TEMP\\export.xml", "$env:TEMP\\export.csv" -ErrorAction SilentlyContinue',
  '& "$env:ProgramFiles\\Microsoft Azure AD Sync\\Bin\\csexport.exe" $aad "$env:TEMP\\export.xml" /f:x',
  '& "$env:ProgramFiles\\Microsoft Azure AD Sync\\Bin\\CSExportAnalyzer.exe" "$env:TEMP\\export.xml" > "$env:TEMP\\export.csv"',
  '$objects = @(Import-Csv "$env:TEMP\\export.csv" | Sort-Object DN -Unique)',
  "[pscustomobject]@{ PendingExportConnector = $aad; PendingAdds = @($objects | Where-Object OMODT -eq 'Add').Count; PendingUpdates = @($objects | Where-Object OMODT -eq 'Update').Count; PendingDeletes = @($objects | Where-Object OMODT -eq 'Delete').Count; PendingOther = @($objects | Where-Object OMODT -notin 'Add','Update','Delete').Count } | Format-List",
].join('\n');

const summaryFields = [
  'PendingExportConnector',
  'PendingAdds',
  'PendingUpdates',
  'PendingDeletes',
  'PendingOther',
] as const;

// Get-ADSyncConnectorStatistics -ConnectorName <name> prints pending exports per connector too.
const statisticsFields = ['ExportAdds', 'ExportUpdates', 'ExportDeletes'] as const;

/**
 * Reads the pending-export summary of the command above (as a list or a table), or the export
 * counts of `Get-ADSyncConnectorStatistics`. Every count must be there: a summary missing one
 * could hide the deletes.
 */
export function parsePendingExports(text: string): EvidenceParse<PendingExports> {
  const normalized = normalizePastedText(text);
  const summary = valuesOf(normalized, summaryFields);
  const adds = readWholeNumber(summary.get('PendingAdds'));
  const updates = readWholeNumber(summary.get('PendingUpdates'));
  const deletes = readWholeNumber(summary.get('PendingDeletes'));
  if (adds !== undefined && updates !== undefined && deletes !== undefined) {
    return parsedEvidence(
      withConnector(
        { adds, updates, deletes, other: readWholeNumber(summary.get('PendingOther')) ?? 0 },
        summary.get('PendingExportConnector'),
      ),
    );
  }
  const statistics = valuesOf(normalized, statisticsFields);
  const exportAdds = readWholeNumber(statistics.get('ExportAdds'));
  const exportUpdates = readWholeNumber(statistics.get('ExportUpdates'));
  const exportDeletes = readWholeNumber(statistics.get('ExportDeletes'));
  if (exportAdds !== undefined && exportUpdates !== undefined && exportDeletes !== undefined) {
    return parsedEvidence({
      adds: exportAdds,
      updates: exportUpdates,
      deletes: exportDeletes,
      other: 0,
    });
  }
  return absentEvidence(
    'No pending-export summary (PendingAdds, PendingUpdates, PendingDeletes) was found.',
  );
}

/** The named values of a list, or of the first table row naming them all as columns. */
function valuesOf(text: string, names: readonly string[]): ReadonlyMap<string, string> {
  const listed = readListFields(text, names);
  if (listed.length > 0) return new Map(listed.map((field) => [field.field, field.value]));
  const required = names.filter((name) => name !== 'PendingExportConnector');
  return readTableRows(text, required)[0] ?? new Map<string, string>();
}

function withConnector(counts: PendingExports, connector: string | undefined): PendingExports {
  const name = connector?.trim();
  return name === undefined || name === '' ? counts : { ...counts, connector: name };
}
