import { describeEvidenceKinds, evidenceKindGuides } from '../evidence/evidence-kind-guide';
import type { Finding, Judgment } from '../judgment';
import type { CheckpointId, EvidenceKind } from '../runbook';
import { judgmentFrom } from './judgment-from-findings';

/** The finding of an `unknown` judgment: which evidence is missing and exactly how to get it. */
export function missingEvidenceFinding(kinds: readonly EvidenceKind[], purpose?: string): Finding {
  const [first] = kinds;
  return {
    severity: 'warning',
    message: `No ${describeEvidenceKinds(kinds)} was found${purpose === undefined ? '' : ` (needed ${purpose})`}.`,
    remediation: first === undefined ? '' : evidenceKindGuides[first].howToGet,
    needs: [...kinds],
    ...(purpose === undefined ? {} : { neededFor: purpose }),
  };
}

/** The finding for evidence that was found but lacks fields the judgment needs. */
export function incompleteEvidenceFinding(kind: EvidenceKind, fields: readonly string[]): Finding {
  return {
    severity: 'warning',
    message: `The ${evidenceKindGuides[kind].label} is incomplete: ${fields.join(', ')} could not be read.`,
    remediation: evidenceKindGuides[kind].howToGet,
  };
}

/** The `unknown` judgment of a checkpoint that got none of the evidence it needs. */
export function missingEvidenceJudgment(
  checkpoint: CheckpointId,
  kinds: readonly EvidenceKind[],
  purpose?: string,
): Judgment {
  return judgmentFrom({
    checkpoint,
    findings: [missingEvidenceFinding(kinds, purpose)],
    undetermined: true,
  });
}
