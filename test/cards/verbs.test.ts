import { describe, expect, it } from 'vitest';
import { cardVerbs, parseCardAction } from '../../cards/verbs';

const migrationId = 'mig-20261012-contoso-7f3a9c';
const approval = {
  migrationId,
  checkpointId: 'cutover-approval',
  decisionId: 'cutover-approval#1',
};

describe('parseCardAction', () => {
  it('reads an Action.Execute invoke value, inputs merged into the data', () => {
    const parsed = parseCardAction({
      action: {
        type: 'Action.Execute',
        verb: cardVerbs.rejectCutover,
        data: {
          verb: cardVerbs.rejectCutover,
          ...approval,
          comment: 'Staging sync still has 12 errors.',
        },
      },
      trigger: 'manual',
    });

    expect(parsed).toEqual({
      ok: true,
      action: {
        verb: cardVerbs.rejectCutover,
        ...approval,
        comment: 'Staging sync still has 12 errors.',
      },
    });
  });

  it('reads an invoke from the Playground, which sends no trigger', () => {
    const parsed = parseCardAction({
      action: { type: 'Action.Execute', verb: cardVerbs.refreshStatus, data: { migrationId } },
    });

    expect(parsed).toEqual({ ok: true, action: { verb: cardVerbs.refreshStatus, migrationId } });
  });

  it('reads an Action.Submit message value', () => {
    const parsed = parseCardAction({
      verb: cardVerbs.startMigration,
      migrationId,
      oldServer: 'AADC01',
    });

    expect(parsed).toMatchObject({
      ok: true,
      action: { verb: cardVerbs.startMigration, oldServer: 'AADC01' },
    });
  });

  it('drops fields no verb declares', () => {
    const parsed = parseCardAction({ verb: cardVerbs.refreshStatus, migrationId, isAdmin: true });

    expect(parsed).toEqual({ ok: true, action: { verb: cardVerbs.refreshStatus, migrationId } });
  });

  it.each([
    ['no data at all', undefined],
    ['a string', 'approve'],
    ['an unknown verb', { verb: 'approval.forceApprove', ...approval }],
    ['no verb', { ...approval }],
    [
      'no migration id',
      { verb: cardVerbs.approveCutover, checkpointId: 'cutover-approval', decisionId: 'x' },
    ],
    [
      'a migration id with a path',
      { verb: cardVerbs.approveCutover, ...approval, migrationId: '../other' },
    ],
    [
      'a decision for another checkpoint',
      { verb: cardVerbs.approveCutover, ...approval, checkpointId: 'tls12' },
    ],
    [
      'an unknown checkpoint',
      { verb: cardVerbs.showInstructions, migrationId, checkpointId: 'format-c' },
    ],
    [
      'a rejection without a reason',
      { verb: cardVerbs.rejectCutover, ...approval, comment: '   ' },
    ],
    [
      'a snooze of a year',
      { verb: cardVerbs.snoozeReminder, migrationId, checkpointId: 'tls12', snooze: 'P1Y' },
    ],
    [
      'a check-in for day 0',
      { verb: cardVerbs.reportHealthy, migrationId, checkpointId: 'monitoring', day: 0 },
    ],
    [
      'a day as text',
      { verb: cardVerbs.reportHealthy, migrationId, checkpointId: 'monitoring', day: '3' },
    ],
    [
      'an unknown checklist item',
      {
        verb: cardVerbs.confirmDecommissionItem,
        migrationId,
        checkpointId: 'decommission',
        item: 'format-disk',
      },
    ],
    [
      'an oversized form field',
      { verb: cardVerbs.startMigration, migrationId, oldServer: 'A'.repeat(5000) },
    ],
    [
      'a form field that is not text',
      { verb: cardVerbs.startMigration, migrationId, monitoringDays: { $gt: 0 } },
    ],
  ])('rejects %s', (_what, value) => {
    const parsed = parseCardAction(value);

    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(/card/);
  });

  it('rejects an invoke whose data names another verb than the action', () => {
    const parsed = parseCardAction({
      action: {
        type: 'Action.Execute',
        verb: cardVerbs.approveCutover,
        data: { verb: cardVerbs.rejectCutover, ...approval },
      },
    });

    expect(parsed).toEqual({
      ok: false,
      error: 'The action verb and the verb in its data differ.',
      problems: [{ field: 'verb', message: 'The action verb and the verb in its data differ.' }],
    });
  });

  it('names the fields that are wrong', () => {
    const parsed = parseCardAction({ verb: cardVerbs.approveCutover, ...approval, decisionId: '' });

    expect(parsed).toMatchObject({ ok: false, error: expect.stringContaining('decisionId') });
    const fields = parsed.ok ? [] : parsed.problems.map((problem) => problem.field);
    expect(new Set(fields)).toEqual(new Set(['decisionId']));
  });

  it('gives a missing rejection reason as a problem of the comment field, with its message', () => {
    const parsed = parseCardAction({ verb: cardVerbs.rejectCutover, ...approval, comment: ' ' });

    expect(parsed.ok ? [] : parsed.problems).toEqual([
      { field: 'comment', message: 'Say why the cutover is rejected.' },
    ]);
  });

  it('reads which alternative to staging mode the old server took, and nothing else', () => {
    const offline = {
      verb: cardVerbs.confirmOldServerOffline,
      migrationId,
      checkpointId: 'old-server-staging',
    };

    expect(parseCardAction({ ...offline, how: 'isolated' })).toEqual({
      ok: true,
      action: { ...offline, how: 'isolated' },
    });
    expect(parseCardAction({ ...offline, how: 'unplugged' }).ok).toBe(false);
    expect(parseCardAction({ ...offline, how: 'shut-down', checkpointId: 'tls12' }).ok).toBe(false);
  });

  it('declares every verb once', () => {
    const verbs = Object.values(cardVerbs);

    expect(new Set(verbs).size).toBe(verbs.length);
  });
});
