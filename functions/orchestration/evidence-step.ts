import type { Judgment } from '../../migration/judgment';
import type { EvidenceRef, MigrationSignalOf } from '../../migration/migration-signals';
import { nextReminderDue } from '../../migration/reminders';
import type { Checkpoint } from '../../migration/runbook';
import { postConfigDiff } from '../migration-activities';
import {
  applyControl,
  now,
  publish,
  serversOf,
  waitForSignal,
  type MigrationRun,
  type Step,
} from './migration-run';
import { audit, conversationOf, judge, post, postResult } from './orchestration-io';

/** Evidence of a checkpoint kept for judging: later submissions add to earlier ones. */
interface Submitted {
  ref: EvidenceRef;
  signal: MigrationSignalOf<'evidence'>;
}

// A checkpoint is judged on its latest few submissions: enough for "version + scheduler" pairs.
const keptSubmissions = 4;

/**
 * One evidence checkpoint: instructions, then a wait for evidence raced against reminders inside the
 * owner's working hours. Each submission is judged and answered with a result card; the migration
 * moves on only on pass, or on warn when the owner explicitly continues anyway.
 */
export function* evidenceStep(run: MigrationRun, checkpoint: Checkpoint): Step<void> {
  const { start } = run;
  const owner = start.owner;
  const requestedAt = now(run).toISOString();
  let due = nextReminderDue(start.plan, now(run), start.timing.reminderAfterHours);
  let submitted: Submitted[] = [];
  let judgment: Judgment | null = null;
  let judged = 0;
  // Published before the instructions go out: evidence sent the moment they arrive finds this step.
  publish(run, {
    checkpoint: checkpoint.id,
    awaiting: 'evidence',
    awaitingWho: [owner.name],
    nextReminderAt: due.toISOString(),
    remindersSent: 0,
    decisionId: null,
    lastJudgment: null,
  });
  yield* post(run, conversationOf(run), `request:${checkpoint.id}`, {
    card: { kind: 'checkpoint-request', checkpointId: checkpoint.id, servers: serversOf(run) },
  });
  if (checkpoint.id === 'sign-in-settings') {
    yield* post(run, conversationOf(run), 'sign-in-form', {
      card: {
        kind: 'sign-in-form',
        view: { migrationId: start.migrationId, servers: serversOf(run) },
      },
    });
  }

  for (;;) {
    const outcome = yield* waitForSignal(run, run.status.paused ? null : due);
    if (outcome.kind === 'unreadable') continue;
    if (outcome.kind === 'time') {
      if (run.status.paused || now(run) < due) continue;
      const reminderNumber = run.status.remindersSent + 1;
      const next = nextReminderDue(start.plan, now(run), start.timing.reminderAfterHours);
      yield* post(run, conversationOf(run), `reminder:${checkpoint.id}:${String(reminderNumber)}`, {
        card: {
          kind: 'reminder',
          view: {
            migrationId: start.migrationId,
            servers: serversOf(run),
            checkpointId: checkpoint.id,
            awaiting: run.status.awaiting === 'confirmation' ? 'confirmation' : 'evidence',
            waitingOn: run.status.awaitingWho,
            waitingSince: requestedAt,
            now: now(run).toISOString(),
            timeZone: start.plan.timeZone,
            reminderNumber,
            nextReminderAt: next.toISOString(),
          },
        },
      });
      yield* audit(run, `reminder:${checkpoint.id}:${String(reminderNumber)}`, {
        kind: 'reminder',
        summary: `Reminder ${String(reminderNumber)} for "${checkpoint.title}" sent to ${run.status.awaitingWho.join(', ')}.`,
      });
      due = next;
      publish(run, { remindersSent: reminderNumber, nextReminderAt: due.toISOString() });
      continue;
    }

    const { signal } = outcome;
    const control = applyControl(run, signal, due);
    if (control.handled) {
      due = control.due ?? due;
      continue;
    }

    if (signal.type === 'evidence' && signal.checkpoint === checkpoint.id) {
      submitted = [
        ...submitted.filter((s) => s.ref.sha256 !== signal.evidence.sha256),
        { ref: signal.evidence, signal },
      ].slice(-keptSubmissions);
      judged++;
      const refs = evidenceFor(run, checkpoint, submitted);
      judgment = yield* judge(run, checkpoint.id, refs);
      recordJudgment(run, judgment, signal, refs);
      yield* postResult(run, `result:${checkpoint.id}:${String(judged)}`, judgment, signal);
      const [oldExport, newSettings] = refs;
      if (
        checkpoint.id === 'config-match' &&
        oldExport !== undefined &&
        newSettings !== undefined &&
        judgment.status !== 'pass'
      ) {
        yield postConfigDiff({
          migrationId: start.migrationId,
          tenantId: start.tenantId,
          target: conversationOf(run),
          sendKey: `${start.migrationId}:diff:${String(judged)}`,
          servers: serversOf(run),
          oldRef: oldExport,
          newRef: newSettings,
        });
      }
      yield* audit(run, `judgment:${checkpoint.id}:${String(judged)}`, {
        kind: 'judgment',
        summary: `"${checkpoint.title}" judged ${judgment.status} on evidence from ${signal.by.name}.`,
        detail: {
          status: judgment.status,
          findings: judgment.findings.map((f) => f.message),
          sha256: signal.evidence.sha256,
        },
      });
      const lastJudgment = {
        checkpoint: checkpoint.id,
        status: judgment.status,
        at: now(run).toISOString(),
      };
      if (judgment.status === 'pass') {
        publish(run, {
          lastJudgment,
          completedCheckpoints: [...run.status.completedCheckpoints, checkpoint.id],
        });
        return;
      }
      due = nextReminderDue(start.plan, now(run), start.timing.reminderAfterHours);
      publish(run, {
        lastJudgment,
        awaiting: judgment.status === 'warn' ? 'confirmation' : 'evidence',
        awaitingWho: [owner.name],
        nextReminderAt: run.status.paused ? null : due.toISOString(),
      });
      continue;
    }

    if (
      signal.type === 'continue-anyway' &&
      signal.checkpoint === checkpoint.id &&
      judgment?.status === 'warn' &&
      signal.by.aadObjectId === owner.aadObjectId
    ) {
      run.journal = {
        ...run.journal,
        continuedAnyway: [
          ...run.journal.continuedAnyway,
          { checkpoint: checkpoint.id, by: signal.by, at: signal.at },
        ],
      };
      yield* audit(run, `continue:${checkpoint.id}`, {
        kind: 'decision',
        actor: signal.by,
        summary: `${signal.by.name} continued past the warnings of "${checkpoint.title}".`,
      });
      publish(run, { completedCheckpoints: [...run.status.completedCheckpoints, checkpoint.id] });
      return;
    }
    // Anything else (evidence for another step, a stale click) changes nothing here.
  }
}

/** The evidence a judgment reads: for config-match the old export comes first, then the new settings. */
function evidenceFor(
  run: MigrationRun,
  checkpoint: Checkpoint,
  submitted: readonly Submitted[],
): EvidenceRef[] {
  const refs = submitted.map((s) => s.ref);
  if (checkpoint.id !== 'config-match') return refs;
  const latest = refs.at(-1);
  const oldExport = run.journal.configExport;
  return [oldExport, latest].filter((ref): ref is EvidenceRef => ref !== undefined && ref !== null);
}

function recordJudgment(
  run: MigrationRun,
  judgment: Judgment,
  signal: MigrationSignalOf<'evidence'>,
  refs: readonly EvidenceRef[],
): void {
  const keepsExport =
    judgment.checkpoint === 'config-export' &&
    judgment.status !== 'fail' &&
    judgment.status !== 'unknown';
  run.journal = {
    ...run.journal,
    // Later facts override earlier ones: a re-run of a step describes the server as it is now.
    recorded:
      judgment.status === 'unknown'
        ? run.journal.recorded
        : { ...run.journal.recorded, ...judgment.facts },
    configExport: keepsExport ? (refs.at(-1) ?? null) : run.journal.configExport,
    judgments: [
      ...run.journal.judgments,
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
