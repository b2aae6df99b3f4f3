import { z } from 'zod';
import { readCloudSync } from '../migration-activities';
import type { Judgment } from '../../migration/judgment';
import { checkpointById } from '../../migration/runbook';
import { nextWorkingTime } from '../../migration/working-hours';
import {
  applyControl,
  MigrationRolledBack,
  now,
  publish,
  serversOf,
  waitForSignal,
  type MigrationRun,
  type Step,
} from './migration-run';
import { audit, conversationOf, judge, post, postResult } from './orchestration-io';

const day = 24 * 3600_000;
const cloudSyncSchema = z
  .object({ lastSyncAt: z.string().nullable(), checkedAt: z.string(), maxAgeMinutes: z.number() })
  .nullable();
const answerWindow = 8 * 3600_000;

function daysText(count: number): string {
  return count === 1 ? '1 day' : `${String(count)} days`;
}

/**
 * The days after cutover: one check-in card a day inside working hours. A reported problem stops
 * the clock and brings the rollback guide; the owner then resumes monitoring or confirms the
 * rollback. Evidence from the active server is still judged when sent. Ends after N quiet days.
 */
export function* monitoringStep(run: MigrationRun): Step<void> {
  const { start } = run;
  const total = start.plan.monitoringDays;
  const working = (at: Date): Date =>
    nextWorkingTime(at, start.plan.timeZone, start.plan.workingHours);
  // N calendar days from the cutover; check-ins come on working days only. While a problem is
  // open the clock stands still: what was left is kept and the end moves by the time stood still.
  let clockStart = now(run).getTime();
  let endAt = working(new Date(clockStart + total * day));
  let dayNumber = 0;
  let nextCheckIn = working(new Date(now(run).getTime() + day));
  let remaining: { toEnd: number; toCheckIn: number } | null = null;
  let judged = 0;
  publish(run, {
    checkpoint: 'monitoring',
    awaiting: 'nothing',
    awaitingWho: [],
    decisionId: null,
    remindersSent: 0,
    monitoring: { day: 0, of: total, problem: null },
    nextReminderAt: nextCheckIn.toISOString(),
  });
  yield* post(run, conversationOf(run), 'monitoring:start', {
    text: `Cutover done: ${start.plan.newServer} is the active server now. I will check in once a day for ${daysText(total)}. Report any problem on the check-in card (or type **report problem**): the old server ${start.plan.oldServer} stays in staging mode, ready to take over, until monitoring ends.`,
  });

  for (;;) {
    const until = new Date(Math.min(nextCheckIn.getTime(), endAt.getTime()));
    const outcome = yield* waitForSignal(run, remaining === null ? until : null);
    if (outcome.kind === 'unreadable') continue;
    if (outcome.kind === 'time') {
      if (remaining !== null || now(run) < until) continue;
      // A check-in due with the end still comes first: the last day gets its card too.
      const checkInDue = now(run) >= nextCheckIn && dayNumber < total;
      if (!checkInDue && now(run) >= endAt) {
        publish(run, {
          completedCheckpoints: [...run.status.completedCheckpoints, 'monitoring'],
          nextReminderAt: null,
        });
        yield* post(run, conversationOf(run), 'monitoring:done', {
          text: `Monitoring is complete: ${daysText(total)} without an open problem. Next: decommission the old server ${start.plan.oldServer} for good.`,
        });
        return;
      }
      if (!checkInDue) continue;
      // Numbered by when the check-in was due, not when it ran: a late episode is still that day.
      const dueDay = Math.max(1, Math.floor((nextCheckIn.getTime() - clockStart) / day));
      dayNumber = Math.min(total, Math.max(dayNumber + 1, dueDay));
      if (dayNumber === total) {
        // The last check-in gets a working day to be answered before monitoring ends.
        endAt = new Date(
          Math.max(endAt.getTime(), working(new Date(now(run).getTime() + answerWindow)).getTime()),
        );
      }
      if (!run.status.paused) {
        const cloudSync = cloudSyncSchema.parse(yield readCloudSync(null));
        yield* post(run, conversationOf(run), `monitoring:check-in:${String(dayNumber)}`, {
          card: {
            kind: 'check-in',
            view: {
              migrationId: start.migrationId,
              servers: serversOf(run),
              day: dayNumber,
              totalDays: total,
              timeZone: start.plan.timeZone,
              ...(cloudSync === null ? {} : { cloudSync }),
            },
          },
        });
      }
      nextCheckIn = working(new Date(nextCheckIn.getTime() + day));
      publish(run, {
        monitoring: { day: dayNumber, of: total, problem: null },
        nextReminderAt: nextCheckIn.toISOString(),
      });
      continue;
    }

    const { signal } = outcome;
    // Check-ins are not reminders: a snooze does not move them.
    if (applyControl(run, signal, nextCheckIn).handled) continue;
    switch (signal.type) {
      case 'check-in': {
        run.journal = {
          ...run.journal,
          checkIns: [
            ...run.journal.checkIns,
            {
              day: signal.day,
              healthy: signal.healthy,
              problem: signal.problem ?? null,
              by: signal.by,
              at: signal.at,
            },
          ],
        };
        if (signal.healthy || remaining !== null) break;
        remaining = {
          toEnd: Math.max(0, endAt.getTime() - now(run).getTime()),
          toCheckIn: Math.max(0, nextCheckIn.getTime() - now(run).getTime()),
        };
        const problem = signal.problem ?? 'A problem was reported.';
        publish(run, {
          awaiting: 'confirmation',
          awaitingWho: [start.owner.name],
          monitoring: { day: dayNumber, of: total, problem },
          nextReminderAt: null,
        });
        yield* post(
          run,
          conversationOf(run),
          `monitoring:rollback-guide:${String(run.journal.checkIns.length)}`,
          {
            card: {
              kind: 'rollback-guide',
              view: {
                migrationId: start.migrationId,
                servers: serversOf(run),
                timeZone: start.plan.timeZone,
                problem: { text: problem, reportedBy: signal.by.name, reportedAt: signal.at },
              },
            },
          },
        );
        yield* audit(run, `monitoring:problem:${String(run.journal.checkIns.length)}`, {
          kind: 'notice',
          actor: signal.by,
          summary: `${signal.by.name} reported a problem on day ${String(dayNumber)}: ${problem}`,
        });
        break;
      }
      case 'resume-monitoring': {
        if (remaining === null || signal.by.aadObjectId !== start.owner.aadObjectId) break;
        clockStart += now(run).getTime() - (endAt.getTime() - remaining.toEnd);
        endAt = working(new Date(now(run).getTime() + remaining.toEnd));
        nextCheckIn = working(new Date(now(run).getTime() + remaining.toCheckIn));
        remaining = null;
        publish(run, {
          awaiting: 'nothing',
          awaitingWho: [],
          monitoring: { day: dayNumber, of: total, problem: null },
          nextReminderAt: nextCheckIn.toISOString(),
        });
        yield* audit(run, `monitoring:resumed:${String(run.journal.checkIns.length)}`, {
          kind: 'command',
          actor: signal.by,
          summary: `${signal.by.name} resumed monitoring: the problem is resolved.`,
        });
        break;
      }
      case 'rollback-done': {
        if (remaining === null || signal.by.aadObjectId !== start.owner.aadObjectId) break;
        throw new MigrationRolledBack(signal.by.name);
      }
      case 'evidence': {
        if (signal.checkpoint !== 'monitoring') break;
        judged++;
        const judgment: Judgment = yield* judge(run, 'monitoring', [signal.evidence]);
        yield* postResult(run, `monitoring:result:${String(judged)}`, judgment, signal);
        yield* audit(run, `monitoring:judgment:${String(judged)}`, {
          kind: 'judgment',
          summary: `"${checkpointById('monitoring').title}" judged ${judgment.status} on evidence from ${signal.by.name}.`,
        });
        publish(run, {
          lastJudgment: {
            checkpoint: 'monitoring',
            status: judgment.status,
            at: now(run).toISOString(),
          },
        });
        break;
      }
      default:
        break;
    }
  }
}
