import type { EvidenceItem } from '../evidence/evidence-item';
import {
  recognizePastedErrors,
  verdictOfErrors,
  type PastedError,
} from '../evidence/pasted-errors';
import { looksLikeJsonDocument } from '../evidence/text-evidence';
import type { Finding, Judgment, JudgmentStatus } from '../judgment';

/**
 * The errors that still stand among a checkpoint's items. An error is answered by any later
 * submission without one (the admin fixed it and sent the output again), so an old error never
 * keeps a step failed. Uploaded JSON documents are settings, not command output.
 */
export function standingPastedErrors(items: readonly EvidenceItem[]): PastedError[] {
  const perItem = items.map((item) =>
    looksLikeJsonDocument(item.text) ? [] : recognizePastedErrors(item.text),
  );
  const lastClean = perItem.findLastIndex((errors) => errors.length === 0);
  const seen = new Set<string>();
  return perItem.slice(lastClean + 1).flatMap((errors) =>
    errors.filter((error) => {
      if (seen.has(error.id)) return false;
      seen.add(error.id);
      return true;
    }),
  );
}

/** The finding of a pasted error: what it is, its cause (with the line as printed) and the exact fix. */
export function pastedErrorFinding(error: PastedError): Finding {
  return {
    severity: error.verdict === 'fail' ? 'error' : 'warning',
    message: `${error.title}: ${error.cause} The output says: “${error.excerpt}”`,
    remediation: `${error.fix} (Microsoft Learn: ${error.learn})`,
    pastedError: error.id,
  };
}

/**
 * A judgment with the standing errors of its evidence applied: their findings come first, and
 * the status is at best `unknown` (or `fail` for an error that means something is broken). No
 * judge can pass evidence that holds an error.
 */
export function withPastedErrors(judgment: Judgment, items: readonly EvidenceItem[]): Judgment {
  const errors = standingPastedErrors(items);
  const verdict = verdictOfErrors(errors, judgment.checkpoint);
  if (verdict === undefined) return judgment;
  const status: JudgmentStatus =
    verdict === 'fail' || judgment.status === 'fail' ? 'fail' : 'unknown';
  return {
    ...judgment,
    status,
    findings: [...errors.map(pastedErrorFinding), ...judgment.findings],
  };
}
