import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../local/scenario/duration';
import {
  loadScenarioFile,
  parseScenario,
  ScenarioFileError,
  type Scenario,
} from '../../local/scenario/scenario-file';

const root = path.resolve(__dirname, '..', '..');
const file = path.join(root, 'test', 'scenarios', 'inline.yaml');

function parse(source: string): Scenario {
  return parseScenario(source, { root, file });
}

function problemsOf(source: string): readonly string[] {
  try {
    parse(source);
  } catch (error) {
    if (error instanceof ScenarioFileError) return error.problems;
    throw error;
  }
  throw new Error('the scenario was accepted');
}

const header = 'name: Inline\nstart: 2026-11-18T14:30:00Z\nsteps:\n';

describe('durations', () => {
  it.each([
    ['48h', 48 * 3600_000],
    ['3d', 3 * 86_400_000],
    ['2d16h30m', (2 * 24 + 16.5) * 3600_000],
    ['90s', 90_000],
    ['1.5h', 5400_000],
    ['PT48H', 48 * 3600_000],
    ['P2DT16H29M', ((2 * 24 + 16) * 60 + 29) * 60_000],
    ['P1W', 7 * 86_400_000],
  ])('reads %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '48', 'P1M', 'P1Y', 'PT', 'P', '0h', 'soon', '-3d'])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it('writes durations largest unit first', () => {
    expect(formatDuration((2 * 24 + 16.5) * 3600_000)).toBe('2d 16h 30m');
    expect(formatDuration(0)).toBe('0ms');
  });
});

describe('scenario files', () => {
  it('resolves shorthands, people, places and defaults', () => {
    const scenario = parse(`name: Shorthands
start: 2026-11-18T14:30:00+01:00
settings: { REMINDER_AFTER_HOURS: 24 }
users:
  - name: Megan Bowen
  - name: Olga Other
    id: user-other
    aadObjectId: aad-other
    tenant: other-tenant
conversations:
  - { name: Migration team, type: channel }
steps:
  - say: start migration
  - say: { text: status, as: olga other, in: Migration team }
  - submit:
  - click: Refresh
  - advance: 2d16h
  - advance: { until: 2026-11-25T08:00:00Z }
  - restart
  - install: Alex Wilber
  - expect: nothing
  - expect: Migration started
  - expect: { card: [a, b], not: c, to: Migration team, within: 2, count: 1 }
  - expect: { not: AADC01, to: Alex Wilber }
`);
    expect(scenario.start.toISOString()).toBe('2026-11-18T13:30:00.000Z');
    expect(scenario.timeZone).toBe('UTC');
    expect(scenario.settings).toEqual({ REMINDER_AFTER_HOURS: '24' });
    // The first declared user acts unless a step names another.
    expect(scenario.defaultUser.name).toBe('Megan Bowen');
    expect(scenario.defaultUser.id).toBe('user-id-1');
    expect(scenario.users.map((u) => u.name)).toContain('Alex Wilber');
    const [say, sayThere, submit, click, advance, until, restart, install, ...expects] =
      scenario.steps;
    expect(say).toMatchObject({ kind: 'say', text: 'start migration', line: 13 });
    expect(say).toMatchObject({ place: { kind: 'personal', user: { name: 'Megan Bowen' } } });
    expect(sayThere).toMatchObject({
      user: { id: 'user-other', tenant: 'other-tenant' },
      place: {
        kind: 'channel',
        name: 'Migration team',
        tenant: '00000000-0000-0000-0000-0000000000001',
      },
    });
    expect(submit).toMatchObject({ kind: 'submit', values: {}, button: undefined });
    expect(click).toMatchObject({ kind: 'click', button: 'Refresh' });
    expect(advance).toMatchObject({ kind: 'advance', by: 64 * 3600_000, label: '2d16h' });
    expect(until).toMatchObject({ kind: 'advance', until: new Date('2026-11-25T08:00:00Z') });
    expect(restart).toMatchObject({ kind: 'restart' });
    expect(install).toMatchObject({ kind: 'install', user: { name: 'Alex Wilber' } });
    expect(expects.map((s) => (s.kind === 'expect' ? s.expectation : undefined))).toEqual([
      {
        kind: 'nothing',
        contains: [],
        not: [],
        to: undefined,
        within: undefined,
        count: undefined,
      },
      {
        kind: 'any',
        contains: ['Migration started'],
        not: [],
        to: undefined,
        within: undefined,
        count: undefined,
      },
      {
        kind: 'card',
        contains: ['a', 'b'],
        not: ['c'],
        to: expect.objectContaining({ kind: 'channel', name: 'Migration team' }),
        within: 2,
        count: 1,
      },
      {
        kind: 'absent',
        contains: [],
        not: ['AADC01'],
        to: expect.objectContaining({ kind: 'personal' }),
        within: undefined,
        count: undefined,
      },
    ]);
  });

  it('acts as the Playground user Alex Wilber in its tenant when no users are declared', () => {
    const scenario = parse(`${header}  - say: hi\n`);
    expect(scenario.defaultUser).toEqual({
      name: 'Alex Wilber',
      id: 'user-id-0',
      aadObjectId: '00000000-0000-0000-0000-0000000000020',
      tenant: '00000000-0000-0000-0000-0000000000001',
    });
  });

  it('reads paste files next to the scenario, and test/fixtures paths from the project root', () => {
    const scenario = loadScenarioFile(
      path.join(__dirname, 'scenario-files', 'paste-and-upload.yaml'),
      {
        root,
      },
    );
    const [nextToIt, fromRoot] = scenario.steps;
    expect(nextToIt).toMatchObject({ kind: 'paste', text: 'Get-ADSyncScheduler\n' });
    expect(fromRoot).toMatchObject({ kind: 'upload', name: 'MigratedPolicy-synthetic.json' });
    expect(fromRoot?.kind === 'upload' && fromRoot.content.length).toBeGreaterThan(100);
  });

  it.each([
    [
      'an unknown step kind',
      `${header}  - shout: hi\n`,
      /^line 4: step 1: a step is one kind with its value.*kinds: say, paste/,
    ],
    [
      'a typo in a field',
      `${header}  - say: hi\n  - submit: { valus: { a: 1 } }\n`,
      /^line 5: step 2 \(submit\): Unrecognized key: "valus"/,
    ],
    [
      'a value of the wrong type',
      `${header}  - submit: { values: { when: { at: 1 } } }\n`,
      /^line 4: step 1 \(submit\): values\.when: /,
    ],
    [
      'a duration that is none',
      `${header}  - advance: soon\n`,
      /^line 4: step 1 \(advance\): by: "soon" is not a duration/,
    ],
    ['months', `${header}  - advance: P1M\n`, /months and years have no fixed length/],
    [
      'an unknown user',
      `${header}  - say: { text: hi, as: Bob }\n`,
      /^line 4: step 1 \(say\): as: no user is called "Bob"; known users: Alex Wilber, Megan Bowen/,
    ],
    [
      'an undeclared conversation',
      `${header}  - say: { text: hi, in: Team }\n`,
      /step 1 \(say\): in: no conversation is called "Team"/,
    ],
    [
      'an unknown expect target',
      `${header}  - expect: { card: x, to: Nobody }\n`,
      /step 1 \(expect\): to: "Nobody" is neither a user nor a declared conversation/,
    ],
    [
      'a missing file',
      `${header}  - paste: no-such-file.txt\n`,
      /step 1 \(paste\): file: "no-such-file.txt" not found \(looked for test\/scenarios\/no-such-file.txt and no-such-file.txt\)/,
    ],
    [
      'two kinds of expectation',
      `${header}  - expect: { card: a, text: b }\n`,
      /step 1 \(expect\): give exactly one of card, text, contains or nothing/,
    ],
    [
      'a step with two kinds',
      `${header}  - say: hi\n    restart:\n`,
      /^line 4: step 1: a step is one kind/,
    ],
    [
      'an upload in a channel',
      `${header}  - upload: { file: x.json, in: Team }\n`,
      /step 1 \(upload\): Unrecognized key: "in"/,
    ],
    [
      'a start without a zone',
      'name: X\nstart: 2026-11-18T14:30:00\nsteps:\n  - say: hi\n',
      /^line 2: start: expected an ISO 8601 date and time with a zone/,
    ],
    [
      'no steps',
      'name: X\nstart: 2026-11-18T14:30:00Z\nsteps: []\n',
      /^line 3: steps: a scenario needs at least one step/,
    ],
    [
      'the storage setting',
      `settings: { AzureWebJobsStorage: x }\n${header}  - say: hi\n`,
      /settings\.AzureWebJobsStorage: the runner sets AzureWebJobsStorage itself/,
    ],
    [
      'a custom user without ids',
      `users: [{ name: Bob }]\n${header}  - say: hi\n`,
      /users\[0\]: "Bob" is not one of the Playground's users .*give its id and aadObjectId/,
    ],
    [
      'an unknown time zone',
      `timeZone: Mars/Olympus\n${header}  - say: hi\n`,
      /timeZone: expected an IANA time zone/,
    ],
    ['broken YAML', `${header}  - say: [hi\n`, /^line \d+: /],
    [
      'a status Teams does not refuse with',
      `${header}  - connector: { to: Megan Bowen, status: 418 }\n`,
      /step 1 \(connector\): status: status is one of 403, 404, 413, 429, 500, 502, 503/,
    ],
    [
      'a refusal aimed at nobody',
      `${header}  - connector: { to: Nobody, status: 403 }\n`,
      /step 1 \(connector\): to: "Nobody" is neither a user nor a declared conversation/,
    ],
    [
      'a sign-in name that is none',
      `users: [{ name: Megan Bowen, upn: megan }]\n${header}  - say: hi\n`,
      /users\.0\.upn: expected a sign-in name/,
    ],
  ])('names the line, step and field for %s', (_what, source, message) => {
    expect(problemsOf(source).join('\n')).toMatch(message);
  });

  it('reads sign-in names, who has the app, and refusals of the connector', () => {
    const scenario = parse(
      [
        'users:',
        '  - name: Alex Wilber',
        '  - name: Megan Bowen',
        '    upn: megan.bowen@contoso.example',
        '    appInstalled: false',
        header.trimEnd(),
        '  - connector: { to: Megan Bowen, status: 429, retryAfter: 5s, times: 2 }',
        '  - connector: { to: Alex Wilber, status: 403, code: BotNotInConversationRoster }',
      ].join('\n'),
    );
    const megan = scenario.users.find((user) => user.name === 'Megan Bowen');
    expect(megan).toMatchObject({ upn: 'megan.bowen@contoso.example', appInstalled: false });
    expect(scenario.users.find((user) => user.name === 'Alex Wilber')?.appInstalled).toBe(true);
    expect(scenario.steps).toMatchObject([
      {
        kind: 'connector',
        place: { kind: 'personal', user: { name: 'Megan Bowen' } },
        status: 429,
        code: 'TooManyRequests',
        retryAfterSeconds: 5,
        times: 2,
      },
      {
        kind: 'connector',
        status: 403,
        code: 'BotNotInConversationRoster',
        message: 'The bot is not part of the conversation roster.',
        retryAfterSeconds: undefined,
        times: 1,
      },
    ]);
  });

  it('lists every problem of a file at once', () => {
    const problems = problemsOf(
      `${header}  - shout: hi\n  - advance: soon\n  - say: { text: hi, as: Bob }\n`,
    );
    expect(problems).toHaveLength(3);
    expect(() => loadScenarioFile(path.join(root, 'no-such.yaml'), { root })).toThrow(
      'no-such.yaml is not a usable scenario:\n  - the file does not exist',
    );
  });
});
