import type { EvidenceKind } from '../runbook';
import type { ErrorOrigin, KnownPastedError } from './known-errors/known-error';
import { analysePaste, type PasteAnalysis } from './pasted-errors';
import { memoByText } from './text-memo';

/**
 * A line of the wizard's trace log (`[10:44:28.291] [ 1] [ERROR] ...`), or of a .NET trace listener
 * (`AzureActiveDirectoryDirectorySyncTool Error: 906 : ...`).
 */
const traceLine =
  /\[\s*\d{1,3}\]\s*\[\s*(?:ERROR|WARN|WARNING|INFO|VERB|VERBOSE|CRIT|CRITICAL)\s*\]|^[ ]*[A-Za-z][\w.]{2,80} (?:Error|Warning|Information|Verbose|Critical): \d{1,6} : /im;
/** A line of a Windows Installer log. */
const installerLine =
  /^[ ]*(?:MSI \([sc]\)|Action (?:start|ended)[^:\n]{0,20}:|CustomAction \w+ returned actual error code)/m;
/** The first line of a PowerShell error record: `Verb-Noun : message`. */
const errorRecordStart = /^[ ]*[A-Z][a-z]{1,15}-[A-Za-z]{2,60}[ ]+:[ ]+\S/;
/** The lines PowerShell prints under an error, and .NET stack frames. */
const errorRecordLine =
  /^[ ]*(?:At (?:line:\d|[A-Za-z]:\\)|\+ |\+$|at [\w`<>]+(?:\.[\w`<>]+)+[ ]?\(|---> |Exception (?:Data|calling)\b)/;

const kindOfOrigin: Readonly<Record<Exclude<ErrorOrigin, 'output'>, EvidenceKind>> = {
  event: 'event-log',
  wizard: 'wizard-error',
  installer: 'installer-error',
  alert: 'health-alert',
  permission: 'permission-error',
  command: 'pasted-error',
};

/**
 * The kind of a paste that is an event, a trace, an installer log or a known error, or undefined
 * for anything else. The form decides first (an event is an event whatever it says), then the
 * known error it holds.
 */
export function diagnosticKindOf(text: string): EvidenceKind | undefined {
  const { normalized, events, errors } = analysePaste(text);
  if (events.length > 0) return 'event-log';
  for (const error of errors) {
    if (error.origin !== 'command' && error.origin !== 'output') return kindOfOrigin[error.origin];
  }
  if (traceLine.test(normalized)) return 'wizard-error';
  if (installerLine.test(normalized)) return 'installer-error';
  return errors.some((error) => error.origin === 'command') ? 'pasted-error' : undefined;
}

/**
 * The text with every event, trace, installer log, PowerShell error record and paragraph holding a
 * known error blanked out, so that no parser of settings, versions or outputs ever reads them: the
 * `Source:` of an event is no setting, and the build in an installer log is no server's version.
 * Line breaks are kept, so what remains reads as it was printed.
 */
export const outsideDiagnostics: (text: string) => string = memoByText((text) =>
  blankDiagnostics(analysePaste(text)),
);

function blankDiagnostics({ normalized: text, events, matched }: PasteAnalysis): string {
  const spans: { start: number; end: number }[] = events.map(({ start, end }) => ({ start, end }));
  spans.push(...lineSpans(text));
  spans.push(...errorParagraphs(text, matched));
  if (spans.length === 0) return text;
  spans.sort((a, b) => a.start - b.start);
  let blanked = '';
  let at = 0;
  for (const { start, end } of spans) {
    const from = Math.max(start, at);
    if (end <= from) continue;
    blanked += text.slice(at, from) + text.slice(from, end).replace(/[^\n]/g, ' ');
    at = end;
  }
  return blanked + text.slice(at);
}

/** Trace, installer and error-record lines, each with the lines that continue it. */
function lineSpans(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let offset = 0;
  let continuing = false;
  for (const line of text.split('\n')) {
    const start = offset;
    offset += line.length + 1;
    if (line.trim() === '' || /^[ ]*PS [A-Za-z]:\\/.test(line)) {
      continuing = false;
      continue;
    }
    const starts =
      traceLine.test(line) ||
      installerLine.test(line) ||
      errorRecordStart.test(line) ||
      errorRecordLine.test(line);
    if (starts || continuing) {
      spans.push({ start, end: start + line.length });
      continuing = true;
    }
  }
  return spans;
}

/**
 * The paragraphs (text between blank lines) that hold the message of a known error whose text is
 * never part of an output: events, wizard, installer, alerts, the operator's rights.
 */
function errorParagraphs(
  text: string,
  matched: readonly KnownPastedError[],
): { start: number; end: number }[] {
  const prosePatterns = matched
    .filter((known) => known.origin !== 'command' && known.origin !== 'output')
    .flatMap((known) => known.patterns)
    .map((pattern) => new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`));
  const gaps = [...text.matchAll(/\n[ ]*\n/g)].map((gap) => ({
    start: gap.index,
    end: gap.index + gap[0].length,
  }));
  const spans: { start: number; end: number }[] = [];
  for (const pattern of prosePatterns) {
    for (const match of text.matchAll(pattern)) {
      const next = gaps.findIndex((gap) => gap.start >= match.index);
      const previous = next === -1 ? gaps.at(-1) : gaps[next - 1];
      spans.push({
        start: previous?.end ?? 0,
        end: next === -1 ? text.length : (gaps[next]?.start ?? text.length),
      });
    }
  }
  return spans;
}
