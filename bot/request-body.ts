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
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel();
      return { ok: false, reason: 'too-large' };
    }
    chunks.push(value);
  }
  return { ok: true, text: Buffer.concat(chunks).toString('utf8') };
}
