import { readListRecordsAt } from './format-list';
import { readEventLogRow, readWinEventRow, type EventTableRow } from './event-table-row';
import { isHeaderOf } from './format-table';

/** How the entry was pasted: each way Windows shows or prints an event. */
export type EventForm =
  /** Event Viewer, "Copy details as text" or the General tab copied: `Log Name:`, `Source:`, `Event ID:`, ... */
  | 'event-viewer'
  /** Event Viewer's XML view, or the `Event Xml:` part of a copied event. */
  | 'xml'
  /** `Get-WinEvent ... | Format-List`: `ProviderName :`, `Id :`, `Message :`. */
  | 'get-winevent-list'
  /** `Get-WinEvent` as it prints by default: `TimeCreated  Id LevelDisplayName Message` under `ProviderName: X`. */
  | 'get-winevent-table'
  /** `Get-EventLog ... | Format-List`: `EntryType :`, `InstanceId :`, `Source :`, `Message :`. */
  | 'get-eventlog-list'
  /** `Get-EventLog` as it prints by default: `Index Time EntryType Source InstanceID Message`. */
  | 'get-eventlog-table';

/** One Windows event log entry read from a paste. */
export interface EventEntry {
  form: EventForm;
  /** The event's source (provider), as printed: `ADSync`, `Directory Synchronization`, ... */
  source?: string;
  id: number;
  /** Error, Warning, Information, Critical, ... as printed (XML levels are turned into these words). */
  level?: string;
  logName?: string;
  /** The time as printed, in whatever locale the machine used. */
  date?: string;
  /** The machine that logged the event. */
  computer?: string;
  /** The message as printed (Format-Table cuts it short). */
  message: string;
  /** Where the entry lies in the text it was read from: from `start` up to `end`. */
  start: number;
  end: number;
}

/** The labels Event Viewer prints (`Details` in some copies, `Logged` on the General tab). */
const viewerLabels = [
  'Log Name',
  'Source',
  'Date',
  'Logged',
  'Event ID',
  'Task Category',
  'Level',
  'Keywords',
  'User',
  'Computer',
  'OpCode',
  'More Information',
  'Description',
  'Details',
];

const winEventListFields = [
  'Message',
  'Id',
  'Version',
  'Qualifiers',
  'Level',
  'Task',
  'Opcode',
  'Keywords',
  'RecordId',
  'ProviderName',
  'ProviderId',
  'LogName',
  'ProcessId',
  'ThreadId',
  'MachineName',
  'UserId',
  'TimeCreated',
  'ContainerLog',
  'LevelDisplayName',
  'OpcodeDisplayName',
  'TaskDisplayName',
  'KeywordsDisplayNames',
];

const eventLogListFields = [
  'EventID',
  'MachineName',
  'Data',
  'Index',
  'Category',
  'CategoryNumber',
  'EntryType',
  'Message',
  'Source',
  'ReplacementStrings',
  'InstanceId',
  'TimeGenerated',
  'TimeWritten',
  'UserName',
  'Site',
  'Container',
];

/** The words Event Viewer uses for the numeric levels of an event's XML. */
const xmlLevels: Readonly<Record<string, string>> = {
  '0': 'Information',
  '1': 'Critical',
  '2': 'Error',
  '3': 'Warning',
  '4': 'Information',
  '5': 'Verbose',
};

/**
 * Every event log entry in normalised text, in any of the forms admins paste them (see
 * `EventForm`), also when Teams joined the lines of a copied event. Entries are returned in the
 * order they appear and never overlap.
 */
export function readEventEntries(text: string): EventEntry[] {
  // Each form has a word it cannot be without: a paste with none of them is read no further.
  const found = [
    ...(/<Event[\s>]/.test(text) ? readXmlEvents(text) : []),
    ...(/Event ID[ ]*:/i.test(text) ? readViewerEvents(text) : []),
    ...(/ProviderName|LevelDisplayName|EntryType/i.test(text)
      ? [...readListEvents(text), ...readTableEvents(text)]
      : []),
  ].sort((a, b) => a.start - b.start);
  const entries: EventEntry[] = [];
  for (const entry of found) {
    const last = entries.at(-1);
    if (last !== undefined && entry.start < last.end) continue;
    entries.push(entry);
  }
  return entries;
}

/** Windows event ids fit in 16 bits; Get-EventLog's InstanceId carries severity bits above them. */
function eventIdOf(value: string | undefined): number | undefined {
  const digits = /^\d{1,10}\b/.exec(value?.trim() ?? '')?.[0];
  if (digits === undefined) return undefined;
  const number = Number(digits);
  return number > 0xffff ? number % 0x10000 : number;
}

/** An entry's fields as read, where an optional one may have been missing or empty. */
type ReadFields = {
  [K in keyof EventEntry as undefined extends EventEntry[K] ? never : K]: EventEntry[K];
} & { [K in keyof EventEntry as undefined extends EventEntry[K] ? K : never]?: string | undefined };

/** The entry without the fields that were missing or empty. */
function entryOf(fields: ReadFields): EventEntry {
  return Object.fromEntries(
    Object.entries(fields).filter(
      ([key, value]) => key === 'message' || (value !== undefined && value !== ''),
    ),
  ) as unknown as EventEntry;
}

// ---- Event Viewer: "Copy details as text", or the General tab copied whole ----------------------

/** A label and its colon (never a drive letter's `C:\`). */
const viewerLabelSource = `(?<![A-Za-z])(${viewerLabels.join('|')})[ ]*:(?!\\\\)`;
const viewerLabel = new RegExp(viewerLabelSource, 'gi');

/** The labels Event Viewer prints, in any case, by their canonical spelling. */
function canonicalLabel(label: string): string {
  const lower = label.toLowerCase();
  if (lower === 'details') return 'Description';
  if (lower === 'logged') return 'Date';
  return viewerLabels.find((name) => name.toLowerCase() === lower) ?? label;
}

interface ViewerBlock {
  start: number;
  fields: Map<string, string>;
  /** Where the fields end, and the description starts when there is one. */
  fieldsEnd: number;
  description?: number;
}

/**
 * Groups the labels into blocks: a label seen again, or far from the last, starts a new block, and
 * a description runs until a new block starts with `Log Name:` or `Event ID:`.
 */
function viewerBlocks(text: string): ViewerBlock[] {
  const blocks: ViewerBlock[] = [];
  let current: ViewerBlock | undefined;
  const matches = [...text.matchAll(viewerLabel)];
  for (const [position, match] of matches.entries()) {
    const label = canonicalLabel(match[1] ?? '');
    const valueStart = match.index + match[0].length;
    const startsBlock = label === 'Log Name' || label === 'Event ID';
    if (current?.description !== undefined && !startsBlock) continue;
    const joins =
      current !== undefined &&
      current.description === undefined &&
      !current.fields.has(label) &&
      match.index - current.fieldsEnd < 120;
    if (!joins) {
      if (!startsBlock) {
        current = undefined;
        continue;
      }
      current = { start: match.index, fields: new Map(), fieldsEnd: valueStart };
      blocks.push(current);
    }
    if (current === undefined) continue;
    if (label === 'Description') {
      current.description = valueStart;
      current.fieldsEnd = valueStart;
      continue;
    }
    // A value ends at the next label on its line: the next label found at all, unless a line
    // break comes first (looked for only up to that label, so a long line is not scanned per label).
    const next = matches[position + 1]?.index;
    const lineEnd = text.slice(valueStart, next).indexOf('\n');
    const valueEnd = lineEnd !== -1 ? valueStart + lineEnd : (next ?? text.length);
    current.fields.set(label, text.slice(valueStart, valueEnd).trim());
    current.fieldsEnd = valueEnd;
  }
  return blocks;
}

function readViewerEvents(text: string): EventEntry[] {
  const blocks = viewerBlocks(text);
  return blocks.flatMap((block, index) => {
    const id = eventIdOf(block.fields.get('Event ID'));
    if (id === undefined || !block.fields.has('Source')) return [];
    const limit = Math.min(blocks[index + 1]?.start ?? text.length, nextPrompt(text, block.start));
    let message: string;
    let start = block.start;
    let end: number;
    if (block.description !== undefined) {
      const region = text.slice(block.description, limit);
      const xml = /(?<![A-Za-z])Event Xml:/.exec(region);
      // A description runs to the next entry or command: its paragraphs may be split by blank
      // lines (Teams turns a copied <br> into one), and a trailer such as a build number is its own.
      message = region.slice(0, xml === null ? region.length : xml.index).trim();
      end = limit;
    } else {
      // The General tab copied whole: the message comes first, then the fields.
      const floor = index === 0 ? 0 : (blocks[index - 1]?.fieldsEnd ?? 0);
      const before = text.slice(previousBoundary(text, block.start, floor), block.start);
      message = before.trim();
      start = block.start - before.trimStart().length;
      end = block.fieldsEnd;
    }
    return [
      entryOf({
        form: 'event-viewer',
        source: block.fields.get('Source'),
        id,
        level: block.fields.get('Level'),
        logName: block.fields.get('Log Name'),
        date: block.fields.get('Date'),
        computer: block.fields.get('Computer'),
        message,
        start,
        end,
      }),
    ];
  });
}

/** The next PowerShell prompt after `from`: a new command, so the end of what came before. */
function nextPrompt(text: string, from: number): number {
  const prompt = /\n[ ]*PS [A-Za-z]:\\[^>\n]{0,200}>/g;
  prompt.lastIndex = from;
  return prompt.exec(text)?.index ?? text.length;
}

/** Where the message before a General-tab copy starts: after a blank-line gap or a prompt line. */
function previousBoundary(text: string, start: number, floor: number): number {
  const before = text.slice(floor, start);
  const gap = before.lastIndexOf('\n\n\n');
  let prompt = -1;
  for (const match of before.matchAll(/\n[ ]*PS [A-Za-z]:\\[^>\n]{0,200}>[^\n]*/g)) {
    prompt = match.index + match[0].length;
  }
  return floor + Math.max(gap === -1 ? 0 : gap + 3, prompt);
}

// ---- XML view -------------------------------------------------------------------------------------

const xmlEvent = /<Event\s[^>]{0,300}>[\s\S]{0,200000}?<\/Event>/g;

function readXmlEvents(text: string): EventEntry[] {
  return [...text.matchAll(xmlEvent)].flatMap((match) => {
    const xml = match[0];
    const id = eventIdOf(/<EventID\b[^>]{0,100}>\s*(\d+)\s*</.exec(xml)?.[1]);
    if (id === undefined) return [];
    const level = /<Level>\s*(\d)\s*</.exec(xml)?.[1];
    const data = [...xml.matchAll(/<Data\b[^>]{0,200}>([\s\S]*?)<\/Data>/g)].map((m) =>
      decodeXml(m[1] ?? ''),
    );
    const rendered = /<Message>([\s\S]*?)<\/Message>/.exec(xml)?.[1];
    return [
      entryOf({
        form: 'xml' as const,
        source: /<Provider\s[^>]{0,300}?Name=['"]([^'"]+)['"]/.exec(xml)?.[1],
        id,
        level: level === undefined ? undefined : xmlLevels[level],
        logName: /<Channel>([^<]*)</.exec(xml)?.[1],
        date: /<TimeCreated\s+SystemTime=['"]([^'"]+)['"]/.exec(xml)?.[1],
        computer: /<Computer>([^<]*)</.exec(xml)?.[1],
        message: rendered === undefined ? data.join('\n') : decodeXml(rendered),
        start: match.index,
        end: match.index + xml.length,
      }),
    ];
  });
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_m, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&amp;/g, '&')
    .trim();
}

// ---- Format-List output of Get-WinEvent and Get-EventLog -----------------------------------------

function readListEvents(text: string): EventEntry[] {
  return [...listEventsOf(text, 'get-winevent-list'), ...listEventsOf(text, 'get-eventlog-list')];
}

function listEventsOf(text: string, form: 'get-winevent-list' | 'get-eventlog-list'): EventEntry[] {
  const fields = form === 'get-winevent-list' ? winEventListFields : eventLogListFields;
  const records = readListRecordsAt(text, fields);
  return records.flatMap(({ at: start, fields: record }, index) => {
    const end = endOfRecord(text, start, records[index + 1]?.at ?? text.length);
    if (form === 'get-winevent-list') {
      const id = eventIdOf(record.get('Id'));
      if (id === undefined || !(record.has('ProviderName') || record.has('LevelDisplayName')))
        return [];
      return [
        entryOf({
          form,
          source: record.get('ProviderName'),
          id,
          level: record.get('LevelDisplayName'),
          logName: record.get('LogName'),
          date: record.get('TimeCreated'),
          computer: record.get('MachineName'),
          message: messageOf(text, start, end),
          start,
          end,
        }),
      ];
    }
    const id = eventIdOf(record.get('EventID') ?? record.get('InstanceId'));
    if (id === undefined || !record.has('EntryType') || !record.has('Source')) return [];
    return [
      entryOf({
        form,
        source: record.get('Source'),
        id,
        level: record.get('EntryType'),
        date: record.get('TimeGenerated'),
        computer: record.get('MachineName'),
        message: messageOf(text, start, end),
        start,
        end,
      }),
    ];
  });
}

/** A Format-List record ends at its first blank line, or where the next one starts. */
function endOfRecord(text: string, start: number, next: number): number {
  const blank = /\n[ ]*\n/g;
  blank.lastIndex = start;
  const gap = blank.exec(text);
  return gap === null || gap.index > next ? next : gap.index;
}

/** The `Message :` value with the indented lines that continue it. */
function messageOf(text: string, start: number, end: number): string {
  const record = text.slice(start, end);
  const message = /(?<![A-Za-z])Message[ ]*:[ ]?/.exec(record);
  if (message === null) return '';
  const lines = record.slice(message.index + message[0].length).split('\n');
  const [first = '', ...rest] = lines;
  const continued: string[] = [];
  for (const line of rest) {
    if (!/^\s{2,}\S/.test(line) || /^\s*\w+\s+:/.test(line)) break;
    continued.push(line);
  }
  return [first, ...continued].map((line) => line.trim()).join('\n');
}

// ---- Format-Table output of Get-WinEvent and Get-EventLog ----------------------------------------

const tableHeaders: readonly {
  form: 'get-winevent-table' | 'get-eventlog-table';
  columns: readonly string[];
}[] = [
  { form: 'get-winevent-table', columns: ['TimeCreated', 'Id', 'LevelDisplayName', 'Message'] },
  { form: 'get-eventlog-table', columns: ['Index', 'Time', 'EntryType', 'Source', 'Message'] },
];

/** A row of each table: numbers are right-aligned and the message runs to the end of the line. */
const tableRows: Readonly<
  Record<'get-winevent-table' | 'get-eventlog-table', (line: string) => EventTableRow | undefined>
> = {
  // TimeCreated  Id  LevelDisplayName  Message
  'get-winevent-table': readWinEventRow,
  // Index  Time  EntryType  Source  InstanceID  Message
  'get-eventlog-table': readEventLogRow,
};

function readTableEvents(text: string): EventEntry[] {
  const lines = text.split('\n');
  const entries: EventEntry[] = [];
  let offset = 0;
  let form: 'get-winevent-table' | 'get-eventlog-table' | undefined;
  let provider: string | undefined;
  for (const line of lines) {
    const start = offset;
    offset += line.length + 1;
    const header = tableHeaders.find(({ columns }) => isHeaderOf(line, columns));
    if (header !== undefined) {
      form = header.form;
      continue;
    }
    const named = providerNameOf(line);
    if (named !== undefined) {
      provider = named;
      form = undefined;
      continue;
    }
    if (form === undefined || /^\s*-+(?:\s+-+)+\s*$/.test(line)) continue;
    const row = tableRows[form](line);
    const id = eventIdOf(row?.id);
    if (row === undefined || id === undefined) {
      form = undefined;
      continue;
    }
    entries.push(
      entryOf({
        form,
        source: form === 'get-winevent-table' ? provider : row.source,
        id,
        level: row.level,
        date: row.date,
        message: row.message,
        start,
        end: start + line.length,
      }),
    );
  }
  return entries;
}

/** Line terminators: what `.` in an expression never matches. */
const lineTerminator = /[\n\r\u2028\u2029]/;

/**
 * The provider of a `ProviderName: X` line, as `/^\s*ProviderName:\s*(.+?)\s*$/` reads it, in
 * linear time: that expression retries its lazy value at every character of a long padded line.
 */
export function providerNameOf(line: string): string | undefined {
  const label = /^\s*ProviderName:/.exec(line);
  if (label === null) return undefined;
  const rest = line.slice(label[0].length);
  const value = rest.trim();
  if (value !== '') return lineTerminator.test(value) ? undefined : value;
  // Blanks only: the expression gives up one blank to the value, the last one `.` can match.
  for (let index = rest.length - 1; index >= 0; index -= 1) {
    const blank = rest.charAt(index);
    if (!lineTerminator.test(blank)) return blank;
  }
  return undefined;
}
