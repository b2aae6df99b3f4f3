import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkExpectation, describeExpectation } from '../../local/scenario/expectation';
import type { ScenarioResult } from '../../local/scenario/run-scenario';
import { parseScenario, type Expectation } from '../../local/scenario/scenario-file';
import { formatTranscript } from '../../local/scenario/simulate';
import type { BotItem, TranscriptItem } from '../../local/scenario/transcript';

const root = path.resolve(__dirname, '..', '..');
const at = (iso: string): Date => new Date(iso);

function bot(fields: Partial<BotItem> & Pick<BotItem, 'step'>): BotItem {
  return {
    kind: 'bot',
    at: at('2026-11-18T14:30:00Z'),
    operation: 'reply',
    activityId: 'activity-1',
    conversationId: 'personal-user-id-0',
    place: 'Alex Wilber',
    text: undefined,
    cards: [],
    other: [],
    ...fields,
  };
}

const statusCard = bot({
  step: 2,
  cards: [
    {
      json: {},
      lines: [
        'Migration status',
        'Now: Record the version',
        'Next reminder: Fri 20 Nov',
        '[ Refresh ]',
      ],
    },
  ],
});
const started = bot({ step: 2, text: 'Migration m-1 started.' });

function expectation(fields: Partial<Expectation>): Expectation {
  return {
    kind: 'card',
    contains: [],
    not: [],
    to: undefined,
    within: undefined,
    count: undefined,
    thread: undefined,
    ...fields,
  };
}

describe('expectations', () => {
  it('holds when one card contains every string and none of the forbidden ones', () => {
    const e = expectation({ contains: ['Migration status', 'Refresh'], not: ['Completed'] });
    expect(checkExpectation(e, [started, statusCard], 'by step 2 (say)')).toEqual({ passed: true });
  });

  it('says what each item lacks or has when nothing matches', () => {
    const e = expectation({
      contains: ['Now: Record the version', 'Mon 23 Nov'],
      not: ['Refresh'],
    });
    expect(checkExpectation(e, [started, statusCard], 'by step 2 (say)')).toEqual({
      passed: false,
      reason: [
        'none of what was sent by step 2 (say) matches:',
        '- text "Migration m-1 started." to Alex Wilber (no card)',
        '- card "Migration status" to Alex Wilber (lacks "Mon 23 Nov"; has "Refresh")',
      ].join('\n'),
    });
  });

  it('reads texts for text, cards for card, and both for any', () => {
    const text = expectation({ kind: 'text', contains: ['started'] });
    const card = expectation({ kind: 'card', contains: ['started'] });
    const any = expectation({ kind: 'any', contains: ['Refresh'] });
    expect(checkExpectation(text, [started], 's').passed).toBe(true);
    expect(checkExpectation(card, [started], 's').passed).toBe(false);
    expect(checkExpectation(any, [statusCard], 's').passed).toBe(true);
  });

  it('counts matches when a count is asked for', () => {
    const e = expectation({ contains: ['Migration status'], count: 1 });
    expect(checkExpectation(e, [statusCard], 's').passed).toBe(true);
    expect(checkExpectation(e, [statusCard, statusCard], 'since step 3')).toEqual({
      passed: false,
      reason: [
        '2 matching item(s) were sent since step 3, not 1:',
        '- card "Migration status" to Alex Wilber',
        '- card "Migration status" to Alex Wilber',
      ].join('\n'),
    });
  });

  it('checks that nothing was sent, or that nothing sent contains a string', () => {
    expect(checkExpectation(expectation({ kind: 'nothing' }), [], 's')).toEqual({ passed: true });
    expect(
      checkExpectation(expectation({ kind: 'nothing' }), [started], 'by step 4 (advance)'),
    ).toEqual({
      passed: false,
      reason:
        '1 item(s) were sent by step 4 (advance):\n- text "Migration m-1 started." to Alex Wilber',
    });
    const absent = expectation({ kind: 'absent', not: ['Refresh'] });
    expect(checkExpectation(absent, [started], 's').passed).toBe(true);
    expect(checkExpectation(absent, [started, statusCard], 's').passed).toBe(false);
  });

  it('describes itself in one line', () => {
    expect(
      describeExpectation(
        expectation({
          contains: ['Reminder'],
          not: ['Snooze'],
          count: 2,
          within: 3,
          to: {
            kind: 'personal',
            user: { name: 'Megan Bowen', id: 'user-id-1', aadObjectId: 'a', tenant: 't' },
          },
        }),
      ),
    ).toBe(
      'expect exactly 2 × card containing "Reminder" and not "Snooze", sent to Megan Bowen among the last 3 items',
    );
  });
});

describe('the transcript', () => {
  const scenario = parseScenario(
    `name: Formatting
description: Shows every kind of item.
start: 2026-11-18T14:30:00Z
timeZone: Europe/Berlin
steps:
  - say: status
  - expect: { card: Refresh }
  - advance: 48h
  - expect: nothing
`,
    { root, file: path.join(root, 'test', 'scenarios', 'formatting.yaml') },
  );
  const transcript: TranscriptItem[] = [
    {
      kind: 'user',
      at: at('2026-11-18T14:30:00Z'),
      step: 1,
      user: 'Alex Wilber',
      place: undefined,
      action: 'says',
      text: 'status',
    },
    { ...statusCard, step: 1 },
    bot({
      step: 1,
      operation: 'answer',
      place: '#Migration team',
      text: 'The instructions are in the chat.',
    }),
    {
      kind: 'user',
      at: at('2026-11-18T14:30:05Z'),
      step: 1,
      user: 'Alex Wilber',
      place: '#Migration team',
      action: 'pastes',
      text: 'line 1\n  line 2',
    },
    { kind: 'download', at: at('2026-11-18T14:30:05Z'), step: 1, name: 'export.json' },
    {
      kind: 'expect',
      at: at('2026-11-18T14:30:05Z'),
      step: 2,
      line: 7,
      passed: true,
      description: 'expect a card containing "Refresh"',
      reason: undefined,
    },
    {
      kind: 'advance',
      at: at('2026-11-18T14:30:05Z'),
      step: 3,
      to: at('2026-11-20T14:30:05Z'),
      label: '48h',
    },
    { kind: 'restart', at: at('2026-11-20T14:30:05Z'), step: 3 },
    bot({ step: 3, at: at('2026-11-20T14:30:05Z'), operation: 'update', text: 'Reminder 1' }),
    {
      kind: 'expect',
      at: at('2026-11-20T14:30:05Z'),
      step: 4,
      line: 9,
      passed: false,
      description: 'expect nothing sent',
      reason: '1 item(s) were sent by step 3 (advance):\n- text "Reminder 1" to Alex Wilber',
    },
  ];
  const result: ScenarioResult = {
    scenario,
    passed: false,
    transcript,
    expectationsHeld: 1,
    failure: {
      step: 4,
      line: 9,
      kind: 'expect',
      reason: '1 item(s) were sent by step 3 (advance):\n- text "Reminder 1" to Alex Wilber',
    },
    endedAt: at('2026-11-20T14:30:05Z'),
  };

  it('shows every item with its simulated time in the scenario zone, then the failure and the items before it', () => {
    expect(formatTranscript(result, root)).toBe(
      `Scenario: Formatting (test/scenarios/formatting.yaml)
Shows every kind of item.
Virtual clock starts Wed 18 Nov 2026 15:30 (Europe/Berlin)

Wed 18 Nov 2026 15:30  Alex Wilber: status
Wed 18 Nov 2026 15:30  bot → Alex Wilber:
                       ┌ card
                       │ Migration status
                       │ Now: Record the version
                       │ Next reminder: Fri 20 Nov
                       │ [ Refresh ]
                       └
Wed 18 Nov 2026 15:30  bot answers the click in #Migration team: The instructions are in the chat.
Wed 18 Nov 2026 15:30:05  Alex Wilber in #Migration team pastes 2 lines:
                          │ line 1
                          │   line 2
Wed 18 Nov 2026 15:30:05  bot downloads export.json
Wed 18 Nov 2026 15:30:05  ✓ expect a card containing "Refresh"
Wed 18 Nov 2026 15:30:05  ⏩ 48h later: Fri 20 Nov 2026 15:30:05
Fri 20 Nov 2026 15:30:05  ↻ the runtime restarts on the same storage
Fri 20 Nov 2026 15:30:05  bot updates a message in Alex Wilber: Reminder 1
Fri 20 Nov 2026 15:30:05  ✗ expect nothing sent
                            1 item(s) were sent by step 3 (advance):
                            - text "Reminder 1" to Alex Wilber

FAILED  Formatting at step 4 (expect, test/scenarios/formatting.yaml:9):
  1 item(s) were sent by step 3 (advance):
  - text "Reminder 1" to Alex Wilber

The last items before it:
Wed 18 Nov 2026 15:30:05  ✓ expect a card containing "Refresh"
Wed 18 Nov 2026 15:30:05  ⏩ 48h later: Fri 20 Nov 2026 15:30:05
Fri 20 Nov 2026 15:30:05  ↻ the runtime restarts on the same storage
Fri 20 Nov 2026 15:30:05  bot updates a message in Alex Wilber: Reminder 1`,
    );
  });

  it('ends a passing run with the count of expectations and the simulated time', () => {
    const passed = { ...result, passed: true, failure: undefined, expectationsHeld: 2 };
    expect(formatTranscript(passed, root).split('\n').at(-1)).toBe(
      'PASSED  Formatting: 2 expectation(s) held over 4 steps; 2d 5s simulated',
    );
  });
});
