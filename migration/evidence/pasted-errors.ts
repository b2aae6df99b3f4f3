import type { CheckpointId } from '../runbook';
import { readEventEntries, type EventEntry } from './event-log';
import { alertsErrors } from './known-errors/alerts';
import { commandErrors } from './known-errors/commands';
import { diagnosticsErrors } from './known-errors/diagnostics';
import {
  learnBase,
  type ErrorOrigin,
  type KnownEvent,
  type KnownPastedError,
  type PastedErrorVerdict,
} from './known-errors/known-error';
import { operatorErrors } from './known-errors/operator';
import { passwordHashSyncErrors } from './known-errors/password-hash-sync';
import { passwordWritebackErrors } from './known-errors/password-writeback';
import { setupErrors } from './known-errors/setup';
import { syncEngineErrors } from './known-errors/sync-engine';
import { normalizePastedText } from './pasted-text';
import {
  fragmentIndexOf,
  mayMatch,
  requiredFragments,
  type FragmentIndex,
} from './required-fragments';
import { memoByText } from './text-memo';

export type { ErrorOrigin, KnownPastedError, PastedErrorVerdict } from './known-errors/known-error';

/** A known error's id (known-errors/*.ts). */
export type PastedErrorId = string;

/**
 * Every known error: the failures of each area, then the errors of commands and runs, the
 * catch-alls last. Patterns are phrases of the real messages (see test/fixtures/real/), written so
 * that a wrapped or flattened paste still matches and none backtracks beyond a bounded window.
 */
export const knownPastedErrors: readonly KnownPastedError[] = [
  ...passwordHashSyncErrors,
  ...passwordWritebackErrors,
  ...syncEngineErrors,
  ...setupErrors,
  ...operatorErrors,
  ...alertsErrors,
  ...diagnosticsErrors,
  ...commandErrors,
].sort((a, b) => Number(a.catchAll === true) - Number(b.catchAll === true));

/** The event an error was read from, as the finding names it. */
export interface ErrorEvent {
  source?: string;
  id: number;
  level?: string;
  date?: string;
  computer?: string;
}

/** An error found in a paste: the known error and the line it was found on, as printed. */
export interface PastedError {
  id: PastedErrorId;
  title: string;
  origin: ErrorOrigin;
  verdict: PastedErrorVerdict;
  checkpoints: KnownPastedError['checkpoints'];
  cause: string;
  fix: string;
  learn: string;
  excerpt: string;
  /** The event log entry the error was read from, when it was one. */
  event?: ErrorEvent;
}

const MAX_EXCERPT = 300;

/** The known errors in a paste, each once, the ones explained by a more specific error left out. */
export function recognizePastedErrors(text: string): readonly PastedError[] {
  return analysePaste(text).errors;
}

/** What a paste holds: its normalised text, its event log entries and the known errors in it. */
export interface PasteAnalysis {
  normalized: string;
  events: readonly EventEntry[];
  errors: readonly PastedError[];
  /** Every known error whose events or patterns were found, explained or not. */
  matched: readonly KnownPastedError[];
}

/** The analysis of a paste, made once: identify, every parser, the judge and the reply read it. */
export const analysePaste: (text: string) => PasteAnalysis = memoByText(analyse);

/** An error found, before the ones explained by others are left out. */
interface Found {
  known: KnownPastedError;
  excerpt: string;
  /** The entry the error was read from or found in. */
  entry?: EventEntry;
}

function analyse(text: string): PasteAnalysis {
  const normalized = normalizePastedText(text);
  const words = fragmentIndexOf(normalized);
  const events = readEventEntries(normalized);
  const found: Found[] = knownPastedErrors.flatMap((known): Found[] => {
    const entry = events.find((event) => isKnownEvent(event, known.events));
    if (entry !== undefined) return [{ known, excerpt: eventExcerpt(entry), entry }];
    const match = firstMatch(normalized, words, known.patterns);
    if (match === undefined) return [];
    const within = events.find((event) => event.start <= match && match < event.end);
    return [
      {
        known,
        excerpt: lineAround(normalized, match),
        ...(within === undefined ? {} : { entry: within }),
      },
    ];
  });
  // An error or warning event the catalogue does not know still keeps the step from passing.
  const covered = new Set(found.map(({ entry }) => entry));
  for (const entry of events) {
    if (covered.has(entry) || !faultLevel.test(entry.level ?? '')) continue;
    found.push({ known: unknownEvent, excerpt: eventExcerpt(entry), entry });
  }
  const explained = new Set(found.flatMap(({ known }) => known.explains ?? []));
  const specific = found.some(({ known }) => known.catchAll !== true);
  const errors = Object.freeze(
    found
      .filter(({ known }) => !explained.has(known.id) && !(specific && known.catchAll === true))
      .map(({ known, excerpt, entry }) =>
        Object.freeze({
          id: known.id,
          title:
            known === unknownEvent && entry !== undefined ? unknownEventTitle(entry) : known.title,
          origin: known.origin,
          verdict: known.verdict,
          checkpoints: known.checkpoints,
          cause: known.cause,
          fix: known.fix,
          learn: known.learn,
          excerpt,
          ...(entry === undefined ? {} : { event: eventOf(entry) }),
        }),
      ),
  );
  return Object.freeze({
    normalized,
    events: Object.freeze(events),
    errors,
    matched: Object.freeze(found.map(({ known }) => known)),
  });
}

/** Event levels that mean something went wrong (Get-EventLog says FailureAudit). */
const faultLevel = /^(?:error|critical|warning|failureaudit|audit failure)$/i;

/** An error or warning event no entry of the catalogue knows. */
export const unknownEvent: KnownPastedError = {
  id: 'event-not-in-catalogue',
  title: 'An event the evaluator does not know',
  origin: 'event',
  patterns: [],
  verdict: 'unknown',
  checkpoints: 'any',
  cause:
    'The event is an error or a warning that is not in the catalogue of known Entra Connect failures, so the evaluator cannot tell what it breaks; while it stands, the step is not passed.',
  fix: "Read the whole event in Event Viewer (its description usually names an error code or the connector); look the code up on Microsoft Learn (Troubleshoot Microsoft Entra Connect Sync) and fix it, then run the commands of this step again and send their output. If the event is unrelated to synchronization, send the step's output without it.",
  learn: `${learnBase}/connect/tshoot-connect-sync-errors`,
};

function unknownEventTitle(entry: EventEntry): string {
  const source = entry.source === undefined ? '' : ` from ${entry.source}`;
  return `Event ${String(entry.id)}${source} (${entry.level ?? 'no level'}) is not one the evaluator knows`;
}

function isKnownEvent(entry: EventEntry, known: readonly KnownEvent[] | undefined): boolean {
  const source = entry.source?.toLowerCase();
  return (
    source !== undefined &&
    (known ?? []).some(
      (event) =>
        event.ids.includes(entry.id) && event.sources.some((name) => name.toLowerCase() === source),
    )
  );
}

function eventOf(entry: EventEntry): ErrorEvent {
  return {
    id: entry.id,
    ...(entry.source === undefined ? {} : { source: entry.source }),
    ...(entry.level === undefined ? {} : { level: entry.level }),
    ...(entry.date === undefined ? {} : { date: entry.date }),
    ...(entry.computer === undefined ? {} : { computer: entry.computer }),
  };
}

/** The first line of the event's message, as printed. */
function eventExcerpt(entry: EventEntry): string {
  const first = entry.message.split('\n').find((line) => line.trim() !== '') ?? '';
  return cut(first.trim());
}

/**
 * The verdict an error gives a step: its own at the steps it decides, `unknown` elsewhere (the
 * step is not passed while it stands, but the error says nothing about what the step checks).
 */
export function verdictAt(error: PastedError, checkpoint: CheckpointId): PastedErrorVerdict {
  return error.checkpoints === 'any' || error.checkpoints.includes(checkpoint)
    ? error.verdict
    : 'unknown';
}

/** True when the text holds a known error. */
export function holdsPastedError(text: string): boolean {
  return recognizePastedErrors(text).length > 0;
}

/** The worst verdict of the errors at a step: any `fail` fails, otherwise the step stays undecided. */
export function verdictOfErrors(
  errors: readonly PastedError[],
  checkpoint: CheckpointId,
): PastedErrorVerdict | undefined {
  if (errors.length === 0) return undefined;
  return errors.some((error) => verdictAt(error, checkpoint) === 'fail') ? 'fail' : 'unknown';
}

/** The words each pattern cannot match without (required-fragments.ts). */
const fragmentsOf = new Map(
  knownPastedErrors.flatMap((known) =>
    known.patterns.map((pattern) => [pattern, requiredFragments(pattern)] as const),
  ),
);

/** Where the first of the patterns matches; `words` indexes the text, to skip hopeless searches. */
function firstMatch(
  text: string,
  words: FragmentIndex,
  patterns: readonly RegExp[],
): number | undefined {
  for (const pattern of patterns) {
    if (!mayMatch(fragmentsOf.get(pattern), words)) continue;
    const match = pattern.exec(text);
    if (match !== null) return match.index;
  }
  return undefined;
}

/** The line the error was found on, as printed (cut to a length a finding can show). */
function lineAround(text: string, position: number): string {
  const end = text.indexOf('\n', position);
  return cut(
    text.slice(text.lastIndexOf('\n', position) + 1, end === -1 ? text.length : end).trim(),
  );
}

function cut(line: string): string {
  return line.length > MAX_EXCERPT ? `${line.slice(0, MAX_EXCERPT - 1)}…` : line;
}
