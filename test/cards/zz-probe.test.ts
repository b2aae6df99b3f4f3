import * as AC from 'adaptivecards';
import { it } from 'vitest';
function parse(json: unknown) {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  card.parse(json, context);
  const events: string[] = [];
  for (let i = 0; i < context.eventCount; i++)
    events.push(`${context.getEventAt(i).event}:${context.getEventAt(i).message}`);
  for (const f of card.validateProperties().validationEvents)
    events.push(`${f.event}:${f.message}`);
  return { card, events };
}
it('probe', () => {
  const base = { type: 'AdaptiveCard', version: '1.5' };
  const r1 = parse({
    ...base,
    body: [
      {
        type: 'CodeBlock',
        codeSnippet: 'Get-ADSyncScheduler',
        language: 'PowerShell',
        fallback: { type: 'TextBlock', text: 'x', fontType: 'Monospace' },
      },
    ],
  });
  console.log('codeblock', r1.events, JSON.stringify(r1.card.toJSON()));
  const r2 = parse({
    ...base,
    body: [
      {
        type: 'Input.ChoiceSet',
        id: 'approvers',
        isMultiSelect: true,
        style: 'filtered',
        choices: [],
        'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' },
      },
    ],
  });
  console.log('picker', r2.events, JSON.stringify(r2.card.toJSON()));
  const r3 = parse({
    ...base,
    body: [
      {
        type: 'Input.ChoiceSet',
        id: 'approvers',
        isMultiSelect: true,
        choices: [],
        'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' },
        fallback: { type: 'Input.Text', id: 'approvers' },
      },
    ],
  });
  console.log('picker2', r3.events);
  const r4 = parse({
    type: 'AdaptiveCard',
    version: '1.4',
    refresh: { action: { type: 'Action.Execute', verb: 'x', data: { a: 1 } }, userIds: ['29:abc'] },
    body: [{ type: 'TextBlock', text: 'hi' }],
    actions: [{ type: 'Action.Execute', title: 'Approve', verb: 'approve', data: { a: 1 } }],
  });
  console.log('execute', r4.events, JSON.stringify(r4.card.toJSON()));
  const r5 = parse({
    ...base,
    body: [{ type: 'TextBlock', text: 'hi' }],
    actions: [
      {
        type: 'Action.ShowCard',
        title: 'Reject',
        card: {
          type: 'AdaptiveCard',
          body: [
            {
              type: 'Input.Text',
              id: 'comment',
              isMultiline: true,
              label: 'Comment',
              isRequired: true,
              errorMessage: 'x',
            },
          ],
          actions: [
            {
              type: 'Action.Execute',
              title: 'Reject',
              verb: 'reject',
              data: { a: 1 },
              associatedInputs: 'auto',
            },
          ],
        },
      },
    ],
  });
  console.log('showcard', r5.events);
  const r6 = parse({
    ...base,
    body: [
      { type: 'Input.Text', id: 'a', label: 'L', value: 'v', errorMessage: 'e', isRequired: true },
      { type: 'Input.Time', id: 't', value: '08:00' },
      { type: 'Input.Number', id: 'n', value: 7, min: 1, max: 30 },
      { type: 'Input.Toggle', id: 'tg', title: 'x', valueOn: 'true', valueOff: 'false' },
    ],
    actions: [{ type: 'Action.Submit', title: 'Start', data: { verb: 'x' }, style: 'positive' }],
  });
  console.log('inputs', r6.events);
  const r7 = parse({
    ...base,
    body: [
      {
        type: 'Table',
        columns: [{ width: 1 }],
        rows: [
          {
            type: 'TableRow',
            cells: [{ type: 'TableCell', items: [{ type: 'TextBlock', text: 'x' }] }],
          },
        ],
      },
      { type: 'Icon', name: 'x', fallback: 'drop' },
      { type: 'Badge', text: 'x', fallback: 'drop' },
    ],
  });
  console.log('table', r7.events);
});
