import { describe, expect, it } from 'vitest';
import {
  isPastedTextTooLarge,
  MAX_PASTED_TEXT_BYTES,
  PASTED_TEXT_TOO_LARGE_MESSAGE,
} from '../../bot/evidence-limits';

describe('the pasted text limit', () => {
  it('accepts a paste up to the limit and refuses one a byte over it', () => {
    expect(isPastedTextTooLarge('a'.repeat(MAX_PASTED_TEXT_BYTES))).toBe(false);
    expect(isPastedTextTooLarge('a'.repeat(MAX_PASTED_TEXT_BYTES + 1))).toBe(true);
  });

  it('counts UTF-8 bytes, not characters', () => {
    expect(isPastedTextTooLarge('ü'.repeat(MAX_PASTED_TEXT_BYTES / 2 + 1))).toBe(true);
  });

  it('refuses the 28-100 KB pastes only the Playground lets through, and says to upload a file', () => {
    expect(isPastedTextTooLarge('x'.repeat(60 * 1024))).toBe(true);
    expect(PASTED_TEXT_TOO_LARGE_MESSAGE).toContain('28 KB');
    expect(PASTED_TEXT_TOO_LARGE_MESSAGE).toContain('upload');
  });
});
