import type { ReadableStreamReadResult } from 'node:stream/web';
import { MAX_PASTED_TEXT_BYTES } from './evidence-limits';

/**
 * The largest request body `/api/messages` reads. Teams delivers a message of at most about 28 KB
 * of text (MAX_PASTED_TEXT_BYTES, Learn: "Limits and specifications for Microsoft Teams"), and the
 * activity around it (sender, conversation, entities, a card's submitted values, file links) adds a
 * few KB more. Eight times that is far above any real activity; a larger body is refused with 413
 * before it is parsed or authenticated, so an unauthenticated caller cannot make the app read it.
 */
export const MAX_ACTIVITY_BYTES = 8 * MAX_PASTED_TEXT_BYTES;

/** A request body read up to a cap: its text, or why it was not read whole. */
export type BoundedBody = { ok: true; text: string } | { ok: false; reason: 'too-large' };

/**
 * Reads a request body as UTF-8 text unless it is larger than `max` bytes: a declared
 * Content-Length over the cap is refused without reading anything, and a body that grows past the
 * cap while it streams is cancelled there.
 */
export async function readBoundedBody(
  declaredLength: string | null,
  body: ReadableStream<Uint8Array> | null,
  max = MAX_ACTIVITY_BYTES,
): Promise<BoundedBody> {
  if (declaredLength !== null && /^\d+$/.test(declaredLength.trim())) {
    if (Number(declaredLength.trim()) > max) {
      await body?.cancel();
      return { ok: false, reason: 'too-large' };
    }
  }
  if (body === null) return { ok: true, text: '' };
  const bytes = await readAtMost(body, max);
  return bytes === 'too-large'
    ? { ok: false, reason: 'too-large' }
    : { ok: true, text: bytes.toString('utf8') };
}

/**
 * A stream's bytes, or 'too-large' as soon as they pass `max` (a declared length may be absent or
 * wrong): the stream is cancelled there and nothing more is read.
 */
export async function readAtMost(
  stream: ReadableStream<Uint8Array>,
  max: number,
): Promise<Buffer | 'too-large'> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    // Node types a fetch body's chunks as any; check that they are bytes.
    const result: ReadableStreamReadResult<unknown> = await reader.read();
    if (result.done) return Buffer.concat(chunks, total);
    const chunk = result.value;
    if (!(chunk instanceof Uint8Array)) throw new TypeError('A body chunk is not bytes');
    total += chunk.byteLength;
    if (total > max) {
      await reader.cancel();
      return 'too-large';
    }
    chunks.push(chunk);
  }
}
