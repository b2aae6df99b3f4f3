import { decommissionItems, type DecommissionItem } from '../migration-signals';
import { nextReminderDue } from '../reminders';
import { applyControl } from './controls';
import {
  completing,
  ending,
  withJournal,
  withStatus,
  type Decision,
  type Effect,
  type ItemConfirmation,
  type MigrationRecord,
  type StepRules,
  unlessPaused,
  waiting,
} from './workflow';

/** Where the decommission checklist stands. */
export interface DecommissionState {
  readonly confirmed: Readonly<Partial<Record<DecommissionItem, ItemConfirmation>>>;
  /** The next reminder. */
  readonly due: Date;
}

/** The items still open, in checklist order. */
export function openItems(state: Pick<DecommissionState, 'confirmed'>): DecommissionItem[] {
  return decommissionItems.filter((item) => state.confirmed[item] === undefined);
}

function summaryOf(
  confirmed: DecommissionState['confirmed'],
): { item: DecommissionItem; by: string; at: string }[] {
  return decommissionItems.flatMap((item) => {
    const entry = confirmed[item];
    return entry === undefined ? [] : [{ item, ...entry }];
  });
}

/**
 * The old server must never sync again: the checklist goes out, and reminders repeat inside working
 * hours until every item is confirmed (uninstall or delete the VM, remove both connector accounts,
 * delete its application registration, register the new server's Health agent, remove the old server
 * from Connect Health). Learn: swing migration, fully decommission old servers ("rogue" servers).
 * Owner and approvers may confirm items; each is confirmed once, in any order: a confirmation records
 * what someone did, and refusing one would change the recorded actions of a migration replayed from
 * before an item was added. The checklist order and its card carry the advice about order.
 */
export const decommissionRules: StepRules<DecommissionState> = {
  begin(start, record, at) {
    const confirmed: Partial<Record<DecommissionItem, ItemConfirmation>> = {};
    for (const entry of record.journal.confirmations) {
      const item = decommissionItems.find((i) => i === entry.item);
      if (item !== undefined) confirmed[item] = { by: entry.by.name, at: entry.at };
    }
    const due = nextReminderDue(start.plan, at, start.timing.reminderAfterHours);
    const state: DecommissionState = { confirmed, due };
    const published = withStatus(
      record,
      {
        phase: 'decommission',
        checkpoint: 'decommission',
        awaiting: 'confirmation',
        awaitingWho: [start.owner.name],
        decisionId: null,
        remindersSent: 0,
        nextReminderAt: due.toISOString(),
        decommissionConfirmed: summaryOf(confirmed),
      },
      at,
    );
    return finishedOr(published, state, at, [checklistPost('decommission:checklist', state)]);
  },
  on(start, record, state, input, at) {
    if (input.kind === 'time') {
      if (record.status.paused || at < state.due) return stay(record, state);
      const reminderNumber = record.status.remindersSent + 1;
      const due = nextReminderDue(start.plan, at, start.timing.reminderAfterHours);
      return stay(
        withStatus(
          record,
          { remindersSent: reminderNumber, nextReminderAt: due.toISOString() },
          at,
        ),
        { ...state, due },
        [
          checklistPost(`decommission:reminder:${String(reminderNumber)}`, state),
          {
            kind: 'audit',
            key: `decommission:reminder:${String(reminderNumber)}`,
            note: {
              kind: 'reminder',
              summary: `Decommission reminder ${String(reminderNumber)}: ${String(openItems(state).length)} item(s) still open.`,
            },
          },
        ],
      );
    }
    if (input.kind !== 'signal') return stay(record, state);
    const { signal } = input;
    const control = applyControl(start, record, signal, state.due, at);
    if (control.handled) {
      if ('cancelledBy' in control) return ending(record, state, 'cancelled', control.cancelledBy);
      return stay(control.record, { ...state, due: control.due ?? state.due });
    }
    if (signal.type !== 'decommission-confirm' || state.confirmed[signal.item] !== undefined) {
      return stay(record, state);
    }
    const confirmed = { ...state.confirmed, [signal.item]: { by: signal.by.name, at: signal.at } };
    const updated = withStatus(
      withJournal(record, {
        confirmations: [
          ...record.journal.confirmations,
          { item: signal.item, by: signal.by, at: signal.at },
        ],
      }),
      { decommissionConfirmed: summaryOf(confirmed) },
      at,
    );
    return finishedOr(updated, { ...state, confirmed }, at, [
      {
        kind: 'audit',
        key: `decommission:${signal.item}`,
        note: {
          kind: 'decision',
          actor: signal.by,
          summary: `${signal.by.name} confirmed "${signal.item}".`,
        },
      },
    ]);
  },
};

function checklistPost(purpose: string, state: DecommissionState): Effect {
  return {
    kind: 'post',
    purpose,
    to: { kind: 'migration' },
    notice: { kind: 'decommission-checklist', confirmed: state.confirmed },
  };
}

function stay(
  record: MigrationRecord,
  state: DecommissionState,
  effects: Effect[] = [],
): Decision<DecommissionState> {
  return waiting(record, state, unlessPaused(record, state.due), effects);
}

/** Done once every item is confirmed; otherwise the wait goes on. */
function finishedOr(
  record: MigrationRecord,
  state: DecommissionState,
  at: Date,
  effects: Effect[],
): Decision<DecommissionState> {
  if (openItems(state).length > 0) return stay(record, state, effects);
  return {
    record: completing(record, 'decommission', { nextReminderAt: null }, at),
    state,
    effects,
    next: { kind: 'done' },
  };
}
