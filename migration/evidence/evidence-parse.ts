/**
 * What a parser made of a paste: the value it read and what it expected but did not find, or why
 * the text is not this kind of evidence at all. Parsers return this and never throw.
 */
export type EvidenceParse<T> =
  { status: 'parsed'; value: T; missing: readonly string[] } | { status: 'absent'; reason: string };

/** A parse that found its evidence. */
export function parsedEvidence<T>(value: T, missing: readonly string[] = []): EvidenceParse<T> {
  return { status: 'parsed', value, missing };
}

/** A parse that found nothing of its kind. */
export function absentEvidence<T>(reason: string): EvidenceParse<T> {
  return { status: 'absent', reason };
}
