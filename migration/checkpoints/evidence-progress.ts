import { describeEvidenceKinds, evidenceKindGuides } from '../evidence/evidence-kind-guide';
import type { EvidenceItem } from '../evidence/evidence-item';
import { identifyEvidence } from '../evidence/identify-evidence';
import type { Finding, Judgment } from '../judgment';
import { checkpointById, type CheckpointId, type EvidenceKind } from '../runbook';

/**
 * A step that needs several outputs, judged after some of them: rather than "could not judge",
 * the judgment says what it has and what is still missing (`progress`), and a missing output whose
 * kind was sent, but without what the step reads from it, says so instead of "none was found".
 * Anything but an undecided judgment, or one from nothing this step takes, is left as it is.
 */
export function withEvidenceProgress(
  judgment: Judgment,
  checkpointId: CheckpointId,
  items: readonly EvidenceItem[],
): Judgment {
  if (judgment.status !== 'unknown') return judgment;
  const awaited = judgment.findings.filter((finding) => finding.needs !== undefined);
  if (awaited.length === 0) return judgment;
  const accepts: readonly EvidenceKind[] = checkpointById(checkpointId).accepts;
  const received = [
    ...new Set(
      items.map((item) => identifyEvidence(item.text)).filter((kind) => accepts.includes(kind)),
    ),
  ];
  if (received.length === 0) return judgment;
  return {
    ...judgment,
    findings: judgment.findings.map((finding) => withWhatWasSent(finding, received)),
    progress: {
      received: received.map((kind) => evidenceKindGuides[kind].label),
      missing: awaited.map((finding) => neededText(finding)),
    },
  };
}

function neededText(finding: Finding): string {
  const what = describeEvidenceKinds(finding.needs ?? []);
  return finding.neededFor === undefined ? what : `${what}, ${finding.neededFor}`;
}

/** "No global settings was found" when global settings were sent, only not the line needed. */
function withWhatWasSent(finding: Finding, received: readonly EvidenceKind[]): Finding {
  const sent = finding.needs?.find((kind) => received.includes(kind));
  if (finding.needs === undefined || sent === undefined) return finding;
  const purpose =
    finding.neededFor === undefined
      ? 'what this step reads from it'
      : `what is needed ${finding.neededFor}`;
  return {
    ...finding,
    message: `What you sent as ${evidenceKindGuides[sent].label} does not show ${purpose}: send the whole ${describeEvidenceKinds(finding.needs)}.`,
  };
}
