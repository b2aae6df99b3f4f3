import { parseConfigDocument } from '../config';
import type { EvidenceKind } from '../runbook';
import { looksLikeJsonDocument, textEvidenceParsers, type TextEvidenceKind } from './text-evidence';

/**
 * The order kinds are tried in: the most specific output first, the bare version last, as almost
 * any output can contain something that looks like a version.
 */
const identificationOrder: readonly TextEvidenceKind[] = [
  'tls12-check',
  'scheduler',
  'global-settings',
  'connector-run-status',
  'sync-cycle-result',
  'os',
  'version',
];

/** What kind of evidence a pasted or uploaded text is (the names `evidence identify` prints). */
export function identifyEvidence(text: string): EvidenceKind {
  if (looksLikeJsonDocument(text)) {
    const document = parseConfigDocument(text);
    if (document.kind !== 'not-config') return document.kind;
  }
  return (
    identificationOrder.find((kind) => textEvidenceParsers[kind](text).status === 'parsed') ??
    'unknown'
  );
}
