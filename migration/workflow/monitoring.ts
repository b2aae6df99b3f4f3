import type { MigrationSignalOf } from '../migration-signals';
import type { MigrationStart } from '../migration-start';
import { noWayBackText, offlineText, oldServerStandingOf } from '../old-server-cutoff';
import { checkpointById } from '../runbook';
import { nextWorkingTime } from '../working-hours';
import { applyControl } from './controls';
import { judgmentSummary, resultPost } from './evidence';
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
  type StepRules,
  waiting,
} from './workflow';

const day = 24 * 3600_000;
/** The last check-in gets this long (moved into working hours) to be answered before monitoring ends. */
export const lastCheckInAnswerMs = 8 * 3600_000;

type Plan = Pick<MigrationStart['plan'], 'timeZone' | 'workingHours'>;

/**
 * The monitoring clock: N calendar days from the cutover, with a check-in on each working day. A
 * reported problem stops it: what was left is kept, and on resume the end and the next check-in
 * move by the time it stood still.
 */
export interface MonitoringClock {
  readonly total: number;
  /** When day 1 began, moved forward by every stop. */
  readonly startedAt: number;
  readonly endAt: Date;
  /** The last check-in day sent (0 before the first). */
  readonly day: number;
  readonly nextCheckIn: Date;
  /** While stopped: what was left to the end and to the next check-in. */
  readonly stopped: { readonly toEnd: number; readonly toCheckIn: number } | null;
}

function working(at: Date, plan: Plan): Date {
  return nextWorkingTime(at, plan.timeZone, plan.workingHours);
}

/** The clock at the cutover. */
export function startClock(total: number, at: Date, plan: Plan): MonitoringClock {
  return {
    total,
    startedAt: at.getTime(),
    endAt: working(new Date(at.getTime() + total * day), plan),
    day: 0,
    nextCheckIn: working(new Date(at.getTime() + day), plan),
    stopped: null,
  };
}

/** What the clock says at `at`: a check-in is due (before the end: the last day gets its card too), monitoring ended, or nothing yet. */
export type ClockDue =
  | { readonly kind: 'check-in'; readonly day: number; readonly clock: MonitoringClock }
  | { readonly kind: 'ended' }
  | { readonly kind: 'nothing' };

/** The next instant the clock needs, or null while stopped. */
export function clockWakeUp(clock: MonitoringClock): Date | null {
  if (clock.stopped !== null) return null;
  return new Date(Math.min(clock.nextCheckIn.getTime(), clock.endAt.getTime()));
}

/**
 * What is due at `at`. A check-in is numbered by when it was due, not when it ran (a late episode is
 * still that day); the last one extends the end so it can be answered.
 */
export function clockDue(clock: MonitoringClock, at: Date, plan: Plan): ClockDue {
  const wake = clockWakeUp(clock);
  if (wake === null || at < wake) return { kind: 'nothing' };
  const checkInDue = at >= clock.nextCheckIn && clock.day < clock.total;
  if (!checkInDue) return at >= clock.endAt ? { kind: 'ended' } : { kind: 'nothing' };
  const dueDay = Math.max(1, Math.floor((clock.nextCheckIn.getTime() - clock.startedAt) / day));
  const dayNumber = Math.min(clock.total, Math.max(clock.day + 1, dueDay));
  const endAt =
    dayNumber === clock.total
      ? new Date(
          Math.max(
            clock.endAt.getTime(),
            working(new Date(at.getTime() + lastCheckInAnswerMs), plan).getTime(),
          ),
        )
      : clock.endAt;
  return {
    kind: 'check-in',
    day: dayNumber,
    clock: {
      ...clock,
      day: dayNumber,
      endAt,
      nextCheckIn: working(new Date(clock.nextCheckIn.getTime() + day), plan),
    },
  };
}

/** A reported problem stops the clock, keeping what was left; a stopped clock stays as it is. */
export function stopClock(clock: MonitoringClock, at: Date): MonitoringClock {
  if (clock.stopped !== null) return clock;
  return {
    ...clock,
    stopped: {
      toEnd: Math.max(0, clock.endAt.getTime() - at.getTime()),
      toCheckIn: Math.max(0, clock.nextCheckIn.getTime() - at.getTime()),
    },
  };
}

/** Resuming gives back what was left: the end and the next check-in move by the time stood still. */
export function resumeClock(clock: MonitoringClock, at: Date, plan: Plan): MonitoringClock {
  if (clock.stopped === null) return clock;
  const { toEnd, toCheckIn } = clock.stopped;
  return {
    ...clock,
    startedAt: clock.startedAt + at.getTime() - (clock.endAt.getTime() - toEnd),
    endAt: working(new Date(at.getTime() + toEnd), plan),
    nextCheckIn: working(new Date(at.getTime() + toCheckIn), plan),
    stopped: null,
  };
}

/** Where monitoring stands. */
export interface MonitoringState {
  readonly clock: MonitoringClock;
  /** Evidence judged during monitoring: numbers each result. */
  readonly judged: number;
  readonly judging: MigrationSignalOf<'evidence'> | null;
  /** The check-in waiting for the cloud sync reading before its card goes out. */
  readonly checkInDay: number | null;
}

function daysText(count: number): string {
  return count === 1 ? '1 day' : `${String(count)} days`;
}

/**
 * The days after cutover: one check-in card a day inside working hours. A reported problem stops
 * the clock and brings the rollback guide; the owner then resumes monitoring or confirms the
 * rollback. Evidence from the active server is still judged when sent. Ends after N quiet days.
 */
export const monitoringRules: StepRules<MonitoringState> = {
  begin(start, record, at) {
    const clock = startClock(start.plan.monitoringDays, at, start.plan);
    const oldServer = oldServerStandingOf(record.journal, at);
    const fallback =
      oldServer === null
        ? `the old server ${start.plan.oldServer} stays in staging mode, ready to take over, until monitoring ends.`
        : `${offlineText(oldServer.offline, start.plan.oldServer)} and cannot take over, so a problem is fixed forward on ${start.plan.newServer}. ${noWayBackText(oldServer, start.plan.oldServer)}`;
    return {
      record: withStatus(
        record,
        {
          checkpoint: 'monitoring',
          awaiting: 'nothing',
          awaitingWho: [],
          decisionId: null,
          remindersSent: 0,
          monitoring: { day: 0, of: clock.total, problem: null },
          nextReminderAt: clock.nextCheckIn.toISOString(),
        },
        at,
      ),
      state: { clock, judged: 0, judging: null, checkInDay: null },
      effects: [
        {
          kind: 'post',
          purpose: 'monitoring:start',
          to: { kind: 'migration' },
          notice: {
            kind: 'text',
            text: `Cutover done: ${start.plan.newServer} is the active server now. I will check in once a day for ${daysText(clock.total)}. Report any problem on the check-in card (or type report problem): ${fallback}`,
          },
        },
      ],
      next: { kind: 'wait', until: clockWakeUp(clock) },
    };
  },
  on(start, record, state, input, at) {
    switch (input.kind) {
      case 'time':
        return onTime(start, record, state, at);
      case 'cloud-sync': {
        if (state.checkInDay === null) return stay(record, state);
        const oldServer = oldServerStandingOf(record.journal, at);
        return stay(record, { ...state, checkInDay: null }, [
          {
            kind: 'post',
            purpose: `monitoring:check-in:${String(state.checkInDay)}`,
            to: { kind: 'migration' },
            notice: {
              kind: 'check-in',
              day: state.checkInDay,
              totalDays: state.clock.total,
              ...(input.reading === null ? {} : { cloudSync: input.reading }),
              ...(oldServer === null ? {} : { oldServer }),
            },
          },
        ]);
      }
      case 'judged': {
        if (state.judging === null) return stay(record, state);
        const signal = state.judging;
        const { judgment } = input;
        return stay(
          withStatus(
            record,
            {
              lastJudgment: {
                checkpoint: 'monitoring',
                status: judgment.status,
                at: at.toISOString(),
              },
            },
            at,
          ),
          { ...state, judging: null },
          [
            resultPost(`monitoring:result:${String(state.judged)}`, judgment, signal),
            {
              kind: 'audit',
              key: `monitoring:judgment:${String(state.judged)}`,
              note: {
                kind: 'judgment',
                summary: judgmentSummary(
                  checkpointById('monitoring').title,
                  judgment.status,
                  signal.by.name,
                ),
              },
            },
          ],
        );
      }
      case 'signal':
        return onSignal(start, record, state, input.signal, at);
      default:
        return stay(record, state);
    }
  },
};

function stay(
  record: MigrationRecord,
  state: MonitoringState,
  effects: Effect[] = [],
): Decision<MonitoringState> {
  return waiting(record, state, clockWakeUp(state.clock), effects);
}

function onTime(
  start: MigrationStart,
  record: MigrationRecord,
  state: MonitoringState,
  at: Date,
): Decision<MonitoringState> {
  const due = clockDue(state.clock, at, start.plan);
  if (due.kind === 'nothing') return stay(record, state);
  const { total } = state.clock;
  if (due.kind === 'ended') {
    return {
      record: completing(record, 'monitoring', { nextReminderAt: null }, at),
      state,
      effects: [
        {
          kind: 'post',
          purpose: 'monitoring:done',
          to: { kind: 'migration' },
          notice: {
            kind: 'text',
            text: `Monitoring is complete: ${daysText(total)} without an open problem. Next: decommission the old server ${start.plan.oldServer} for good.`,
          },
        },
      ],
      next: { kind: 'done' },
    };
  }
  const updated = withStatus(
    record,
    {
      monitoring: { day: due.day, of: total, problem: null },
      nextReminderAt: due.clock.nextCheckIn.toISOString(),
    },
    at,
  );
  const next: MonitoringState = { ...state, clock: due.clock };
  // Paused: the day counts, but no card goes out.
  if (record.status.paused) return stay(updated, next);
  return {
    record: updated,
    state: { ...next, checkInDay: due.day },
    effects: [],
    next: { kind: 'request', request: { kind: 'read-cloud-sync' } },
  };
}

function onSignal(
  start: MigrationStart,
  record: MigrationRecord,
  state: MonitoringState,
  signal: Extract<Input, { kind: 'signal' }>['signal'],
  at: Date,
): Decision<MonitoringState> {
  const { clock } = state;
  // Check-ins are not reminders: a snooze does not move them.
  const control = applyControl(start, record, signal, clock.nextCheckIn, at, { snoozable: false });
  if (control.handled) {
    if ('cancelledBy' in control) {
      return ending(record, state, 'cancelled', control.cancelledBy);
    }
    return stay(control.record, state);
  }
  switch (signal.type) {
    case 'check-in': {
      const logged = withJournal(record, {
        checkIns: [
          ...record.journal.checkIns,
          {
            day: signal.day,
            healthy: signal.healthy,
            problem: signal.problem ?? null,
            by: signal.by,
            at: signal.at,
          },
        ],
      });
      if (signal.healthy || clock.stopped !== null) return stay(logged, state);
      const problem = signal.problem ?? 'A problem was reported.';
      const reports = String(logged.journal.checkIns.length);
      const oldServer = oldServerStandingOf(record.journal, at);
      return stay(
        withStatus(
          logged,
          {
            awaiting: 'confirmation',
            awaitingWho: [start.owner.name],
            monitoring: { day: clock.day, of: clock.total, problem },
            nextReminderAt: null,
          },
          at,
        ),
        { ...state, clock: stopClock(clock, at) },
        [
          {
            kind: 'post',
            purpose: `monitoring:rollback-guide:${reports}`,
            to: { kind: 'migration' },
            notice: {
              kind: 'rollback-guide',
              problem: { text: problem, reportedBy: signal.by.name, reportedAt: signal.at },
              ...(oldServer === null ? {} : { oldServer }),
            },
          },
          {
            kind: 'audit',
            key: `monitoring:problem:${reports}`,
            note: {
              kind: 'notice',
              actor: signal.by,
              summary: `${signal.by.name} reported a problem on day ${String(clock.day)}: ${problem}`,
            },
          },
        ],
      );
    }
    case 'resume-monitoring': {
      if (clock.stopped === null || !signalAllowed('resume-monitoring', start, signal.by)) {
        return stay(record, state);
      }
      const resumed = resumeClock(clock, at, start.plan);
      return stay(
        withStatus(
          record,
          {
            awaiting: 'nothing',
            awaitingWho: [],
            monitoring: { day: clock.day, of: clock.total, problem: null },
            nextReminderAt: resumed.nextCheckIn.toISOString(),
          },
          at,
        ),
        { ...state, clock: resumed },
        [
          {
            kind: 'audit',
            key: `monitoring:resumed:${String(record.journal.checkIns.length)}`,
            note: {
              kind: 'command',
              actor: signal.by,
              summary: `${signal.by.name} resumed monitoring: the problem is resolved.`,
            },
          },
        ],
      );
    }
    case 'rollback-done': {
      // Going back to an old server below a version cutoff restores nothing (the guide says so).
      if (
        clock.stopped === null ||
        !signalAllowed('confirm-rollback', start, signal.by) ||
        oldServerStandingOf(record.journal, at) !== null
      ) {
        return stay(record, state);
      }
      return ending(record, state, 'rolled-back', signal.by.name);
    }
    case 'evidence': {
      if (signal.checkpoint !== 'monitoring') return stay(record, state);
      return {
        record,
        state: { ...state, judged: state.judged + 1, judging: signal },
        effects: [],
        next: {
          kind: 'request',
          request: { kind: 'judge', checkpointId: 'monitoring', evidence: [signal.evidence] },
        },
      };
    }
    default:
      return stay(record, state);
  }
}
