import { parseConfigDocument } from '../config';
import type { EvidenceKind } from '../runbook';
import { diagnosticKindOf } from './diagnostic-text';
import { memoByText } from './text-memo';
import { looksLikeJsonDocument, textEvidenceParsers, type TextEvidenceKind } from './text-evidence';

/**
 * The order kinds are tried in: the most specific output first, the bare version last, as almost
 * any output can contain something that looks like a version.
 */
const identificationOrder: readonly TextEvidenceKind[] = [
  'dc-locator',
  'port-test',
  'service-status',
  'entra-connector-credential',
  'tls12-check',
  'scheduler',
  'global-settings',
  'connector-run-status',
  'run-profile-result',
  'pending-exports',
  'deletion-threshold',
  'password-sync-state',
  'password-writeback',
  'sync-cycle-result',
  'os',
  'version',
];

/**
 * What kind of evidence a pasted or uploaded text is (the names `evidence identify` prints). An
 * event, a trace, an installer log or a known error wins over any output around it: whatever the
 * step, the admin is answered with its cause and fix, and the judgment of that step can at best
 * stay undecided.
 */
export const identifyEvidence: (text: string) => EvidenceKind = memoByText(identify);

function identify(text: string): EvidenceKind {
  if (looksLikeJsonDocument(text)) {
    const document = parseConfigDocument(text);
    if (document.kind !== 'not-config') return document.kind;
  }
  const diagnostic = diagnosticKindOf(text);
  if (diagnostic !== undefined) return diagnostic;
  return (
    identificationOrder.find((kind) => textEvidenceParsers[kind](text).status === 'parsed') ??
    'unknown'
  );
}
