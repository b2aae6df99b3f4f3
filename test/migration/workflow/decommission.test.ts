import { describe, expect, it } from 'vitest';
import { decommissionItems } from '../../../migration/migration-signals';
import { decommissionRules, openItems } from '../../../migration/workflow/decommission';
import {
  at,
  effectNames,
  freshRecord,
  last,
  megan,
  play,
  signal,
  time,
  wednesday10,
} from './support/workflow-fixtures';

const confirm = (item: (typeof decommissionItems)[number], by = megan) =>
  signal('decommission-confirm', { item, by });

describe('the decommission step', () => {
  it('sends the checklist and reminds until every item is confirmed', () => {
    const decisions = play(decommissionRules, freshRecord(), wednesday10, [
      [confirm('uninstall-old-server'), wednesday10],
      [time, at('2026-11-20T09:00:00Z')],
    ]);
    const [first, confirmed, reminded] = decisions;
    expect(effectNames(first?.effects ?? [])).toEqual(['post:decommission:checklist']);
    expect(effectNames(confirmed?.effects ?? [])).toEqual([
      'audit:decommission:uninstall-old-server',
    ]);
    expect(confirmed?.record.status.decommissionConfirmed).toEqual([
      { item: 'uninstall-old-server', by: 'Megan Bowen', at: wednesday10.toISOString() },
    ]);
    expect(effectNames(reminded?.effects ?? [])).toEqual([
      'post:decommission:reminder:1',
      'audit:decommission:reminder:1',
    ]);
    expect(reminded?.effects[1]).toMatchObject({
      note: { summary: expect.stringContaining('3 item(s) still open') },
    });
  });

  it('confirms an item once and is done when the last one is confirmed', () => {
    const decisions = play(
      decommissionRules,
      freshRecord(),
      wednesday10,
      [...decommissionItems, decommissionItems[0]].map(
        (item) => [confirm(item), wednesday10] as const,
      ),
    );
    const done = decisions[decommissionItems.length];
    expect(done?.next).toEqual({ kind: 'done' });
    expect(done?.record.status.completedCheckpoints).toEqual(['decommission']);
    expect(done?.record.journal.confirmations).toHaveLength(decommissionItems.length);
    expect(openItems(done?.state ?? { confirmed: {} })).toEqual([]);
  });

  it('starts from what the journal already holds, and is done at once when nothing is open', () => {
    const record = freshRecord();
    const all = {
      ...record,
      journal: {
        ...record.journal,
        confirmations: decommissionItems.map((item) => ({
          item,
          by: megan,
          at: wednesday10.toISOString(),
        })),
      },
    };
    const first = last(play(decommissionRules, all, wednesday10, []));
    expect(first.next).toEqual({ kind: 'done' });
    expect(first.record.status.completedCheckpoints).toContain('decommission');
  });
});
