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

/**
 * Reads an uploaded evidence file as text: UTF-8 (BOM stripped), UTF-16 LE or BE with a BOM, or
 * without one when its zero bytes give it away (Windows PowerShell 5.1 `Out-File` and `>` write
 * UTF-16 LE), and Windows-1252 for bytes that are not UTF-8 (5.1 `Set-Content` writes the ANSI code
 * page). `\r\n` becomes `\n`. A file that is not text is refused.
 */
export function textOfEvidenceFile(bytes: Uint8Array): EvidenceFileText {
  const encoding = encodingOf(bytes);
  if (encoding === 'binary') return { ok: false, problem: 'binary' };
  // The decoder strips a BOM that matches the encoding.
  const text = new TextDecoder(encoding).decode(bytes);
  if (looksBinary(text)) return { ok: false, problem: 'binary' };
  return { ok: true, text: text.replaceAll('\r\n', '\n'), encoding };
}

function encodingOf(bytes: Uint8Array): EvidenceFileEncoding | 'binary' {
  const [first, second, third] = bytes;
  if (first === 0xef && second === 0xbb && third === 0xbf) return 'utf-8';
  if (first === 0xff && second === 0xfe) return 'utf-16le';
  if (first === 0xfe && second === 0xff) return 'utf-16be';
  const zeros = zeroBytePositions(bytes);
  if (zeros.even + zeros.odd > 0) {
    // Mostly-ASCII UTF-16 has a zero in every other byte: odd positions for LE, even for BE.
    if (bytes.length % 2 !== 0) return 'binary';
    if (zeros.even === 0) return 'utf-16le';
    if (zeros.odd === 0) return 'utf-16be';
    return 'binary';
  }
  return isUtf8(bytes) ? 'utf-8' : 'windows-1252';
}

function zeroBytePositions(bytes: Uint8Array): { even: number; odd: number } {
  let even = 0;
  let odd = 0;
  for (let index = 0; index < bytes.length; index++) {
    if (bytes[index] !== 0) continue;
    if (index % 2 === 0) even++;
    else odd++;
  }
  return { even, odd };
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    // A fatal decoder throws exactly when the bytes are not valid UTF-8.
    return false;
  }
}

function looksBinary(text: string): boolean {
  let control = 0;
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    if (code === 0) return true;
    const allowed =
      code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d || code === 0x1b;
    if (code < 0x20 && !allowed) control++;
  }
  return control > text.length * MAX_CONTROL_CHARACTER_SHARE;
}
