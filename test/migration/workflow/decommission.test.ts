import { describe, expect, it } from 'vitest';
import { decommissionItems, type DecommissionItem } from '../../../migration/migration-signals';
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
      note: { summary: expect.stringContaining('5 item(s) still open') },
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

  it('keeps a checklist whose first four items were confirmed open until the two added later are', () => {
    const fourOriginal: DecommissionItem[] = [
      'uninstall-old-server',
      'remove-ad-connector-account',
      'remove-entra-connector-account',
      'remove-from-connect-health',
    ];
    const decisions = play(
      decommissionRules,
      freshRecord(),
      wednesday10,
      [
        ...fourOriginal,
        'delete-old-app-registration' as const,
        'register-new-health-agent' as const,
      ].map((item) => [confirm(item), wednesday10] as const),
    );
    const afterFour = decisions[fourOriginal.length];
    const afterAll = last(decisions);

    // The same effects as before the items were added: only the end of the wait moves.
    expect(effectNames(afterFour?.effects ?? [])).toEqual([
      'audit:decommission:remove-from-connect-health',
    ]);
    expect(afterFour?.next.kind).toBe('wait');
    expect(openItems(afterFour?.state ?? { confirmed: {} })).toEqual([
      'delete-old-app-registration',
      'register-new-health-agent',
    ]);
    expect(afterAll.next).toEqual({ kind: 'done' });
  });

  it('records the old server removed from Connect Health even before the new agent is registered', () => {
    const [, removed] = play(decommissionRules, freshRecord(), wednesday10, [
      [confirm('remove-from-connect-health'), wednesday10],
    ]);

    expect(removed?.record.status.decommissionConfirmed.map((c) => c.item)).toEqual([
      'remove-from-connect-health',
    ]);
    expect(openItems(removed?.state ?? { confirmed: {} })).toContain('register-new-health-agent');
  });

  it("lists the new server's Health agent before removing the old server from Connect Health", () => {
    expect(decommissionItems.indexOf('register-new-health-agent')).toBeLessThan(
      decommissionItems.indexOf('remove-from-connect-health'),
    );
  });
});
