import { computerNameCommand, readComputerNames, sameComputer } from '../evidence/computer-name';
import type { EvaluationContext, EvidenceItem } from '../evidence/evidence-item';
import {
  looksLikeJsonDocument,
  textEvidenceParsers,
  type TextEvidenceKind,
} from '../evidence/text-evidence';
import type { Finding, Judgment } from '../judgment';
import { checkpointById, type CheckpointId } from '../runbook';
import { statusOf } from './judgment-from-findings';

/**
 * A judgment with the origin of its evidence checked: each pasted output must come from the server
 * the step runs on. One from the other server of the migration fails, saying which it is (at
 * cutover the old and new servers' outputs look alike); one that names no server, or a server the
 * migration does not know, warns. Uploaded JSON documents are settings, not command output.
 */
export function withServerIdentity(
  judgment: Judgment,
  checkpointId: CheckpointId,
  items: readonly EvidenceItem[],
  context: EvaluationContext,
): Judgment {
  const runOn = checkpointById(checkpointId).runOn;
  const servers = context.servers;
  if (servers === undefined || (runOn !== 'old' && runOn !== 'new')) return judgment;
  const expected = runOn === 'old' ? servers.old : servers.new;
  const other = runOn === 'old' ? servers.new : servers.old;
  const outputs = outputsJudged(items);
  const findings: Finding[] = [];
  let unnamed = 0;
  for (const item of outputs) {
    const names = readComputerNames(item.text);
    if (names.length === 0) {
      unnamed += 1;
      continue;
    }
    const fromOther = names.find((name) => sameComputer(name, other));
    const unknown = names.filter(
      (name) => !sameComputer(name, expected) && !sameComputer(name, other),
    );
    if (fromOther !== undefined) {
      findings.push({
        severity: 'error',
        message: `This came from ${fromOther}, not ${expected}: the output is from the ${runOn === 'old' ? 'new' : 'old'} server of this migration.`,
        remediation: `Run the commands of this step on ${expected} and paste that output.`,
      });
    } else if (unknown.length > 0) {
      findings.push({
        severity: 'warning',
        message: `This came from ${unknown.join(', ')}, which is neither ${servers.old} nor ${servers.new}.`,
        remediation: `Run the commands of this step on ${expected} and paste that output, or cancel and start the migration again with the right server names.`,
      });
    }
  }
  if (unnamed > 0) {
    findings.push({
      severity: 'warning',
      message: `${unnamedText(unnamed, outputs.length)} not say which server it came from; this step runs on ${expected}.`,
      remediation: `Run the commands as the card gives them: the first line, ${computerNameCommand}, prints the server's name. Or continue anyway if you are sure the output is from ${expected}.`,
    });
  }
  if (findings.length === 0) return judgment;
  const all = [...findings, ...judgment.findings];
  return {
    ...judgment,
    // Undecided stays undecided: a warning about the origin never turns an unknown into a warn.
    status:
      judgment.status === 'unknown' && !all.some((f) => f.severity === 'error')
        ? 'unknown'
        : statusOf(all, false),
    findings: all,
  };
}

function unnamedText(unnamed: number, outputs: number): string {
  if (outputs === 1) return 'The output does';
  return unnamed === outputs
    ? `None of the ${String(outputs)} outputs does`
    : `${String(unnamed)} of the ${String(outputs)} outputs do`;
}

const textKinds = Object.keys(textEvidenceParsers) as TextEvidenceKind[];

/**
 * The outputs a judgment reads: judges take each kind of evidence from the last item that holds
 * it, so an item whose every kind was sent again later (the admin ran the command on the right
 * server) no longer counts, and neither does text that holds no evidence at all.
 */
function outputsJudged(items: readonly EvidenceItem[]): EvidenceItem[] {
  const seen = new Set<TextEvidenceKind>();
  const judged: EvidenceItem[] = [];
  for (const item of [...items].reverse()) {
    if (looksLikeJsonDocument(item.text)) continue;
    const kinds = textKinds.filter(
      (kind) => textEvidenceParsers[kind](item.text).status === 'parsed',
    );
    if (kinds.some((kind) => !seen.has(kind))) judged.unshift(item);
    for (const kind of kinds) seen.add(kind);
  }
  return judged;
}
