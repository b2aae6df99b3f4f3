import { describe, expect, it } from 'vitest';
import {
  approvalDue,
  approvalRules,
  approvalSchedule,
  approvalWakeUp,
  decisionIdOf,
  decisionRight,
  nextApprovalReminder,
  type ApprovalState,
} from '../../../migration/workflow/approval';
import {
  alex,
  at,
  effectNames,
  eve,
  freshRecord,
  hoursAfter,
  last,
  megan,
  play,
  signal,
  start,
  time,
  wednesday10,
} from './support/workflow-fixtures';

const owner = { id: '29:owner', aadObjectId: 'owner-oid', name: 'Alex Wilber' };

const approvers = [
  { id: 'megan-oid', name: 'Megan Bowen' },
  { id: 'lee.gu@contoso.com', name: 'lee.gu@contoso.com' },
];

describe('who may decide the cutover', () => {
  it('allows a named approver by object id', () => {
    expect(
      decisionRight({ aadObjectId: 'megan-oid', name: 'Megan' }, approvers, owner),
    ).toMatchObject({ allowed: true });
  });

  it('allows an approver named by sign-in name when Teams gives the same UPN, in any case', () => {
    const user = { aadObjectId: 'lee-oid', name: 'Lee', userPrincipalName: 'Lee.Gu@Contoso.com' };
    expect(decisionRight(user, approvers, owner)).toMatchObject({
      allowed: true,
      approver: { id: 'lee.gu@contoso.com' },
    });
  });

  it('refuses someone who is not an approver', () => {
    const right = decisionRight({ aadObjectId: 'eve-oid', name: 'Eve' }, approvers, owner);
    expect(right).toEqual({
      allowed: false,
      reason: expect.stringContaining('Only the approvers'),
    });
  });

  it('refuses the requester even when they are also listed as an approver (four-eyes)', () => {
    const right = decisionRight(
      { aadObjectId: 'owner-oid', name: 'Alex' },
      [...approvers, { id: 'owner-oid' }],
      owner,
    );
    expect(right).toEqual({ allowed: false, reason: expect.stringContaining('four-eyes') });
  });

  it('gives each approval round its own decision id', () => {
    expect(decisionIdOf('m1', 1)).not.toBe(decisionIdOf('m1', 2));
  });
});

describe('the approval schedule', () => {
  const requested = at('2026-11-18T09:00:00Z'); // Wednesday 10:00 in Berlin

  it('reminds after the interval inside working hours, escalates and expires at any hour', () => {
    expect(approvalSchedule(requested, start.timing, start.plan)).toEqual({
      requestedAt: requested,
      firstReminderAt: at('2026-11-18T13:00:00Z'),
      escalateAt: at('2026-11-19T09:00:00Z'),
      expiresAt: at('2026-11-21T09:00:00Z'),
    });
  });

  it('moves a reminder that would fall in the evening to the next working morning', () => {
    expect(nextApprovalReminder(at('2026-11-18T14:30:00Z'), start.timing, start.plan)).toEqual(
      at('2026-11-19T07:00:00Z'),
    );
  });

  const round = {
    schedule: approvalSchedule(requested, start.timing, start.plan),
    remindAt: at('2026-11-18T13:00:00Z'),
    escalated: false,
  };

  it.each([
    [
      'before anything',
      '2026-11-18T12:59:59Z',
      false,
      { expired: false, escalate: false, remind: false },
    ],
    [
      'the reminder',
      '2026-11-18T13:00:00Z',
      false,
      { expired: false, escalate: false, remind: true },
    ],
    [
      'escalation with the reminder',
      '2026-11-19T09:00:00Z',
      false,
      { expired: false, escalate: true, remind: true },
    ],
    [
      'nothing but expiry while paused',
      '2026-11-19T09:00:00Z',
      true,
      { expired: false, escalate: false, remind: false },
    ],
    [
      'expiry, even while paused',
      '2026-11-21T09:00:00Z',
      true,
      { expired: true, escalate: false, remind: false },
    ],
    [
      'expiry first',
      '2026-11-22T09:00:00Z',
      false,
      { expired: true, escalate: false, remind: false },
    ],
  ])('at %s', (_name, when, paused, due) => {
    expect(approvalDue(round, paused, at(when))).toEqual(due);
  });

  it.each([
    ['the reminder first', false, false, '2026-11-18T13:00:00.000Z'],
    ['only expiry while paused', false, true, '2026-11-21T09:00:00.000Z'],
  ])('wakes up for %s', (_name, escalated, paused, when) => {
    expect(approvalWakeUp({ ...round, escalated }, paused).toISOString()).toBe(when);
  });

  it('wakes up for escalation when it comes before the next reminder, and never twice', () => {
    const late = { ...round, remindAt: at('2026-11-20T07:00:00Z') };
    expect(approvalWakeUp(late, false)).toEqual(round.schedule.escalateAt);
    expect(approvalWakeUp({ ...late, escalated: true }, false)).toEqual(late.remindAt);
  });
});

describe('the approval step', () => {
  const begun = (): ReturnType<typeof play<ApprovalState>> => {
    const record = freshRecord();
    const judged = {
      ...record,
      journal: {
        ...record.journal,
        judgments: [
          {
            checkpoint: 'tls12' as const,
            status: 'fail' as const,
            at: '',
            by: 'Alex',
            evidence: [],
          },
          {
            checkpoint: 'tls12' as const,
            status: 'pass' as const,
            at: '',
            by: 'Alex',
            evidence: [],
          },
          {
            checkpoint: 'staging-sync' as const,
            status: 'warn' as const,
            at: '',
            by: 'Alex',
            evidence: [],
          },
        ],
      },
    };
    return play(approvalRules, judged, wednesday10, []);
  };

  it('asks every approver with the latest verdict of each checkpoint, warnings included, and publishes them', () => {
    const [first] = begun();
    expect(first?.next).toMatchObject({
      kind: 'request',
      request: {
        kind: 'send-approvals',
        round: 1,
        request: {
          decisionId: decisionIdOf('m-1', 1),
          requestedAt: wednesday10.toISOString(),
          approvers: ['Megan Bowen', 'Lee Gu'],
          evidence: [
            { checkpointId: 'tls12', status: 'pass' },
            { checkpointId: 'staging-sync', status: 'warn' },
          ],
        },
      },
    });
    expect(first?.record.status).toMatchObject({
      awaiting: 'approval',
      decisionId: decisionIdOf('m-1', 1),
      approval: {
        requestedAt: wednesday10.toISOString(),
        expiresAt: '2026-11-21T09:00:00.000Z',
        verdicts: [
          { checkpointId: 'tls12', status: 'pass' },
          { checkpointId: 'staging-sync', status: 'warn' },
        ],
      },
    });
  });

  it.each([
    ['2.2.1.0', { rule: 'sync-stopped', version: '2.2.1.0', minimum: '2.5.79.0' }],
    ['2.5.79.0', undefined],
  ])(
    'names the cutoff of an old server at %s in the request and its summary',
    (version, cutoff) => {
      const record = freshRecord();
      const [first] = play(
        approvalRules,
        { ...record, journal: { ...record.journal, recorded: { 'old.version': version } } },
        wednesday10,
        [],
      );
      const request =
        first?.next.kind === 'request' && first.next.request.kind === 'send-approvals'
          ? first.next.request.request
          : undefined;
      if (cutoff === undefined) {
        expect(request).not.toHaveProperty('oldServerCutoff');
        expect(first?.record.status.approval).not.toHaveProperty('oldServerCutoff');
      } else {
        expect(request?.oldServerCutoff).toMatchObject(cutoff);
        expect(first?.record.status.approval?.oldServerCutoff).toMatchObject(cutoff);
      }
    },
  );

  const sent = {
    kind: 'approvals-sent' as const,
    delivery: {
      sent: [
        { to: { kind: 'personal' as const, aadObjectId: 'megan-oid' }, activityId: 'a-1' },
        { to: { kind: 'conversation' as const, key: 'conversation-1' }, activityId: 'a-2' },
      ],
      unreachable: ['Lee Gu'],
    },
  };

  it('tells the owner whom it could not reach, and audits the request', () => {
    const [, delivered] = play(approvalRules, freshRecord(), wednesday10, [[sent, wednesday10]]);
    expect(effectNames(delivered?.effects ?? [])).toEqual([
      'post:approval:1:unreachable',
      'audit:approval:1:requested',
    ]);
    expect(delivered?.next).toEqual({ kind: 'wait', until: at('2026-11-18T13:00:00Z') });
  });

  it('sends the request again once an approver it missed opens the bot, and only then', () => {
    const lee = { aadObjectId: 'lee-oid', name: 'Lee Gu' };
    const [first, , reachable, again, unknown] = play(approvalRules, freshRecord(), wednesday10, [
      [sent, wednesday10],
      [signal('approver-reachable', { approverId: 'lee.gu@contoso.com', by: lee }), wednesday10],
      [signal('approver-reachable', { approverId: 'megan-oid', by: megan }), wednesday10],
      [signal('approver-reachable', { approverId: 'eve-oid', by: lee }), wednesday10],
    ]);
    const request = first?.next.kind === 'request' ? first.next.request : undefined;
    expect(request?.kind).toBe('send-approvals');
    expect(effectNames(reachable?.effects ?? [])).toEqual([
      'audit:approval:1:reachable:lee.gu@contoso.com',
    ]);
    // The same request as the round's first: each copy is sent once, so only Lee's goes out.
    expect(reachable?.next).toEqual(first?.next);
    // Megan got the request already; Eve is no approver.
    expect(again?.effects).toEqual([]);
    expect(again?.next.kind).toBe('wait');
    expect(unknown?.effects).toEqual([]);
    expect(unknown?.next.kind).toBe('wait');
  });

  it('tells the owner by name whom Teams did not deliver the request to, and why', () => {
    const refused = {
      ...sent,
      delivery: {
        ...sent.delivery,
        unreachable: [],
        undelivered: [
          {
            name: 'Megan Bowen',
            reason:
              'Teams refused the message because they blocked the bot (403 MessageWritesBlocked)',
          },
        ],
      },
    };
    const [, delivered] = play(approvalRules, freshRecord(), wednesday10, [[refused, wednesday10]]);
    expect(effectNames(delivered?.effects ?? [])).toEqual([
      'post:approval:1:undelivered',
      'audit:approval:1:requested',
    ]);
    const notice = delivered?.effects[0];
    expect(notice?.kind === 'post' && notice.notice.kind === 'text' ? notice.notice.text : '').toBe(
      'Teams did not deliver the approval request to Megan Bowen: Teams refused the message because they blocked the bot (403 MessageWritesBlocked). Ask them to open their chat with the bot in Teams again; then say request approval to send it again. They can also approve from the card in this conversation (Refresh card in its menu shows their buttons).',
    );
  });

  it("names how to add the app, and no card approvers cannot see when it is in the owner's chat", () => {
    const private_ = { ...sent, delivery: { ...sent.delivery, sharedInPersonalChat: true } };
    const [, delivered] = play(approvalRules, freshRecord(), wednesday10, [
      [private_, wednesday10],
    ]);
    const notice = delivered?.effects[0];
    expect(notice?.kind === 'post' && notice.notice.kind === 'text' ? notice.notice.text : '').toBe(
      'I could not send the approval request to Lee Gu: the app is not installed for them in Teams yet. Ask them to add it once (in Teams: Apps, search for Entra Connect Migration, Add): I send them the request as soon as they open it.',
    );
  });

  it('sends the request again to those it missed when the owner asks while it is open', () => {
    const [first, , asked, missedAgain] = play(approvalRules, freshRecord(), wednesday10, [
      [sent, wednesday10],
      [signal('request-approval', {}), hoursAfter(wednesday10, 1)],
      [sent, hoursAfter(wednesday10, 1)],
    ]);
    expect(effectNames(asked?.effects ?? [])).toEqual(['audit:approval:1:asked-again:1']);
    // The round's own request: copies already delivered are not sent twice (their send keys).
    expect(asked?.next).toEqual(first?.next);
    // Still not reachable: the owner hears it again, as a notice of its own.
    expect(effectNames(missedAgain?.effects ?? [])).toEqual([
      'post:approval:1:unreachable:1',
      'audit:approval:1:requested',
    ]);
  });

  it('says the request already reached everyone when the owner asks while nobody missed it', () => {
    const everyone = { ...sent, delivery: { ...sent.delivery, unreachable: [] } };
    const [, , asked, askedTwice] = play(approvalRules, freshRecord(), wednesday10, [
      [everyone, wednesday10],
      [signal('request-approval', {}), hoursAfter(wednesday10, 1)],
      [signal('request-approval', {}), hoursAfter(wednesday10, 2)],
    ]);
    expect(effectNames(asked?.effects ?? [])).toEqual(['post:approval:1:asked-again:1']);
    expect(effectNames(askedTwice?.effects ?? [])).toEqual(['post:approval:1:asked-again:2']);
    expect(asked?.next.kind).toBe('wait');
  });

  it('lets only the owner ask again while a request is open', () => {
    const [, , byApprover] = play(approvalRules, freshRecord(), wednesday10, [
      [sent, wednesday10],
      [signal('request-approval', { by: megan }), hoursAfter(wednesday10, 1)],
    ]);
    expect(byApprover?.effects).toEqual([]);
    expect(byApprover?.next.kind).toBe('wait');
  });

  it('reminds the approvers, escalates to the owner and the channel, then expires and waits for the owner', () => {
    const decisions = play(approvalRules, freshRecord(), wednesday10, [
      [sent, wednesday10],
      [time, at('2026-11-18T13:00:00Z')],
      [time, at('2026-11-19T09:00:00Z')],
      [time, at('2026-11-21T09:00:00Z')],
    ]);
    const [, , reminded, escalated, expired] = decisions;
    expect(effectNames(reminded?.effects ?? [])).toEqual([
      'post:approval:1:reminder:1:megan-oid',
      'post:approval:1:reminder:1:lee.gu@contoso.com',
      'audit:approval:1:reminder:1',
    ]);
    expect(reminded?.record.status.remindersSent).toBe(1);
    // The escalation names whom the request never reached (Lee Gu had no chat with the bot).
    const toOwner = escalated?.effects[0];
    expect(toOwner?.kind === 'post' ? toOwner.notice : undefined).toMatchObject({
      kind: 'escalation',
      notReached: ['Lee Gu'],
    });
    expect(effectNames(escalated?.effects ?? [])).toEqual([
      'post:approval:1:escalation:owner',
      'post:approval:1:escalation:channel',
      'audit:approval:1:escalation',
      'post:approval:1:reminder:2:megan-oid',
      'post:approval:1:reminder:2:lee.gu@contoso.com',
      'audit:approval:1:reminder:2',
    ]);
    expect(effectNames(expired?.effects ?? [])).toEqual([
      'post:approval:1:expired',
      'audit:approval:1:expired',
    ]);
    expect(expired?.record.status).toMatchObject({
      awaiting: 'confirmation',
      decisionId: null,
      approval: null,
    });
    expect(expired?.record.journal.approvals).toEqual([
      expect.objectContaining({
        outcome: 'expired',
        requestedAt: wednesday10.toISOString(),
        at: '2026-11-21T09:00:00.000Z',
      }),
    ]);
    expect(expired?.next).toEqual({ kind: 'wait', until: null });
  });

  const decision = (approve: boolean, by = megan, decisionId = decisionIdOf('m-1', 1)) =>
    signal('decision', { decisionId, approverId: 'megan-oid', approve, by });

  it('takes an approval: the cards lose their buttons, the decision is audited, the step is done', () => {
    const approved = last(
      play(approvalRules, freshRecord(), wednesday10, [
        [sent, wednesday10],
        [decision(true), hoursAfter(wednesday10, 1)],
      ]),
    );
    expect(effectNames(approved.effects)).toEqual([
      'replace:personal',
      'replace:conversation',
      'audit:approval:1:approved',
    ]);
    expect(approved.next).toEqual({ kind: 'done' });
    expect(approved.record.status.completedCheckpoints).toContain('cutover-approval');
    expect(approved.record.status.approval).toBeNull();
  });

  it.each([
    ['the owner, even when named an approver', decision(true, alex)],
    ['a decision of another round', decision(true, megan, decisionIdOf('m-1', 2))],
    [
      'an approver entry that is not in the plan',
      signal('decision', {
        decisionId: decisionIdOf('m-1', 1),
        approverId: 'eve-oid',
        approve: true,
        by: eve,
      }),
    ],
  ])('decides nothing on a decision by %s', (_name, input) => {
    const after = last(
      play(approvalRules, freshRecord(), wednesday10, [
        [sent, wednesday10],
        [input, hoursAfter(wednesday10, 1)],
      ]),
    );
    expect(after.effects).toEqual([]);
    expect(after.next.kind).toBe('wait');
    expect(after.record.journal.approvals).toEqual([]);
  });

  it('after a rejection waits for the owner to ask again, then opens round 2', () => {
    const decisions = play(approvalRules, freshRecord(), wednesday10, [
      [sent, wednesday10],
      [decision(false), hoursAfter(wednesday10, 1)],
      [signal('request-approval', { by: megan }), hoursAfter(wednesday10, 2)],
      [signal('request-approval', {}), hoursAfter(wednesday10, 3)],
    ]);
    const [, , rejected, byApprover, again] = decisions;
    expect(effectNames(rejected?.effects ?? []).slice(-2)).toEqual([
      'audit:approval:1:rejected',
      'post:approval:rejected:1',
    ]);
    expect(byApprover?.next).toEqual({ kind: 'wait', until: null });
    expect(again?.next).toMatchObject({
      kind: 'request',
      request: { kind: 'send-approvals', round: 2 },
    });
    expect(again?.record.status.decisionId).toBe(decisionIdOf('m-1', 2));
  });

  it('ends the migration on cancel', () => {
    const after = last(
      play(approvalRules, freshRecord(), wednesday10, [
        [sent, wednesday10],
        [signal('cancel', {}), hoursAfter(wednesday10, 1)],
      ]),
    );
    expect(after.next).toEqual({ kind: 'end', outcome: 'cancelled', by: 'Alex Wilber' });
  });
});
