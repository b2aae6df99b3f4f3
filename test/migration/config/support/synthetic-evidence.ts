import type { EvaluationContext, EvidenceItem } from '../../../../migration/evidence/evidence-item';
import {
  oldInstall,
  syntheticExport,
  twoForestSpec,
  type JsonObject,
  type SyntheticExportSpec,
  type SyntheticInstall,
} from '../../../fixtures/synthetic/config-export-builder';

// _synthetic: true — helpers over the synthetic builder (test/fixtures/synthetic).

/** The old server's export of the two-forest configuration: the left side of every comparison. */
export const oldExport: JsonObject = syntheticExport(twoForestSpec, oldInstall);

/** The context the config judgments get; they do not depend on the date. */
export const judgmentContext: EvaluationContext = { today: '2026-06-01' };

/** A built document as the admin uploads it: its JSON text, with the file name when given. */
export function evidenceOf(json: JsonObject, name?: string): EvidenceItem {
  const text = JSON.stringify(json);
  return name === undefined ? { text } : { text, name };
}

/** The two-forest export on `install`, after an edit of its spec. */
export function exportWith(
  install: SyntheticInstall,
  edit: (spec: SyntheticExportSpec) => void = () => undefined,
): JsonObject {
  const spec = structuredClone(twoForestSpec);
  edit(spec);
  return syntheticExport(spec, install);
}
