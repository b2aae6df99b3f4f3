import type { TurnContext } from 'botbuilder';
import { inlineText, markdownLine } from '../cards/card-text';
import {
  describeEvidenceKinds,
  evidenceKindGuides,
} from '../migration/evidence/evidence-kind-guide';
import { identifyEvidence } from '../migration/evidence/identify-evidence';
import {
  recognizePastedErrors,
  verdictOfErrors,
  type PastedError,
} from '../migration/evidence/pasted-errors';
import { isDiagnosticKind, type Checkpoint, type EvidenceKind } from '../migration/runbook';
import { evidenceCheckpointOf, mayAct } from '../migration/workflow/permissions';
import { optionalFeatureKeys } from '../migration/optional-features';
import { parseSignInAnswers } from '../migration/sign-in-answers';
import { actorOf, roleOf, type ActiveMigration } from './active-migration';
import { textOfEvidenceFile, BINARY_EVIDENCE_FILE_MESSAGE } from './evidence-file-text';
import {
  isPastedTextTooLarge,
  MAX_EVIDENCE_FILE_BYTES,
  PASTED_TEXT_TOO_LARGE_MESSAGE,
} from './evidence-limits';
import { evidenceTextOf } from './evidence-text';
import {
  describeEvidenceFileProblem,
  downloadEvidenceFile,
  evidenceFilesOf,
} from './evidence-upload';
import type { Logger } from './logger';
import type { MigrationServices } from './migration-services';
import { signalMigration, signalReply } from './migration-signals-out';
import { onlyWhoMayReply } from './migration-text';

/** One piece of evidence read from a message, before it is accepted. */
interface Candidate {
  bytes: Buffer;
  text: string;
  fileName?: string;
}

/** True when a message carries uploaded files. */
export function hasEvidenceFiles(context: TurnContext): boolean {
  return evidenceFilesOf(context.activity).length > 0;
}

/**
 * Pasted output or uploaded files sent while a migration waits for evidence: read, recognised,
 * stored (content-addressed) and signalled to the orchestration, which judges it. The bot says what
 * it understood first; bad input gets a clear message and changes nothing.
 */
export async function takeEvidence(
  context: TurnContext,
  services: MigrationServices,
  active: ActiveMigration,
  logger: Logger,
): Promise<void> {
  const { entry, view } = active;
  const status = view.status;
  if (entry === undefined || status === undefined) {
    await context.sendActivity(
      'I cannot find the state of the running migration. Type status and try again.',
    );
    return;
  }
  const checkpoint = evidenceCheckpointOf(status);
  if (checkpoint === undefined) {
    const pasted = evidenceTextOf(context.activity).text;
    const errors = hasEvidenceFiles(context) ? [] : recognizePastedErrors(pasted);
    await context.sendActivity(
      errors.length === 0
        ? 'The migration is not waiting for evidence right now. Type status to see what it waits for.'
        : `${describeErrors(errors, identifyEvidence(pasted))} Nothing was recorded: the migration is not waiting for evidence right now. Type status to see what it waits for.`,
    );
    return;
  }

  const candidates = await readCandidates(context, services, logger);
  if (typeof candidates === 'string') {
    await context.sendActivity(candidates);
    return;
  }
  await acceptEvidence(context, services, active, candidates);
}

/** Recognises, stores and signals each candidate; says what it understood, or why not. */
async function acceptEvidence(
  context: TurnContext,
  services: MigrationServices,
  active: ActiveMigration,
  candidates: readonly Candidate[],
): Promise<void> {
  const { entry, view } = active;
  const status = view.status;
  const checkpoint = status === undefined ? undefined : evidenceCheckpointOf(status);
  if (entry === undefined || checkpoint === undefined) {
    await context.sendActivity(
      'The migration is not waiting for evidence right now. Type status to see what it waits for.',
    );
    return;
  }
  if (!mayAct('send-evidence', roleOf(entry, context))) {
    await context.sendActivity(
      onlyWhoMayReply(
        'send-evidence',
        entry.ownerName,
        'of this migration can send evidence for it.',
      ),
    );
    return;
  }
  const actor = actorOf(context);
  for (const candidate of candidates) {
    const kind = kindOf(candidate.text, checkpoint);
    if (kind === undefined) {
      await context.sendActivity(unrecognisedEvidenceReply(candidate.fileName, checkpoint));
      continue;
    }
    if (
      !isDiagnosticKind(kind) &&
      !checkpoint.accepts.includes(kind) &&
      !(checkpoint.id === 'sign-in-settings' && kind === 'unknown')
    ) {
      await context.sendActivity(
        `That looks like ${evidenceKindGuides[kind].label}, but “${checkpoint.title}” needs ${acceptedText(checkpoint)}. Nothing was recorded.`,
      );
      continue;
    }
    const ref = await services.evidence.put(entry.tenantId, candidate.bytes, {
      ...(candidate.fileName === undefined ? {} : { fileName: candidate.fileName }),
      contentType: 'text/plain; charset=utf-8',
    });
    const result = await signalMigration(
      services,
      entry,
      actor,
      { type: 'evidence', checkpoint: checkpoint.id, kind, evidence: ref },
      {
        kind: 'submission',
        summary: `${actor.name} sent ${kindLabel(kind)} for “${checkpoint.title}”.`,
        detail: {
          sha256: ref.sha256,
          bytes: ref.bytes,
          ...(ref.fileName === undefined ? {} : { fileName: ref.fileName }),
        },
        key: `submission:${checkpoint.id}:${ref.sha256}:${context.activity.id ?? services.now().toISOString()}`,
      },
    );
    if (result !== 'accepted') {
      await context.sendActivity(`${signalReply(result, '')} This evidence was not used.`);
      return;
    }
    const errors = isDiagnosticKind(kind) ? recognizePastedErrors(candidate.text) : [];
    if (errors.length > 0) {
      await context.sendActivity(errorRecordedReply(errors, kind, checkpoint));
      continue;
    }
    const lines = candidate.text.split('\n').length;
    await context.sendActivity(evidenceReadReply(candidate.fileName, kind, lines, checkpoint));
  }
}

/** The answer to evidence this step does not recognise: what it takes, and how to get it. */
export function unrecognisedEvidenceReply(
  fileName: string | undefined,
  checkpoint: Checkpoint,
): string {
  const what = fileName === undefined ? 'that' : inlineText(fileName);
  return `I could not recognise ${what} as evidence for “${checkpoint.title}”. This step takes ${acceptedText(checkpoint)}. ${evidenceKindGuides.unknown.howToGet}`;
}

/** The answer to evidence that was recognised and sent on to be judged. */
export function evidenceReadReply(
  fileName: string | undefined,
  kind: EvidenceKind,
  lines: number,
  checkpoint: Checkpoint,
): string {
  const what = fileName === undefined ? 'this' : markdownLine`“${fileName}”`;
  return `Got it: I read ${what} as ${kindLabel(kind)}, ${String(lines)} lines, for step “${checkpoint.title}”. Checking it now…`;
}

/** The answer to an uploaded file that could not be downloaded, with why in the bot's words. */
export function unreadableFileReply(fileName: string, why: string): string {
  return `${markdownLine`I could not read “${fileName}”:`} ${why}`;
}

/** The answer to a sign-in form whose answers do not hold together. */
export function signInFormProblemsReply(problems: readonly string[]): string {
  return `The sign-in form could not be used: ${problems.map(inlineText).join(' ')}`;
}

/** How the answer to a paste holding known errors opens, by what the paste is. */
const errorOpenings: Partial<Record<EvidenceKind, string>> = {
  'event-log': 'That is an event log entry, not evidence',
  'wizard-error': 'That is a wizard error, not evidence',
  'installer-error': 'That is an installer failure, not evidence',
  'health-alert': 'That is a Connect Health alert, not evidence',
  'permission-error': 'That is an access denied error of your own account, not evidence',
  'dc-locator': 'That nltest output shows a fault',
  'port-test': 'That Test-NetConnection output shows a fault',
  'service-status': 'That Get-Service output shows a fault',
};

/**
 * What the admin is told about an error they pasted: each error's cause and exact fix, and that
 * the step is not passed by it. The text is the catalogue's own, never the pasted text.
 */
function describeErrors(errors: readonly PastedError[], kind: EvidenceKind): string {
  const opening = errorOpenings[kind] ?? 'That is an error message, not evidence';
  const [only] = errors;
  if (errors.length === 1 && only !== undefined) {
    return `${opening}: ${only.title}. Cause: ${only.cause} Fix: ${only.fix}`;
  }
  const listed = errors
    .map(
      (error, index) =>
        `${String(index + 1)}. ${error.title}. Cause: ${error.cause} Fix: ${error.fix}`,
    )
    .join('\n');
  return `${opening}. It holds ${String(errors.length)} known failures:\n${listed}\n`;
}

function errorRecordedReply(
  errors: readonly PastedError[],
  kind: EvidenceKind,
  checkpoint: Checkpoint,
): string {
  const stays = verdictOfErrors(errors, checkpoint.id) === 'fail' ? 'failed' : 'undecided';
  return `${describeErrors(errors, kind)} I recorded it for step “${checkpoint.title}”: the step is not passed and stays ${stays} until you send the output of its commands again after the fix.`;
}

/** The sign-in form was submitted: its answers become the evidence of the sign-in step. */
export async function takeSignInAnswers(
  context: TurnContext,
  services: MigrationServices,
  active: ActiveMigration,
  form: {
    method?: string | undefined;
    seamlessSso?: string | undefined;
    features?: string | undefined;
  },
): Promise<void> {
  const chosen = new Set((form.features ?? '').split(',').filter((feature) => feature !== ''));
  const answers = {
    method: form.method ?? '',
    seamlessSso: form.seamlessSso === 'true',
    features: Object.fromEntries(optionalFeatureKeys.map((key) => [key, chosen.has(key)])),
  };
  const parsed = parseSignInAnswers(JSON.stringify(answers));
  if (!parsed.ok) {
    await context.sendActivity(signInFormProblemsReply(parsed.problems));
    return;
  }
  await acceptEvidence(context, services, active, [
    {
      text: JSON.stringify(parsed.answers, null, 2),
      bytes: Buffer.from(JSON.stringify(parsed.answers, null, 2)),
      fileName: 'sign-in-answers.json',
    },
  ]);
}

async function readCandidates(
  context: TurnContext,
  services: MigrationServices,
  logger: Logger,
): Promise<Candidate[] | string> {
  const files = evidenceFilesOf(context.activity);
  if (files.length === 0) {
    const { text } = evidenceTextOf(context.activity);
    if (isPastedTextTooLarge(text)) return PASTED_TEXT_TOO_LARGE_MESSAGE;
    return [{ text, bytes: Buffer.from(text, 'utf8') }];
  }
  const candidates: Candidate[] = [];
  for (const file of files) {
    const download = await downloadEvidenceFile(file, {
      maxBytes: MAX_EVIDENCE_FILE_BYTES,
      allowInsecureLoopback: services.allowInsecureDownloads,
      logger,
    });
    if (!download.ok)
      return unreadableFileReply(file.name, describeEvidenceFileProblem(download.problem));
    const decoded = textOfEvidenceFile(download.file.bytes);
    if (!decoded.ok) return BINARY_EVIDENCE_FILE_MESSAGE;
    // Stored as UTF-8 text: one encoding for every later reader, whatever PowerShell wrote.
    candidates.push({
      text: decoded.text,
      bytes: Buffer.from(decoded.text, 'utf8'),
      fileName: file.name,
    });
  }
  return candidates;
}

/** The evidence kind of a text; sign-in answers (a JSON file) count for the sign-in step. */
function kindOf(text: string, checkpoint: Checkpoint): EvidenceKind | undefined {
  const kind = identifyEvidence(text);
  if (kind !== 'unknown') return kind;
  return checkpoint.id === 'sign-in-settings' && parseSignInAnswers(text).ok
    ? 'unknown'
    : undefined;
}

function kindLabel(kind: EvidenceKind): string {
  return kind === 'unknown' ? 'the sign-in answers' : evidenceKindGuides[kind].label;
}

function acceptedText(checkpoint: Checkpoint): string {
  const kinds = describeEvidenceKinds(checkpoint.accepts);
  return checkpoint.id === 'sign-in-settings' ? `the sign-in answers JSON or ${kinds}` : kinds;
}
