/**
 * The rows of Get-WinEvent's and Get-EventLog's default tables, read exactly as these expressions
 * read one line, but in linear time:
 *
 *   Get-WinEvent: /^\s*(?<date>\S.*?)\s+(?<id>\d{1,5})\s+(?<level>\S+)\s+(?<message>\S.*)$/
 *   Get-EventLog: /^\s*\d+\s+(?<date>\S.*?)\s+(?<level>Error|Warning|Information|FailureAudit|
 *                 SuccessAudit|Critical)\s+(?<source>\S.*?)\s+(?<id>\d{1,10})\s+(?<message>\S.*)$/
 *
 * The expressions retry their lazy date (and source) at every character of a long run of blanks,
 * in quadratic time. Every separator of theirs can only take a whole run of blanks, so a lazy
 * field can only end where a run starts: trying those places, in order, finds the same match.
 */
export interface EventTableRow {
  date: string;
  id: string;
  level: string;
  message: string;
  source?: string;
}

/** What `.` never matches; `\s` matches them. */
function isLineTerminator(code: number): boolean {
  return code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029;
}

/** What `\s` matches, ASCII first without an expression. */
function isBlank(line: string, at: number): boolean {
  if (at < 0 || at >= line.length) return false;
  const code = line.charCodeAt(at);
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return /\s/.test(line.charAt(at));
}

function isDigit(line: string, at: number): boolean {
  const code = line.charCodeAt(at);
  return code >= 0x30 && code <= 0x39;
}

/** The end of the run of blanks starting at `at` (`at` itself when there is none). */
function blanksEnd(line: string, at: number): number {
  let end = at;
  while (isBlank(line, end)) end += 1;
  return end;
}

/** The end of the run of non-blanks starting at `at`. */
function wordEnd(line: string, at: number): number {
  let end = at;
  while (end < line.length && !isBlank(line, end)) end += 1;
  return end;
}

function digitsEnd(line: string, at: number): number {
  let end = at;
  while (isDigit(line, end)) end += 1;
  return end;
}

/** Where each run of blanks after `from` starts, up to `limit`. */
function runStarts(line: string, from: number, limit: number): number[] {
  const starts: number[] = [];
  for (let at = from; at < limit; at += 1) {
    if (isBlank(line, at) && !isBlank(line, at - 1)) starts.push(at);
  }
  return starts;
}

/** The first line terminator at or after `at` (line.length when none). */
function nextTerminatorFrom(line: string): (at: number) => number {
  const positions: number[] = [];
  for (let at = 0; at < line.length; at += 1) {
    if (isLineTerminator(line.charCodeAt(at))) positions.push(at);
  }
  let cursor = 0;
  // Asked with growing `at` only: a cursor walks the positions once.
  return (at) => {
    while ((positions[cursor] ?? line.length) < at) cursor += 1;
    return positions[cursor] ?? line.length;
  };
}

/**
 * `\s+(digits)\s+` from `at`: the digits (at most `maxDigits`) between two runs of blanks, and
 * where what follows starts; undefined when the line does not go on so.
 */
function blanksNumberBlanks(
  line: string,
  at: number,
  maxDigits: number,
): { id: string; next: number } | undefined {
  const digits = blanksEnd(line, at);
  if (digits === at) return undefined;
  const end = digitsEnd(line, digits);
  if (end === digits || end - digits > maxDigits) return undefined;
  const next = blanksEnd(line, end);
  if (next === end) return undefined;
  return { id: line.slice(digits, end), next };
}

/** `(\S.*)$` from `at`: the rest of the line, when it starts with a non-blank and holds no line terminator. */
function messageFrom(line: string, at: number, lastTerminator: number): string | undefined {
  if (at >= line.length || isBlank(line, at) || at <= lastTerminator) return undefined;
  return line.slice(at);
}

function lastTerminatorOf(line: string): number {
  for (let at = line.length - 1; at >= 0; at -= 1) {
    if (isLineTerminator(line.charCodeAt(at))) return at;
  }
  return -1;
}

/** A Get-WinEvent table row: TimeCreated, Id, LevelDisplayName, Message. */
export function readWinEventRow(line: string): EventTableRow | undefined {
  const start = blanksEnd(line, 0);
  if (start >= line.length) return undefined;
  const lastTerminator = lastTerminatorOf(line);
  const dateLimit = nextTerminatorFrom(line)(start);
  for (const end of runStarts(line, start + 1, dateLimit + 1)) {
    const number = blanksNumberBlanks(line, end, 5);
    if (number === undefined) continue;
    const levelEnd = wordEnd(line, number.next);
    const messageStart = blanksEnd(line, levelEnd);
    if (messageStart === levelEnd) continue;
    const message = messageFrom(line, messageStart, lastTerminator);
    if (message === undefined) continue;
    return {
      date: line.slice(start, end),
      id: number.id,
      level: line.slice(number.next, levelEnd),
      message,
    };
  }
  return undefined;
}

const eventLogLevels = [
  'Error',
  'Warning',
  'Information',
  'FailureAudit',
  'SuccessAudit',
  'Critical',
];

/** A Get-EventLog table row: Index, Time, EntryType, Source, InstanceID, Message. */
export function readEventLogRow(line: string): EventTableRow | undefined {
  const index = blanksEnd(line, 0);
  const indexEnd = digitsEnd(line, index);
  if (indexEnd === index) return undefined;
  const start = blanksEnd(line, indexEnd);
  if (start === indexEnd || start >= line.length) return undefined;
  const lastTerminator = lastTerminatorOf(line);
  const nextTerminator = nextTerminatorFrom(line);
  const dateLimit = nextTerminator(start);
  // Where an id and message follow a run of blanks: the places a source may end, in order.
  const sourceEnds = runStarts(line, start + 1, line.length).filter((end) => {
    const number = blanksNumberBlanks(line, end, 10);
    return number !== undefined && messageFrom(line, number.next, lastTerminator) !== undefined;
  });
  let candidate = 0;
  for (const end of runStarts(line, start + 1, dateLimit + 1)) {
    const levelStart = blanksEnd(line, end);
    const level = eventLogLevels.find((word) => line.startsWith(word, levelStart));
    if (level === undefined) continue;
    const levelEnd = levelStart + level.length;
    const sourceStart = blanksEnd(line, levelEnd);
    if (sourceStart === levelEnd || sourceStart >= line.length) continue;
    // The source is lazy too: the first place after its first character where the row can end.
    while ((sourceEnds[candidate] ?? line.length) <= sourceStart) candidate += 1;
    const sourceEnd = sourceEnds[candidate];
    if (sourceEnd === undefined || sourceEnd > nextTerminator(sourceStart)) continue;
    const number = blanksNumberBlanks(line, sourceEnd, 10);
    if (number === undefined) continue;
    return {
      date: line.slice(start, end),
      level,
      source: line.slice(sourceStart, sourceEnd),
      id: number.id,
      message: line.slice(number.next),
    };
  }
  return undefined;
}
