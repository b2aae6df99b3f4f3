import { describe, expect, it } from 'vitest';
import { fillInputs } from '../../local/scenario/card-inputs';
import {
  cardButtons,
  cardInputs,
  cardLines,
  renderMarkdown,
} from '../../local/scenario/card-reading';

// A card with one of every element the runner reads, in the shapes our templates use.
const card = {
  type: 'AdaptiveCard',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: 'Start an Entra Connect migration', size: 'Large' },
    { type: 'TextBlock', text: 'Hidden detail', isVisible: false },
    {
      type: 'RichTextBlock',
      inlines: [{ type: 'TextRun', text: 'Rich ' }, 'text'],
    },
    {
      type: 'Container',
      items: [{ type: 'FactSet', facts: [{ title: 'Next reminder', value: 'Fri 20 Nov' }] }],
    },
    {
      type: 'ColumnSet',
      columns: [
        { type: 'Column', items: [{ type: 'TextBlock', text: '✅' }] },
        { type: 'Column', items: [{ type: 'TextBlock', text: 'Prepare' }] },
        { type: 'Column', items: [{ type: 'TextBlock', text: '4 of 4' }] },
      ],
    },
    { type: 'CodeBlock', codeSnippet: 'Get-ADSyncScheduler\nGet-ADSyncGlobalSettings' },
    {
      type: 'Input.Text',
      id: 'oldServer',
      label: 'Current server',
      placeholder: 'AADC01',
      isRequired: true,
      errorMessage: "Enter the current server's name.",
    },
    {
      type: 'ColumnSet',
      columns: [
        {
          type: 'Column',
          items: [{ type: 'Input.Number', id: 'days', label: 'Days', value: 7, min: 1, max: 30 }],
        },
        {
          type: 'Column',
          items: [{ type: 'Input.Toggle', id: 'fourEyes', title: 'Four eyes', value: 'true' }],
        },
      ],
    },
    {
      type: 'Input.ChoiceSet',
      id: 'workDays',
      label: 'Working days',
      isMultiSelect: true,
      value: '1,2',
      choices: [
        { title: 'Monday', value: '1' },
        { title: 'Tuesday', value: '2' },
        { title: 'Saturday', value: '6' },
      ],
    },
    {
      type: 'Input.ChoiceSet',
      id: 'approvers',
      label: 'Approvers',
      isMultiSelect: true,
      choices: [],
      'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' },
    },
    { type: 'Input.Text', id: 'code', label: 'Code', regex: '^[A-Z]{3}$' },
    {
      type: 'ActionSet',
      actions: [
        { type: 'Action.Execute', title: 'Refresh', verb: 'status.refresh', data: { m: 1 } },
      ],
    },
    { type: 'FancyChart', fallback: { type: 'TextBlock', text: 'A chart' } },
  ],
  actions: [
    { type: 'Action.Submit', title: 'Start the migration', data: { migrationId: 'm-1' } },
    { type: 'Action.OpenUrl', title: 'Learn more', url: 'https://learn.microsoft.com' },
    {
      type: 'Action.ShowCard',
      title: 'Snooze',
      card: {
        type: 'AdaptiveCard',
        body: [{ type: 'Input.Text', id: 'why', label: 'Why' }],
        actions: [{ type: 'Action.Execute', title: 'Snooze 1 day', verb: 'snooze' }],
      },
    },
  ],
};

describe('reading a card as a person sees it', () => {
  it('renders text, facts, columns as rows, code, inputs with ids, and buttons', () => {
    expect(cardLines(card)).toEqual([
      'Start an Entra Connect migration',
      'Rich text',
      'Next reminder: Fri 20 Nov',
      '✅  Prepare  4 of 4',
      '    Get-ADSyncScheduler',
      '    Get-ADSyncGlobalSettings',
      '▸ Current server [oldServer] *: ___ (e.g. AADC01)',
      '▸ Days [days]: 7  ▸ [x] Four eyes [fourEyes]',
      '▸ Working days [workDays]: [x] Monday  [x] Tuesday  [ ] Saturday',
      '▸ Approvers [approvers]: search',
      '▸ Code [code]: ___',
      '[ Refresh ]',
      'A chart',
      '[ Start the migration ] [ Learn more ↗ ] [ Snooze ▾ ]',
      '  ▾ Snooze:',
      '    ▸ Why [why]: ___',
      '    [ Snooze 1 day ]',
    ]);
  });

  it.each([
    ['2\\.2.1.0 retired', '2.2.1.0 retired'],
    ['Entra ID \\> Entra Connect', 'Entra ID > Entra Connect'],
    ['**URGENT** and *soon*', 'URGENT and soon'],
    ['_MSOL\\_ab12\\__ stays', 'MSOL_ab12_ stays'],
    ['MSOL_ab12_cd', 'MSOL_ab12_cd'],
    ['\\*not bold\\*', '*not bold*'],
    [
      'see [the guide](https://learn.microsoft.com/x)',
      'see the guide (https://learn.microsoft.com/x)',
    ],
    ['Get-ChildItem -Filter *.json', 'Get-ChildItem -Filter *.json'],
  ])('reads the Markdown %j as %j, as Teams shows it', (markdown, shown) => {
    expect(renderMarkdown(markdown)).toBe(shown);
    expect(cardLines({ body: [{ type: 'TextBlock', text: markdown }] })).toEqual([shown]);
  });

  it('reads nothing from something that is not a card', () => {
    expect(cardLines(undefined)).toEqual([]);
    expect(cardLines('card')).toEqual([]);
    expect(cardButtons(null)).toEqual([]);
  });

  it('finds every button with the inputs its click gathers, show-cards included', () => {
    const buttons = cardButtons(card).map((b) => ({
      type: b.type,
      title: b.title,
      inputs: b.inputs.map((input) => input.id),
    }));
    const cardInputIds = cardInputs(card).map((input) => input.id);
    expect(buttons).toEqual([
      { type: 'Action.Execute', title: 'Refresh', inputs: cardInputIds },
      { type: 'Action.Submit', title: 'Start the migration', inputs: cardInputIds },
      { type: 'Action.OpenUrl', title: 'Learn more', inputs: cardInputIds },
      { type: 'Action.Execute', title: 'Snooze 1 day', inputs: [...cardInputIds, 'why'] },
    ]);
  });
});

describe('filling inputs as the Teams renderer does', () => {
  const inputs = cardInputs(card);

  it('sends strings, keeps what the card shows, maps choice titles to values, leaves empty inputs out', () => {
    expect(
      fillInputs(inputs, { oldServer: 'AADC01', workDays: ['Monday', 'saturday'], days: 10 }),
    ).toEqual({
      ok: true,
      values: { oldServer: 'AADC01', days: '10', fourEyes: 'true', workDays: '1,6' },
    });
    expect(
      fillInputs(inputs, {
        oldServer: 'AADC01',
        fourEyes: false,
        approvers: 'user-id-1,user-id-2',
      }),
    ).toMatchObject({ ok: true, values: { fourEyes: 'false', approvers: 'user-id-1,user-id-2' } });
  });

  it('refuses to send what the client would not, naming each input', () => {
    const filled = fillInputs(inputs, {
      days: 31,
      workDays: 'Sunday',
      code: 'abc',
      oldSever: 'typo',
    });
    expect(filled.ok).toBe(false);
    expect(filled.ok ? [] : filled.problems).toEqual([
      'the card has no input "oldSever"; its inputs are: oldServer, days, fourEyes, workDays, approvers, code',
      `"Current server" [oldServer]: required (Enter the current server's name.)`,
      '"Days" [days]: 31 is outside 1 to 30 (not accepted by the card)',
      '"Working days" [workDays]: "Sunday" is not one of its choices: Monday (1), Tuesday (2), Saturday (6)',
      '"Code" [code]: does not match ^[A-Z]{3}$ (not accepted by the card)',
    ]);
  });
});
