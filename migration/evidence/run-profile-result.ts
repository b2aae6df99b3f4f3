import { absentEvidence, parsedEvidence, type EvidenceParse } from './evidence-parse';
import { readListFields, readListRecords } from './format-list';
import { normalizePastedText } from './pasted-text';
import { readPowerShellBoolean } from './powershell-values';
import { setDefined } from './set-defined';

/** One run of a connector's run profile, as `Get-ADSyncRunProfileResult` printed it. */
export interface RunProfileRun {
  /** The connector name as printed: `contoso.com`, `contoso.onmicrosoft.com - AAD`. */
  connector?: string;
  runProfile?: string;
  runNumber?: number;
  complete?: boolean;
  /** The run's status read whole: `success`, `completed-export-errors`, `no-start-connection`, ... */
  result?: string;
  startDate?: string;
  endDate?: string;
}

/** The runs a paste holds, in the order printed. */
export interface RunProfileResults {
  runs: readonly RunProfileRun[];
}

/** The command that prints the last runs of every connector with the properties the judgments read. */
export const lastRunsCommand =
  'Get-ADSyncRunProfileResult -NumberRequested 6 | Format-List ConnectorName,RunProfileName,IsRunComplete,Result,StartDate,EndDate';

/** Every property a run record prints: values end where the next one starts when line breaks are lost. */
const recordFields = [
  'RunHistoryId',
  'ConnectorId',
  'ConnectorName',
  'RunProfileId',
  'RunProfileName',
  'RunNumber',
  'Username',
  'IsRunComplete',
  'Result',
  'CurrentStepNumber',
  'TotalSteps',
  'StartDate',
  'EndDate',
  'RunStepResults',
] as const;

/** Fields only a run record has: `Result : Success` alone is a Start-ADSyncSyncCycle answer. */
const runOnlyFields = new Set(['RunHistoryId', 'RunProfileId', 'RunProfileName', 'IsRunComplete']);

/**
 * Reads `Get-ADSyncRunProfileResult` output as Format-List records (the default) or as a table
 * (`| Format-Table ConnectorName,RunProfileName,Result`), connector names and statuses as printed.
 */
export function parseRunProfileResult(text: string): EvidenceParse<RunProfileResults> {
  const normalized = normalizePastedText(text);
  const runs = [...listRuns(normalized), ...tableRuns(normalized)];
  if (runs.length === 0) {
    return absentEvidence(
      'No Get-ADSyncRunProfileResult output (RunProfileName, Result) was found.',
    );
  }
  const missing = runs.some((run) => run.result === undefined) ? ['Result'] : [];
  return parsedEvidence({ runs }, missing);
}

/** True when a paste holds run records, whose `Result` lines are not Start-ADSyncSyncCycle answers. */
function holdsRunRecords(text: string): boolean {
  return readListFields(text, [...runOnlyFields]).length > 0 || tableHeader(text) !== undefined;
}

/**
 * Normalised text without its Get-ADSyncRunProfileResult records (paragraphs between blank lines):
 * their `Result : success` and `ConnectorName` are a finished run's, not a Start-ADSyncSyncCycle
 * answer or a connector that is running now.
 */
export function withoutRunRecords(text: string): string {
  return text
    .split(/\n[ \t]*\n/)
    .filter((paragraph) => !holdsRunRecords(paragraph))
    .join('\n\n');
}

function listRuns(text: string): RunProfileRun[] {
  return readListRecords(text, recordFields)
    .filter((record) => [...record.keys()].some((field) => runOnlyFields.has(field)))
    .map((record) =>
      runOf({
        connector: record.get('ConnectorName'),
        runProfile: record.get('RunProfileName'),
        runNumber: record.get('RunNumber'),
        complete: record.get('IsRunComplete'),
        result: record.get('Result'),
        startDate: record.get('StartDate'),
        endDate: record.get('EndDate'),
      }),
    );
}

interface Column {
  name: string;
  start: number;
}

const tableColumns = new Set([
  'ConnectorName',
  'RunProfileName',
  'RunNumber',
  'IsRunComplete',
  'Result',
  'StartDate',
  'EndDate',
]);

function tableHeader(
  text: string,
): { lines: string[]; index: number; columns: Column[] } | undefined {
  const lines = text.split('\n');
  const index = lines.findIndex((line) => /^\s*\S/.test(line) && isHeader(line));
  const header = lines[index];
  if (header === undefined) return undefined;
  const columns = [...header.matchAll(/\S+/g)].map((match) => ({
    name: match[0],
    start: match.index,
  }));
  return { lines, index, columns };
}

/** A table header names RunProfileName and Result as columns (not as `Name : value` fields). */
function isHeader(line: string): boolean {
  if (line.includes(':')) return false;
  const words = line.trim().split(/\s+/);
  return words.includes('RunProfileName') && words.includes('Result');
}

function tableRuns(text: string): RunProfileRun[] {
  const table = tableHeader(text);
  if (table === undefined) return [];
  const runs: RunProfileRun[] = [];
  for (const line of table.lines.slice(table.index + 1)) {
    if (/^\s*-[-\s]*$/.test(line)) continue;
    if (line.trim() === '') {
      if (runs.length > 0) break;
      continue;
    }
    const cells = new Map<string, string>();
    table.columns.forEach((column, position) => {
      const next = table.columns[position + 1]?.start ?? line.length;
      if (tableColumns.has(column.name)) {
        cells.set(column.name, line.slice(column.start, next).trim());
      }
    });
    runs.push(
      runOf({
        connector: cells.get('ConnectorName'),
        runProfile: cells.get('RunProfileName'),
        runNumber: cells.get('RunNumber'),
        complete: cells.get('IsRunComplete'),
        result: cells.get('Result'),
        startDate: cells.get('StartDate'),
        endDate: cells.get('EndDate'),
      }),
    );
  }
  return runs;
}

function runOf(values: Readonly<Record<keyof RunProfileRun, string | undefined>>): RunProfileRun {
  const run: RunProfileRun = {};
  setDefined(run, 'connector', nonEmpty(values.connector));
  setDefined(run, 'runProfile', nonEmpty(values.runProfile));
  const number = /^\d+$/.exec(values.runNumber?.trim() ?? '')?.[0];
  if (number !== undefined) run.runNumber = Number(number);
  setDefined(run, 'complete', readPowerShellBoolean(values.complete));
  // Statuses are hyphenated words (completed-export-errors): read whole, never up to the first hyphen.
  setDefined(run, 'result', /^[A-Za-z][\w-]*/.exec(values.result?.trim() ?? '')?.[0]);
  setDefined(run, 'startDate', nonEmpty(values.startDate?.split(/\s{2,}/)[0]));
  setDefined(run, 'endDate', nonEmpty(values.endDate?.split(/\s{2,}/)[0]));
  return run;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
