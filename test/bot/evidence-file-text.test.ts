import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { textOfEvidenceFile } from '../../bot/evidence-file-text';

// Real output with non-ASCII characters (Turkish comments), as PowerShell would save it.
const output = readFileSync(
  join(
    __dirname,
    '..',
    'fixtures',
    'real',
    '01a-get-adsyncscheduler-staging-off-sync-enabled-2025.txt',
  ),
  'utf8',
);
const windowsOutput = output.replaceAll('\n', '\r\n');

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const UTF16LE_BOM = Buffer.from([0xff, 0xfe]);
const UTF16BE_BOM = Buffer.from([0xfe, 0xff]);

function utf16be(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf16le');
  return bytes.swap16();
}

describe('reading an uploaded evidence file as text', () => {
  it('reads UTF-16 LE with a BOM, as Windows PowerShell 5.1 Out-File writes it', () => {
    const bytes = Buffer.concat([UTF16LE_BOM, Buffer.from(windowsOutput, 'utf16le')]);
    expect(textOfEvidenceFile(bytes)).toEqual({ ok: true, text: output, encoding: 'utf-16le' });
  });

  it('reads UTF-16 BE with a BOM', () => {
    const bytes = Buffer.concat([UTF16BE_BOM, utf16be(windowsOutput)]);
    expect(textOfEvidenceFile(bytes)).toEqual({ ok: true, text: output, encoding: 'utf-16be' });
  });

  it('reads UTF-16 without a BOM when the zero bytes give it away', () => {
    const ascii = 'StagingModeEnabled : True\r\n';
    expect(textOfEvidenceFile(Buffer.from(ascii, 'utf16le'))).toEqual({
      ok: true,
      text: 'StagingModeEnabled : True\n',
      encoding: 'utf-16le',
    });
    expect(textOfEvidenceFile(utf16be(ascii))).toMatchObject({ ok: true, encoding: 'utf-16be' });
  });

  it('reads UTF-8 with the BOM stripped, and UTF-8 without one', () => {
    const withBom = Buffer.concat([UTF8_BOM, Buffer.from(windowsOutput, 'utf8')]);
    expect(textOfEvidenceFile(withBom)).toEqual({ ok: true, text: output, encoding: 'utf-8' });
    expect(textOfEvidenceFile(Buffer.from(output, 'utf8'))).toEqual({
      ok: true,
      text: output,
      encoding: 'utf-8',
    });
  });

  it('reads bytes that are not UTF-8 as Windows-1252, as Windows PowerShell 5.1 Set-Content writes', () => {
    // "Prüfung – 5 €" in Windows-1252.
    const bytes = Buffer.from([
      0x50, 0x72, 0xfc, 0x66, 0x75, 0x6e, 0x67, 0x20, 0x96, 0x20, 0x35, 0x20, 0x80,
    ]);
    expect(textOfEvidenceFile(bytes)).toEqual({
      ok: true,
      text: 'Prüfung – 5 €',
      encoding: 'windows-1252',
    });
  });

  it('refuses binary files: an image, a zip, and random bytes', () => {
    const png = Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
      0x52,
    ]);
    const zip = Buffer.concat([Buffer.from('PK\x03\x04\x14\x00\x00\x00\x08\x00', 'latin1')]);
    for (const bytes of [png, zip]) {
      expect(textOfEvidenceFile(bytes)).toEqual({ ok: false, problem: 'binary' });
    }
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 512, maxLength: 2048 }), (bytes) => {
        expect(textOfEvidenceFile(bytes).ok).toBe(false);
      }),
      { numRuns: 50 },
    );
  });

  it('refuses UTF-16 that decodes to control characters', () => {
    const bytes = Buffer.concat([UTF16LE_BOM, Buffer.from([0x00, 0x00, 0x01, 0x00])]);
    expect(textOfEvidenceFile(bytes)).toEqual({ ok: false, problem: 'binary' });
  });

  it('reads any text written in any of the encodings back as the same text', () => {
    // Control characters are refused by design, and a leading U+FEFF is read as a BOM.
    const text = fc
      .string({ unit: 'grapheme', maxLength: 200 })
      .filter(
        (value) =>
          !value.startsWith('\ufeff') &&
          Array.from({ length: value.length }, (_, i) => value.charCodeAt(i)).every(
            (code) => code >= 0x20 || code === 0x0a || code === 0x09,
          ),
      );
    fc.assert(
      fc.property(text, (value) => {
        const encoded = [
          Buffer.from(value, 'utf8'),
          Buffer.concat([UTF8_BOM, Buffer.from(value, 'utf8')]),
          Buffer.concat([UTF16LE_BOM, Buffer.from(value, 'utf16le')]),
          Buffer.concat([UTF16BE_BOM, utf16be(value)]),
        ];
        for (const bytes of encoded) {
          expect(textOfEvidenceFile(bytes)).toMatchObject({ ok: true, text: value });
        }
      }),
    );
  });
});
