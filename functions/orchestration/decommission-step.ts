import { decommissionItems, type DecommissionItem } from '../../migration/migration-signals';
import { nextReminderDue } from '../../migration/reminders';
import type { DecommissionChecklistView } from '../../cards/decommission-checklist-card';
import {
  applyControl,
  now,
  publish,
  serversOf,
  waitForSignal,
  type MigrationRun,
  type Step,
} from './migration-run';
import { audit, conversationOf, post } from './orchestration-io';

/**
 * The old server must never sync again: the checklist goes out, and reminders repeat until every
 * item is confirmed (uninstall or delete the VM, remove both connector accounts, remove it from
 * Connect Health). Learn: swing migration, fully decommission old servers ("rogue" servers).
 */
export function* decommissionStep(run: MigrationRun): Step<void> {
  const { start } = run;
  const confirmed = new Map<DecommissionItem, { by: string; at: string }>();
  for (const entry of run.journal.confirmations) {
    const item = decommissionItems.find((i) => i === entry.item);
    if (item !== undefined) confirmed.set(item, { by: entry.by.name, at: entry.at });
  }
  const checklist = (): DecommissionChecklistView => ({
    migrationId: start.migrationId,
    servers: serversOf(run),
    timeZone: start.plan.timeZone,
    confirmed: Object.fromEntries(confirmed),
  });
  let due = nextReminderDue(start.plan, now(run), start.timing.reminderAfterHours);
  publish(run, {
    phase: 'decommission',
    checkpoint: 'decommission',
    awaiting: 'confirmation',
    awaitingWho: [start.owner.name],
    decisionId: null,
    remindersSent: 0,
    nextReminderAt: due.toISOString(),
    decommissionConfirmed: [...confirmed].map(([item, c]) => ({ item, ...c })),
  });

  yield* post(run, conversationOf(run), 'decommission:checklist', {
    card: { kind: 'decommission-checklist', view: checklist() },
  });
  while (confirmed.size < decommissionItems.length) {
    const outcome = yield* waitForSignal(run, run.status.paused ? null : due);
    if (outcome.kind === 'unreadable') continue;
    if (outcome.kind === 'time') {
      if (run.status.paused || now(run) < due) continue;
      const reminderNumber = run.status.remindersSent + 1;
      yield* post(run, conversationOf(run), `decommission:reminder:${String(reminderNumber)}`, {
        card: { kind: 'decommission-checklist', view: checklist() },
      });
      yield* audit(run, `decommission:reminder:${String(reminderNumber)}`, {
        kind: 'reminder',
        summary: `Decommission reminder ${String(reminderNumber)}: ${String(decommissionItems.length - confirmed.size)} item(s) still open.`,
      });
      due = nextReminderDue(start.plan, now(run), start.timing.reminderAfterHours);
      publish(run, { remindersSent: reminderNumber, nextReminderAt: due.toISOString() });
      continue;
    }
    const { signal } = outcome;
    const control = applyControl(run, signal, due);
    if (control.handled) {
      due = control.due ?? due;
      continue;
    }
    if (signal.type !== 'decommission-confirm' || confirmed.has(signal.item)) continue;
    confirmed.set(signal.item, { by: signal.by.name, at: signal.at });
    run.journal = {
      ...run.journal,
      confirmations: [
        ...run.journal.confirmations,
        { item: signal.item, by: signal.by, at: signal.at },
      ],
    };
    yield* audit(run, `decommission:${signal.item}`, {
      kind: 'decision',
      actor: signal.by,
      summary: `${signal.by.name} confirmed "${signal.item}".`,
    });
    publish(run, { decommissionConfirmed: [...confirmed].map(([item, c]) => ({ item, ...c })) });
  }
  publish(run, {
    completedCheckpoints: [...run.status.completedCheckpoints, 'decommission'],
    nextReminderAt: null,
  });
}
