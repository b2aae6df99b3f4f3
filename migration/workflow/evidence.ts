import { recordedProfile } from '../checkpoints/sign-in-profile';
import { factKey, factNames } from '../checkpoints/recorded-facts';
import { z } from 'zod';
import { factValueSchema, judgmentStatuses, type Judgment, type JudgmentStatus } from '../judgment';
import type { MigrationJournal } from '../migration-journal';
import type { EvidenceRef, MigrationSignalOf } from '../migration-signals';
import type { MigrationStart } from '../migration-start';
import { offlineText, oldServerCutoffAt } from '../old-server-cutoff';
import { nextReminderDue } from '../reminders';
import { checkpointById, type Checkpoint, type CheckpointId } from '../runbook';
import { applyControl } from './controls';
import { signalAllowed } from './permissions';
import {
  completing,
  ending,
  withJournal,
  withStatus,
  type Decision,
  type Effect,
  type Input,
  type MigrationRecord,
  type Notice,
  type StepRules,
  unlessPaused,
} from './workflow';

/** A checkpoint is judged on its latest few submissions: enough for "version + scheduler" pairs. */
export const keptSubmissions = 4;

/** Where an evidence checkpoint stands. */
export interface EvidenceState {
  readonly checkpointId: CheckpointId;
  readonly requestedAt: string;
  /** The next reminder. */
  readonly due: Date;
  /** The latest submissions, each judged together with the ones before it. */
  readonly submitted: readonly MigrationSignalOf<'evidence'>[];
  /** The submission being judged, and the evidence the judgment reads. */
  readonly judging: {
    readonly signal: MigrationSignalOf<'evidence'>;
    readonly refs: readonly EvidenceRef[];
  } | null;
  readonly judgment: Judgment | null;
  /** How many submissions were judged: numbers each result. */
  readonly judged: number;
}

/**
 * One evidence checkpoint: instructions, then a wait for evidence raced against reminders inside the
 * owner's working hours. Each submission is judged and answered with a result card; the step is done
 * on pass, or on warn when the owner explicitly continues anyway. Fail and unknown keep it waiting.
 */
export function evidenceRules(checkpointId: CheckpointId): StepRules<EvidenceState> {
  return {
    begin: (start, record, at) => begin(start, record, checkpointById(checkpointId), at),
    on: (start, record, state, input, at) => on(start, record, state, input, at),
  };
}

function begin(
  start: MigrationStart,
  record: MigrationRecord,
  checkpoint: Checkpoint,
  at: Date,
): Decision<EvidenceState> {
  const due = nextReminderDue(start.plan, at, start.timing.reminderAfterHours);
  const state: EvidenceState = {
    checkpointId: checkpoint.id,
    requestedAt: at.toISOString(),
    due,
    submitted: [],
    judging: null,
    judgment: null,
    judged: 0,
  };
  // Learn (harden-update-ad-fs-pingfederate): an old server below the cutoff cannot be switched to
  // staging mode with the wizard; Learn's alternative is to shut it down or isolate it.
  const cutoff =
    checkpoint.id === 'old-server-staging' ? oldServerCutoffAt(record.journal, at) : null;
  const effects: Effect[] = [
    {
      kind: 'post',
      purpose: `request:${checkpoint.id}`,
      to: { kind: 'migration' },
      notice: {
        kind: 'checkpoint-request',
        checkpointId: checkpoint.id,
        ...(cutoff === null ? {} : { oldServerCutoff: cutoff }),
      },
    },
  ];
  if (checkpoint.id === 'sign-in-settings') {
    // The old server's global settings (source-settings) already showed most of the answers.
    const prefill = recordedProfile(record.journal, 'old');
    effects.push({
      kind: 'post',
      purpose: 'sign-in-form',
      to: { kind: 'migration' },
      notice: { kind: 'sign-in-form', ...(prefill === undefined ? {} : { prefill }) },
    });
  }
  return {
    // Published with the instructions: evidence sent the moment they arrive finds this step.
    record: withStatus(
      record,
      {
        checkpoint: checkpoint.id,
        awaiting: 'evidence',
        awaitingWho: [start.owner.name],
        nextReminderAt: due.toISOString(),
        remindersSent: 0,
        decisionId: null,
        lastJudgment: null,
        ...(cutoff === null ? {} : { oldServerCutoff: cutoff }),
      },
      at,
    ),
    state,
    effects,
    next: waitFor(record, due),
  };
}

function waitFor(record: MigrationRecord, due: Date): Decision<EvidenceState>['next'] {
  return { kind: 'wait', until: unlessPaused(record, due) };
}

function stay(
  record: MigrationRecord,
  state: EvidenceState,
  effects: Effect[] = [],
): Decision<EvidenceState> {
  return { record, state, effects, next: waitFor(record, state.due) };
}

function on(
  start: MigrationStart,
  record: MigrationRecord,
  state: EvidenceState,
  input: Input,
  at: Date,
): Decision<EvidenceState> {
  const checkpoint = checkpointById(state.checkpointId);
  switch (input.kind) {
    case 'time':
      return remind(start, record, state, checkpoint, at);
    case 'judged':
      return judged(start, record, state, checkpoint, input.judgment, at);
    case 'signal':
      break;
    default:
      return stay(record, state);
  }
  const { signal } = input;
  const control = applyControl(start, record, signal, state.due, at);
  if (control.handled) {
    if ('cancelledBy' in control) {
      return ending(record, state, 'cancelled', control.cancelledBy);
    }
    return stay(control.record, { ...state, due: control.due ?? state.due });
  }
  if (signal.type === 'evidence' && signal.checkpoint === checkpoint.id) {
    const submitted = [
      ...state.submitted.filter((s) => s.evidence.sha256 !== signal.evidence.sha256),
      signal,
    ].slice(-keptSubmissions);
    const refs = evidenceFor(record.journal, checkpoint.id, submitted);
    return {
      record,
      state: { ...state, submitted, judged: state.judged + 1, judging: { signal, refs } },
      effects: [],
      next: {
        kind: 'request',
        request: { kind: 'judge', checkpointId: checkpoint.id, evidence: refs },
      },
    };
  }
  if (
    signal.type === 'continue-anyway' &&
    signal.checkpoint === checkpoint.id &&
    state.judgment?.status === 'warn' &&
    signalAllowed('continue-anyway', start, signal.by)
  ) {
    const continued = withJournal(record, {
      continuedAnyway: [
        ...record.journal.continuedAnyway,
        { checkpoint: checkpoint.id, by: signal.by, at: signal.at },
      ],
    });
    return {
      record: completing(continued, checkpoint.id, {}, at),
      state,
      effects: [
        {
          kind: 'audit',
          key: `continue:${checkpoint.id}`,
          note: {
            kind: 'decision',
            actor: signal.by,
            summary: `${signal.by.name} continued past the warnings of "${checkpoint.title}".`,
          },
        },
      ],
      next: { kind: 'done' },
    };
  }
  if (signal.type === 'old-server-offline' && checkpoint.id === 'old-server-staging') {
    return oldServerOffline(start, record, state, signal, at);
  }
  // Anything else (evidence for another step, a stale click) changes nothing here.
  return stay(record, state);
}

/**
 * The owner confirms the old server was shut down or isolated instead of put in staging mode. Taken
 * only from the owner, and only while the old server's recorded version is below a cutoff in force:
 * for any other server the wizard works and the scheduler must show staging mode.
 */
function oldServerOffline(
  start: MigrationStart,
  record: MigrationRecord,
  state: EvidenceState,
  signal: MigrationSignalOf<'old-server-offline'>,
  at: Date,
): Decision<EvidenceState> {
  const cutoff = oldServerCutoffAt(record.journal, at);
  if (cutoff === null || !signalAllowed('confirm-old-server-offline', start, signal.by)) {
    return stay(record, state);
  }
  const { oldServer } = start.plan;
  const done = `${signal.by.name} confirmed that ${offlineText(signal.how, oldServer)} instead of being put in staging mode (${cutoff.version} is below ${cutoff.minimum}).`;
  // Recorded as a fact too: later judgments no longer count the old server as active.
  const recorded = withJournal(record, {
    recorded: { ...record.journal.recorded, [factKey('old', factNames.outOfService)]: signal.how },
    oldServerOffline: { how: signal.how, by: signal.by, at: signal.at },
  });
  return {
    record: completing(
      recorded,
      'old-server-staging',
      { oldServerOffline: { how: signal.how, by: signal.by.name, at: signal.at } },
      at,
    ),
    state,
    effects: [
      {
        kind: 'post',
        purpose: 'old-server-offline',
        to: { kind: 'migration' },
        notice: { kind: 'text', text: done },
      },
      {
        kind: 'audit',
        key: 'old-server-offline',
        note: {
          kind: 'decision',
          actor: signal.by,
          summary: done,
          detail: { how: signal.how, version: cutoff.version, rule: cutoff.rule },
        },
      },
    ],
    next: { kind: 'done' },
  };
}

function remind(
  start: MigrationStart,
  record: MigrationRecord,
  state: EvidenceState,
  checkpoint: Checkpoint,
  at: Date,
): Decision<EvidenceState> {
  // A timer that fired early (timers are capped at six days) or while paused is simply waited again.
  if (record.status.paused || at < state.due) return stay(record, state);
  const reminderNumber = record.status.remindersSent + 1;
  const due = nextReminderDue(start.plan, at, start.timing.reminderAfterHours);
  const notice: Notice = {
    kind: 'reminder',
    checkpointId: checkpoint.id,
    awaiting: record.status.awaiting === 'confirmation' ? 'confirmation' : 'evidence',
    waitingOn: record.status.awaitingWho,
    waitingSince: state.requestedAt,
    now: at.toISOString(),
    reminderNumber,
    nextReminderAt: due.toISOString(),
  };
  return stay(
    withStatus(record, { remindersSent: reminderNumber, nextReminderAt: due.toISOString() }, at),
    { ...state, due },
    [
      {
        kind: 'post',
        purpose: `reminder:${checkpoint.id}:${String(reminderNumber)}`,
        to: { kind: 'migration' },
        notice,
      },
      {
        kind: 'audit',
        key: `reminder:${checkpoint.id}:${String(reminderNumber)}`,
        note: {
          kind: 'reminder',
          summary: `Reminder ${String(reminderNumber)} for "${checkpoint.title}" sent to ${record.status.awaitingWho.join(', ')}.`,
        },
      },
    ],
  );
}

function judged(
  start: MigrationStart,
  record: MigrationRecord,
  state: EvidenceState,
  checkpoint: Checkpoint,
  judgment: Judgment,
  at: Date,
): Decision<EvidenceState> {
  if (state.judging === null) return stay(record, state);
  const { signal, refs } = state.judging;
  const effects: Effect[] = [
    resultPost(`result:${checkpoint.id}:${String(state.judged)}`, judgment, signal),
  ];
  const [oldExport, newSettings] = refs;
  if (
    checkpoint.id === 'config-match' &&
    oldExport !== undefined &&
    newSettings !== undefined &&
    judgment.status !== 'pass'
  ) {
    effects.push({
      kind: 'post-config-diff',
      purpose: `diff:${String(state.judged)}`,
      oldRef: oldExport,
      newRef: newSettings,
    });
  }
  effects.push({
    kind: 'audit',
    key: `judgment:${checkpoint.id}:${String(state.judged)}`,
    note: {
      kind: 'judgment',
      summary: judgmentSummary(checkpoint.title, judgment.status, signal.by.name),
      detail: {
        status: judgment.status,
        findings: judgment.findings.map((f) => f.message),
        sha256: signal.evidence.sha256,
        // What the journal records, so the conversation can read a migration's facts back.
        facts: judgment.facts,
      } satisfies JudgmentAuditDetail,
    },
  });
  const recorded = withJournal(record, recordJudgment(record.journal, judgment, signal, refs));
  const lastJudgment = { checkpoint: checkpoint.id, status: judgment.status, at: at.toISOString() };
  const next: EvidenceState = { ...state, judging: null, judgment };
  if (judgment.status === 'pass') {
    return {
      record: completing(recorded, checkpoint.id, { lastJudgment }, at),
      state: next,
      effects,
      next: { kind: 'done' },
    };
  }
  const due = nextReminderDue(start.plan, at, start.timing.reminderAfterHours);
  const updated = withStatus(
    recorded,
    {
      lastJudgment,
      awaiting: judgment.status === 'warn' ? 'confirmation' : 'evidence',
      awaitingWho: [start.owner.name],
      nextReminderAt: record.status.paused ? null : due.toISOString(),
    },
    at,
  );
  return stay(updated, { ...next, due }, effects);
}

/** The result card of a judgment, naming the evidence it was made on. */
export function resultPost(
  purpose: string,
  judgment: Judgment,
  signal: MigrationSignalOf<'evidence'>,
): Effect {
  return {
    kind: 'post',
    purpose,
    to: { kind: 'migration' },
    notice: {
      kind: 'checkpoint-result',
      judgment,
      evidence: {
        submittedBy: signal.by.name,
        submittedAt: signal.at,
        sha256: signal.evidence.sha256,
        bytes: signal.evidence.bytes,
        ...(signal.evidence.fileName === undefined ? {} : { fileName: signal.evidence.fileName }),
      },
    },
  };
}

/** The evidence a judgment reads: for config-match the old export comes first, then the new settings. */
export function evidenceFor(
  journal: MigrationJournal,
  checkpointId: CheckpointId,
  submitted: readonly MigrationSignalOf<'evidence'>[],
): EvidenceRef[] {
  const refs = submitted.map((s) => s.evidence);
  if (checkpointId !== 'config-match') return refs;
  const latest = refs.at(-1);
  return [journal.configExport, latest].filter(
    (ref): ref is EvidenceRef => ref !== undefined && ref !== null,
  );
}

/**
 * What a judgment adds to the journal: its facts (later ones override earlier ones: a re-run of a
 * step describes the server as it is now; an unknown adds none), the old export once it is valid,
 * and the verdict with its evidence digests.
 */
export function recordJudgment(
  journal: MigrationJournal,
  judgment: Judgment,
  signal: MigrationSignalOf<'evidence'>,
  refs: readonly EvidenceRef[],
): Partial<MigrationJournal> {
  const keepsExport =
    judgment.checkpoint === 'config-export' &&
    judgment.status !== 'fail' &&
    judgment.status !== 'unknown';
  return {
    recorded:
      judgment.status === 'unknown' ? journal.recorded : { ...journal.recorded, ...judgment.facts },
    configExport: keepsExport ? (refs.at(-1) ?? null) : journal.configExport,
    judgments: [
      ...journal.judgments,
      {
        checkpoint: judgment.checkpoint,
        status: judgment.status,
        at: signal.at,
        by: signal.by.name,
        evidence: refs.map((ref) => ({
          sha256: ref.sha256,
          bytes: ref.bytes,
          ...(ref.fileName === undefined ? {} : { fileName: ref.fileName }),
        })),
      },
    ],
  };
}

/**
 * What a judgment's audit entry keeps besides its summary; the conversation reads it back (the
 * history shows the findings, the Cloud Sync check takes the facts).
 */
export const judgmentAuditDetailSchema = z.object({
  status: z.enum(judgmentStatuses),
  findings: z.array(z.string()),
  sha256: z.string(),
  facts: z.record(z.string(), factValueSchema),
});
export type JudgmentAuditDetail = z.infer<typeof judgmentAuditDetailSchema>;

const verdictWords: Readonly<Record<JudgmentStatus, string>> = {
  pass: 'passed',
  warn: 'passed with warnings',
  fail: 'failed',
  unknown: 'could not be decided yet',
};

/** How the audit log (and `history`) tells a judgment: “Enforce TLS 1.2 …” passed on evidence from … */
export function judgmentSummary(title: string, status: JudgmentStatus, by: string): string {
  return `“${title}” ${verdictWords[status]} on evidence from ${by}.`;
}
