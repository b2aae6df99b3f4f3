import type { Judgment } from '../migration/judgment';
import { checkpointById, nextCheckpoint } from '../migration/runbook';
import {
  continueAnywayAction,
  cardVersion,
  factRows,
  findingRows,
  formatBytes,
  judgmentPresentation,
  migrationContextLine,
  type MigrationServers,
  type Presentation,
} from './card-parts';
import { expandCardTemplate, type AdaptiveCardJson } from './card-template';
import { cardText, countOf, markdownLine } from './card-text';
import { formatInstant } from './card-time';
import checkpointResultTemplate from './templates/checkpoint-result.json';
import { actionData, cardVerbs } from './verbs';

/** The evidence a judgment was made from: who sent it, when, and its digest. */
export interface SubmittedEvidence {
  readonly submittedBy: string;
  readonly submittedAt: string;
  readonly sha256: string;
  readonly bytes: number;
  /** The file name when uploaded; pasted text has none. */
  readonly fileName?: string;
}

/** What the checkpoint result card shows. */
export interface CheckpointResultView {
  readonly migrationId: string;
  readonly servers: MigrationServers;
  readonly judgment: Judgment;
  readonly evidence: SubmittedEvidence;
  readonly timeZone: string;
  /** Where the full list is when findings are left out; the default names the `history` command. */
  readonly fullListHint?: string;
}

/** Findings and facts shown before the rest is left out: keeps the worst case far under 28 KB. */
export const MAX_FINDINGS = 8;
export const MAX_FACTS = 12;

function summaryOf(view: CheckpointResultView): string {
  const pastedError = view.judgment.findings.some((finding) => finding.pastedError !== undefined);
  if (pastedError && view.judgment.status === 'fail') {
    return 'The output you sent is an error message. The migration stays at this step: fix its cause as listed below, run the commands again and send the new output.';
  }
  if (pastedError && view.judgment.status === 'unknown') {
    return 'The output you sent is an error message that shows nothing about this step, so the step is not passed. Do what is listed below, then send the new output.';
  }
  const progress = view.judgment.progress;
  if (progress !== undefined && view.judgment.status === 'unknown') {
    const total = progress.received.length + progress.missing.length;
    return `Received ${String(progress.received.length)} of ${String(total)}: ${progress.received.join('; ')}. Still missing: ${progress.missing.join('; ')}. Send each as a reply (one message or several); I judge this step once it has them all.`;
  }
  const next = nextCheckpoint(view.judgment.checkpoint);
  const then = next === undefined ? '' : ` Next: ${next.title}.`;
  switch (view.judgment.status) {
    case 'pass':
      return `This step is done.${then}`;
    case 'warn':
      return `This step passed, but read the warnings before you go on.${then}`;
    case 'fail':
      return 'The migration stays at this step. Fix what is listed below, run the commands again and send the new output.';
    case 'unknown':
      return 'I could not read enough from the evidence to judge this step. Check that you sent the whole output of the commands, from the first line to the last.';
  }
}

/** "Evidence from Megan Bowen, Wed 14 Oct 2026, 15:42 CEST · tls12.txt, 2.1 KB · SHA-256 3f2a…". */
export function evidenceLine(evidence: SubmittedEvidence, timeZone: string): string {
  const what =
    evidence.fileName === undefined
      ? `pasted text, ${formatBytes(evidence.bytes)}`
      : `${evidence.fileName}, ${formatBytes(evidence.bytes)}`;
  return cardText(
    `Evidence from ${evidence.submittedBy}, ${formatInstant(evidence.submittedAt, timeZone)} · ${what} · SHA-256 ${evidence.sha256}`,
    600,
  );
}

/** An undecided step that has some of its outputs: not a failure to read, a wait for the rest. */
const awaitingMorePresentation: Presentation = {
  icon: '⏳',
  label: 'Waiting for the rest of the outputs',
  style: 'emphasis',
  color: 'Default',
};

/** Renders a checkpoint's verdict: status colour and icon, findings with their fixes, the facts read. */
export function renderCheckpointResultCard(view: CheckpointResultView): AdaptiveCardJson {
  const { judgment } = view;
  const checkpoint = checkpointById(judgment.checkpoint);
  const banner =
    judgment.progress !== undefined && judgment.status === 'unknown'
      ? awaitingMorePresentation
      : judgmentPresentation(judgment.status);
  const findings = findingRows(judgment.findings, MAX_FINDINGS);
  const facts = factRows(judgment.facts, MAX_FACTS);
  const hint = view.fullListHint ?? 'Type history to see all of them.';
  const retry = judgment.status === 'fail' || judgment.status === 'unknown';
  const ids = { migrationId: view.migrationId, checkpointId: judgment.checkpoint };
  const continueAnyway =
    judgment.status === 'warn' ? [continueAnywayAction(view.migrationId, judgment.checkpoint)] : [];
  const actions = retry
    ? [
        {
          title: 'Show the instructions again',
          data: actionData(cardVerbs.showInstructions, ids),
        },
      ]
    : continueAnyway;
  return expandCardTemplate('checkpoint result', checkpointResultTemplate, {
    version: cardVersion({ execute: actions.length > 0 }),
    fallbackText: markdownLine`${banner.label}: ${checkpoint.title}. ${countOf(judgment.findings.length, 'finding')}.`,
    context: migrationContextLine(view.servers),
    banner,
    title: cardText(checkpoint.title),
    summary: summaryOf(view),
    findingsHeading: `Findings (${judgment.findings.length})`,
    findings: findings.rows,
    moreFindings: findings.more === '' ? '' : `${findings.more} ${cardText(hint)}`,
    facts: facts.rows,
    moreFacts: facts.hidden === 0 ? '' : `…and ${countOf(facts.hidden, 'more fact')}.`,
    submitted: evidenceLine(view.evidence, view.timeZone),
    actions,
  });
}
