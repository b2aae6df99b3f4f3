import { judgeNewServerActive } from './checkpoints/judge-new-server-active';
import { withEvidenceProgress } from './checkpoints/evidence-progress';
import { withPastedErrors } from './checkpoints/pasted-error-findings';
import { judgeMonitoring } from './checkpoints/judge-monitoring';
import { judgeOldServerStaging } from './checkpoints/judge-old-server-staging';
import { findSignInAnswers, judgeSignInSettings } from './checkpoints/judge-sign-in-settings';
import { judgeSourceSettings } from './checkpoints/judge-source-settings';
import { judgeSourceVersion } from './checkpoints/judge-source-version';
import { judgeStagingSync } from './checkpoints/judge-staging-sync';
import { judgeTargetInstall } from './checkpoints/judge-target-install';
import { judgeTargetOs } from './checkpoints/judge-target-os';
import { withServerIdentity } from './checkpoints/server-identity-findings';
import { judgeTls12 } from './checkpoints/judge-tls12';
import { judgeConfigExport, judgeConfigMatch, parseConfigDocument } from './config';
import type { EvaluationContext, EvidenceItem } from './evidence/evidence-item';
import { describeEvidenceKinds, evidenceKindGuides } from './evidence/evidence-kind-guide';
import { identifyEvidence } from './evidence/identify-evidence';
import { looksLikeJsonDocument, textEvidenceParsers } from './evidence/text-evidence';
import type { Judgment } from './judgment';
import { checkpointById, isDiagnosticKind, type CheckpointId, type EvidenceKind } from './runbook';

/** The checkpoints people decide (approval card, decommission checklist): no evidence judges them. */
export const peopleCheckpointIds = ['cutover-approval', 'decommission'] as const;
export type PeopleCheckpointId = (typeof peopleCheckpointIds)[number];

/** The checkpoints judged from evidence. */
export type EvidenceCheckpointId = Exclude<CheckpointId, PeopleCheckpointId>;

/** True for a checkpoint people decide. */
export function isPeopleCheckpoint(id: CheckpointId): id is PeopleCheckpointId {
  return (peopleCheckpointIds as readonly CheckpointId[]).includes(id);
}

type Judge = (items: readonly EvidenceItem[], context: EvaluationContext) => Judgment;

const judges: Readonly<Record<EvidenceCheckpointId, Judge>> = {
  'source-version': judgeSourceVersion,
  'source-settings': judgeSourceSettings,
  'sign-in-settings': judgeSignInSettings,
  'config-export': judgeConfigExport,
  'target-os': judgeTargetOs,
  tls12: judgeTls12,
  'target-install': judgeTargetInstall,
  'config-match': judgeConfigMatch,
  'staging-sync': judgeStagingSync,
  'old-server-staging': judgeOldServerStaging,
  'new-server-active': judgeNewServerActive,
  monitoring: judgeMonitoring,
};

/**
 * Judges one evidence checkpoint; missing required evidence gives `unknown` naming what to provide,
 * a pasted error in the evidence keeps it from passing, with the error's cause and fix, and an
 * output from the wrong server fails (see withServerIdentity).
 */
export function evaluateCheckpoint(
  id: EvidenceCheckpointId,
  items: readonly EvidenceItem[],
  context: EvaluationContext,
): Judgment {
  return withEvidenceProgress(
    withServerIdentity(
      withPastedErrors(judges[id](items, context), items, context),
      id,
      items,
      context,
    ),
    id,
    items,
  );
}

/** The outcome of evaluating any checkpoint, for callers that must tell unusable input from a judgment. */
export type CheckpointEvaluation =
  | { kind: 'judged'; judgment: Judgment }
  /** None of the items is evidence this checkpoint takes; the judgment says what to provide. */
  | { kind: 'no-usable-evidence'; judgment: Judgment; problems: readonly string[] }
  | { kind: 'decided-by-people'; checkpoint: PeopleCheckpointId; message: string };

/** Evaluates any checkpoint: people-decided ones and unusable input come back as their own outcomes. */
export function evaluateCheckpointEvidence(
  id: CheckpointId,
  items: readonly EvidenceItem[],
  context: EvaluationContext,
): CheckpointEvaluation {
  if (isPeopleCheckpoint(id)) {
    return { kind: 'decided-by-people', checkpoint: id, message: peopleDecisionMessages[id] };
  }
  const judgment = evaluateCheckpoint(id, items, context);
  const problems = usabilityProblems(id, items);
  return problems.length === 0
    ? { kind: 'judged', judgment }
    : { kind: 'no-usable-evidence', judgment, problems };
}

const peopleDecisionMessages: Readonly<Record<PeopleCheckpointId, string>> = {
  'cutover-approval':
    'cutover-approval is decided by people: an allowed approver approves the cutover on the approval card in Teams. No evidence file can decide it.',
  decommission:
    "decommission is confirmed by people on the decommission checklist in Teams (uninstall Entra Connect on the old server or delete its VM, remove the old MSOL_ and Sync_ accounts, delete the old server's ConnectSyncProvisioning_ application registration, register the new server's Connect Health agent, then remove the old server from Connect Health). No evidence file can decide it.",
};

/** Why the items cannot be used for the checkpoint at all; empty when at least one can. */
function usabilityProblems(id: EvidenceCheckpointId, items: readonly EvidenceItem[]): string[] {
  const accepts = checkpointById(id).accepts;
  if (items.length === 0)
    return [`No evidence was given; ${id} takes ${describeAccepted(id, accepts)}.`];
  // Errors, events and the outputs the fixes ask for are judged at any step: they fail or stay
  // unknown, with their cause and fix.
  if (items.some((item) => isDiagnosticKind(identifyEvidence(item.text)))) return [];
  switch (id) {
    case 'sign-in-settings': {
      const answers = findSignInAnswers(items);
      if (answers?.ok === true) return [];
      return [
        answers === undefined
          ? 'No sign-in answers JSON was given.'
          : `The sign-in answers cannot be used: ${answers.problems.join('; ')}.`,
      ];
    }
    case 'config-match': {
      const [old, applied] = items;
      const unusable = [old, applied].flatMap((item, index) =>
        item === undefined
          ? [
              `${index === 0 ? 'The old export' : "The new server's applied settings"} was not given.`,
            ]
          : configProblems(item, index),
      );
      return unusable;
    }
    default:
      return items.some((item) => holdsAcceptedEvidence(item, accepts))
        ? []
        : items.map(
            (item, index) =>
              `${labelOf(item, index)} is ${describeItem(item)}, not ${describeAccepted(id, accepts)}.`,
          );
  }
}

function configProblems(item: EvidenceItem, index: number): string[] {
  const parsed = parseConfigDocument(item.text);
  return parsed.kind === 'not-config' ? [`${labelOf(item, index)}: ${parsed.reason}`] : [];
}

function holdsAcceptedEvidence(item: EvidenceItem, accepts: readonly EvidenceKind[]): boolean {
  if (looksLikeJsonDocument(item.text)) {
    const parsed = parseConfigDocument(item.text);
    return parsed.kind !== 'not-config' && accepts.includes(parsed.kind);
  }
  return accepts.some(
    (kind) =>
      kind in textEvidenceParsers &&
      textEvidenceParsers[kind as keyof typeof textEvidenceParsers](item.text).status === 'parsed',
  );
}

function describeItem(item: EvidenceItem): string {
  const kind = identifyEvidence(item.text);
  return kind === 'unknown' ? 'not recognised as any evidence' : evidenceKindGuides[kind].label;
}

function describeAccepted(id: EvidenceCheckpointId, accepts: readonly EvidenceKind[]): string {
  return id === 'sign-in-settings' ? 'the sign-in answers JSON' : describeEvidenceKinds(accepts);
}

function labelOf(item: EvidenceItem, index: number): string {
  return item.name ?? `Item ${index + 1}`;
}
