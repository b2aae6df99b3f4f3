import { absentEvidence, parsedEvidence, type EvidenceParse } from './evidence-parse';
import { readListFields } from './format-list';
import { normalizePastedText } from './pasted-text';
import { withoutRunRecords } from './run-profile-result';

/** What `Get-ADSyncConnectorRunStatus` printed: Learn says an empty result means the sync engine is idle. */
export type ConnectorRunStatus =
  { state: 'idle' } | { state: 'busy'; connectors: readonly string[] };

/**
 * Reads `Get-ADSyncConnectorRunStatus` output. An empty result only counts when the paste shows the
 * command itself with nothing after it (or an explicit Idle run state); an empty paste is not evidence.
 */
export function parseConnectorRunStatus(text: string): EvidenceParse<ConnectorRunStatus> {
  const normalized = withoutRunRecords(normalizePastedText(text));
  const listed = readListFields(normalized, ['RunState', 'ConnectorName']);
  const busyNames = listed
    .filter((field) => field.field === 'ConnectorName' && field.value !== '')
    .map((field) => field.value);
  const states = listed.filter((field) => field.field === 'RunState').map((field) => field.value);
  const tabled = tableRowsOf(normalized);
  const connectors = [...new Set([...busyNames, ...tabled.connectors])];
  const allStates = [...states, ...tabled.states];
  if (allStates.some((state) => /^busy/i.test(state)) || connectors.length > 0) {
    return parsedEvidence({ state: 'busy', connectors });
  }
  if (allStates.length > 0 || commandWithNothingAfter(normalized)) {
    return parsedEvidence({ state: 'idle' });
  }
  return absentEvidence(
    'No Get-ADSyncConnectorRunStatus output (RunState, ConnectorName) was found.',
  );
}

/** Rows under a header with a RunState column (and a ConnectorName column on builds that print one). */
function tableRowsOf(text: string): { states: string[]; connectors: string[] } {
  const lines = text.split('\n');
  const headerIndex = lines.findIndex((line) => /(?<!:\s*)\bRunState\b(?!\s*:)/.test(line));
  const header = lines[headerIndex];
  if (header === undefined) return { states: [], connectors: [] };
  const namePosition = header.indexOf('ConnectorName');
  const states: string[] = [];
  const connectors: string[] = [];
  for (const line of lines.slice(headerIndex + 1)) {
    const trimmed = line.trim();
    if (trimmed === '' || /^-[-\s]*$/.test(trimmed)) continue;
    const state = /\b(Busy|Idle)\b/i.exec(trimmed)?.[1];
    if (state === undefined) break;
    states.push(state);
    const connector =
      namePosition === -1
        ? ''
        : line
            .slice(namePosition)
            .trim()
            .split(/\s{2,}/)[0];
    if (
      /^busy$/i.test(state) &&
      connector !== undefined &&
      connector !== '' &&
      !/^(?:Busy|Idle)$/i.test(connector)
    ) {
      connectors.push(connector);
    }
  }
  return { states, connectors };
}

/** The command was run at a prompt and printed nothing: the transcript ends with it. */
function commandWithNothingAfter(text: string): boolean {
  const lines = text.split('\n').map((line) => line.trim());
  const last = lines.findLastIndex((line) =>
    /^PS [A-Za-z]:\\[^>]*>\s*Get-ADSyncConnectorRunStatus\s*$/i.test(line),
  );
  if (last === -1) return false;
  return lines
    .slice(last + 1)
    .every((line) => line === '' || /^PS [A-Za-z]:\\[^>]*>\s*$/.test(line));
}
