/** The text encodings an evidence file is read in. */
export type EvidenceFileEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** The text of an evidence file, or the refusal of a file that is not text. */
export type EvidenceFileText =
  | { readonly ok: true; readonly text: string; readonly encoding: EvidenceFileEncoding }
  | { readonly ok: false; readonly problem: 'binary' };

/** What to tell an admin who uploaded a file that is not text. */
export const BINARY_EVIDENCE_FILE_MESSAGE =
  'That file is not text, so I cannot read it as evidence. Upload the PowerShell output ' +
  '(saved with `Out-File` or copied into a .txt file) or the exported configuration .json file, ' +
  'not a zip, screenshot or document.';

// Text output holds tabs and line breaks, rarely any other control character; binary formats
// (zip, images, PDF streams) are full of them.
const MAX_CONTROL_CHARACTER_SHARE = 0.01;
const MIN_UTF16_ZERO_SHARE = 0.25;

/**
 * Reads an uploaded evidence file as text: UTF-8 (BOM stripped), UTF-16 LE or BE with a BOM, or
 * without one when its zero bytes give it away (Windows PowerShell 5.1 `Out-File` and `>` write
 * UTF-16 LE), and Windows-1252 for bytes that are not UTF-8 (5.1 `Set-Content` writes the ANSI code
 * page). `\r\n` becomes `\n`. A file that is not text is refused.
 */
export function textOfEvidenceFile(bytes: Uint8Array): EvidenceFileText {
  const decoded = decode(bytes);
  if (decoded === 'binary' || looksBinary(decoded.text)) return { ok: false, problem: 'binary' };
  return { ok: true, text: decoded.text.replaceAll('\r\n', '\n'), encoding: decoded.encoding };
}

type Decoded = { readonly text: string; readonly encoding: EvidenceFileEncoding } | 'binary';

function decode(bytes: Uint8Array): Decoded {
  const [first, second, third] = bytes;
  if (first === 0xef && second === 0xbb && third === 0xbf) return decodeUnicode(bytes, 'utf-8');
  if (first === 0xff && second === 0xfe) return decodeUnicode(bytes, 'utf-16le');
  if (first === 0xfe && second === 0xff) return decodeUnicode(bytes, 'utf-16be');
  const zeros = zeroBytePositions(bytes);
  if (zeros.even + zeros.odd > 0) {
    // Mostly-ASCII UTF-16 has a zero in every other byte: odd positions for LE, even for BE. Random
    // bytes have a zero in one byte of 256, so a handful of zeros on one side proves nothing.
    const half = bytes.length / 2;
    if (bytes.length % 2 !== 0) return 'binary';
    if (zeros.even === 0 && zeros.odd >= half * MIN_UTF16_ZERO_SHARE) {
      return decodeUnicode(bytes, 'utf-16le');
    }
    if (zeros.odd === 0 && zeros.even >= half * MIN_UTF16_ZERO_SHARE) {
      return decodeUnicode(bytes, 'utf-16be');
    }
    return 'binary';
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // A fatal decoder throws exactly when the bytes are not valid UTF-8.
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

function decodeUnicode(
  bytes: Uint8Array,
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be',
): { text: string; encoding: EvidenceFileEncoding } {
  // The decoder strips a BOM that matches the encoding.
  return { text: new TextDecoder(encoding).decode(bytes), encoding };
}

// Node 20's TextDecoder('windows-1252') decodes as ISO-8859-1, so 0x80-0x9F (€, ‘ ’ “ ” – —, …)
// are mapped here, as the WHATWG Encoding Standard's windows-1252 index has them.
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152,
  0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122,
  0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\x80-\x9f]/g, (c) =>
      String.fromCharCode(WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80] ?? c.charCodeAt(0)),
    );
}

function zeroBytePositions(bytes: Uint8Array): { even: number; odd: number } {
  let even = 0;
  let odd = 0;
  for (let index = bytes.indexOf(0); index !== -1; index = bytes.indexOf(0, index + 1)) {
    if (index % 2 === 0) even++;
    else odd++;
  }
  return { even, odd };
}

function looksBinary(text: string): boolean {
  let control = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0) return true;
    const allowed =
      code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d || code === 0x1b;
    if (code < 0x20 && !allowed) control++;
  }
  return control > text.length * MAX_CONTROL_CHARACTER_SHARE;
}
