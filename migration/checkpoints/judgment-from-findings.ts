import type { CheckpointId } from '../runbook';
import type { FactValue, Finding, Judgment, JudgmentStatus } from '../judgment';

/** The parts a checkpoint judgment is built from. */
export interface JudgmentParts {
  checkpoint: CheckpointId;
  findings: readonly Finding[];
  facts?: Readonly<Record<string, FactValue>>;
  /** The evidence could not decide the checkpoint (something required is missing or unreadable). */
  undetermined?: boolean;
}

/** The status findings add up to: any error fails; otherwise missing evidence is unknown; a warning warns. */
export function statusOf(findings: readonly Finding[], undetermined: boolean): JudgmentStatus {
  if (findings.some((finding) => finding.severity === 'error')) return 'fail';
  if (undetermined) return 'unknown';
  if (findings.some((finding) => finding.severity === 'warning')) return 'warn';
  return 'pass';
}

/** A judgment whose status follows from its findings. */
export function judgmentFrom(parts: JudgmentParts): Judgment {
  return {
    checkpoint: parts.checkpoint,
    status: statusOf(parts.findings, parts.undetermined ?? false),
    findings: [...parts.findings],
    facts: { ...parts.facts },
  };
}
