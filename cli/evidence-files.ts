import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { EvidenceItem } from '../migration/evidence/evidence-item';

/** A file that could not be read, with the reason in words. */
export class UnreadableEvidenceFile extends Error {
  constructor(
    readonly file: string,
    options: { cause: unknown },
  ) {
    const code = (options.cause as NodeJS.ErrnoException | undefined)?.code;
    super(`Cannot read ${file}${code === undefined ? '' : ` (${code})`}.`, options);
    this.name = 'UnreadableEvidenceFile';
  }
}

/** Reads an evidence file as an item named after the file. */
export async function readEvidenceFile(file: string): Promise<EvidenceItem> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new UnreadableEvidenceFile(file, { cause: error });
  }
  return { text: decodeEvidenceText(bytes), name: path.basename(file) };
}

/**
 * Text from the bytes of a file: Windows PowerShell 5.1 writes `>` redirections as UTF-16 LE
 * with a byte-order mark, so the mark decides; anything else is read as UTF-8.
 */
export function decodeEvidenceText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  const text = bytes.toString('utf8');
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}
