import { describe, expect, it } from 'vitest';
import { parseMigrationPlan } from '../../migration/migration-plan';
import {
  readStartForm,
  renderStartForm,
  startFormPlanInput,
  type StartFormView,
} from '../../cards/start-form-card';
import { cardVerbs, parseCardAction, startFormInputs } from '../../cards/verbs';
import { elementById } from './card-json';
import { parseAsTeams, peoplePickers } from './teams-card-parser';

const migrationId = 'mig-20261012-contoso-7f3a9c';

/** The body element right after the input with this id (where its problem is shown). */
function elementAfter(
  card: Record<string, unknown>,
  id: string,
): Record<string, unknown> | undefined {
  const body = card.body as Record<string, unknown>[];
  const flat = body.flatMap((element) =>
    element.type === 'ColumnSet'
      ? [
          element,
          ...(element.columns as { items: Record<string, unknown>[] }[]).flatMap((c) => c.items),
        ]
      : [element],
  );
  const index = flat.findIndex((element) => element.id === id);
  // The time inputs sit in a ColumnSet: their problem follows the ColumnSet.
  const next = flat
    .slice(index + 1)
    .find((element) => !('id' in element) || element.type !== 'Input.Time');
  return next;
}

function submit(fields: Record<string, string>) {
  const parsed = parseCardAction({ verb: cardVerbs.startMigration, migrationId, ...fields });
  if (!parsed.ok || parsed.action.verb !== cardVerbs.startMigration)
    throw new Error(String(parsed.ok));
  return readStartForm(parsed.action);
}

describe('renderStartForm', () => {
  const first: StartFormView = {
    migrationId,
    peoplePicker: true,
    values: { timeZone: 'Europe/Berlin' },
  };

  it('offers the Teams people picker over the organisation, plus a plain field', () => {
    const card = renderStartForm(first);
    const { card: parsed } = parseAsTeams(card);

    expect(peoplePickers(parsed)).toEqual({
      [startFormInputs.approvers]: 'graph.microsoft.com/users',
    });
    expect(elementById(card, startFormInputs.approversText)).toMatchObject({ type: 'Input.Text' });
  });

  it('searches the members of a group chat or channel there, where organisation search fails', () => {
    const card = renderStartForm({ ...first, pickerScope: 'conversation' });
    const { card: parsed } = parseAsTeams(card);

    expect(peoplePickers(parsed)).toEqual({
      [startFormInputs.approvers]: 'graph.microsoft.com/users?scope=currentContext',
    });
    expect(elementById(card, startFormInputs.approvers)).toMatchObject({
      placeholder: 'Search for people in this conversation',
    });
  });

  it('has only the plain approver field where the client has no people picker', () => {
    const card = renderStartForm({ ...first, peoplePicker: false });

    expect(elementById(card, startFormInputs.approvers)).toBeUndefined();
    expect(elementById(card, startFormInputs.approversText)).toMatchObject({
      label: expect.stringContaining('Approvers'),
    });
  });

  it('starts with a week of monitoring and weekday working hours', () => {
    const card = renderStartForm(first);

    expect(elementById(card, startFormInputs.monitoringDays)).toMatchObject({ value: 7 });
    expect(elementById(card, startFormInputs.workStart)).toMatchObject({ value: '08:00' });
    expect(elementById(card, startFormInputs.workEnd)).toMatchObject({ value: '18:00' });
    expect(elementById(card, startFormInputs.workDays)).toMatchObject({ value: '1,2,3,4,5' });
    expect(elementById(card, startFormInputs.timeZone)).toMatchObject({ value: 'Europe/Berlin' });
  });

  it('shows no problem text on a fresh form', () => {
    const card = renderStartForm(first);

    expect(JSON.stringify(card)).not.toContain('Attention');
  });

  it('shows each problem right after the field it names, keeping the values', () => {
    const submitted = submit({
      oldServer: 'AADC01',
      newServer: 'aadc01',
      approvers: '5f0c2a71-93d4-4d8e-a1b6-3c2e9f7a4b10',
      monitoringDays: '45',
      timeZone: 'Berlin',
      workStart: '18:00',
      workEnd: '08:00',
      workDays: '',
    });
    const result = parseMigrationPlan(
      startFormPlanInput(submitted.values, [
        { id: '5f0c2a71-93d4-4d8e-a1b6-3c2e9f7a4b10', name: 'Lee Gu' },
      ]),
    );
    if (result.ok) throw new Error('the plan should have problems');

    const card = renderStartForm({
      migrationId,
      peoplePicker: true,
      values: {
        ...submitted.values,
        approvers: [{ id: '5f0c2a71-93d4-4d8e-a1b6-3c2e9f7a4b10', name: 'Lee Gu' }],
      },
      problems: result.problems,
    });

    expect(elementAfter(card, 'newServer')).toMatchObject({
      color: 'Attention',
      text: expect.stringContaining('must be a different server'),
    });
    expect(elementAfter(card, 'monitoringDays')).toMatchObject({
      text: expect.stringContaining('at most 30 days'),
    });
    expect(elementAfter(card, 'timeZone')).toMatchObject({
      text: expect.stringContaining('IANA time zone'),
    });
    expect(elementAfter(card, 'workEnd')).toMatchObject({
      text: expect.stringContaining('end after they start'),
    });
    expect(elementAfter(card, 'workDays')).toMatchObject({
      text: expect.stringContaining('at least one working day'),
    });
    expect(elementAfter(card, 'oldServer')).not.toMatchObject({ color: 'Attention' });
    expect(elementById(card, 'oldServer')).toMatchObject({ value: 'AADC01' });
    expect(elementById(card, 'newServer')).toMatchObject({ value: 'aadc01' });
    expect(elementById(card, 'monitoringDays')).toMatchObject({ value: 45 });
    expect(elementById(card, 'approvers')).toMatchObject({
      value: '5f0c2a71-93d4-4d8e-a1b6-3c2e9f7a4b10',
      choices: [{ title: 'Lee Gu', value: '5f0c2a71-93d4-4d8e-a1b6-3c2e9f7a4b10' }],
    });
    expect(JSON.stringify(card)).toContain('Please fix the 5 problems below');
    expect(parseAsTeams(card).events).toEqual([]);
  });

  it('shows a problem about the approvers under the approver fields', () => {
    const card = renderStartForm({
      ...first,
      problems: [{ field: 'approvers', message: 'Name at least one approver for the cutover.' }],
    });

    expect(elementAfter(card, 'approversText')).toMatchObject({
      text: expect.stringContaining('at least one approver'),
    });
  });

  it('shows a problem that names no field at the top', () => {
    const card = renderStartForm({
      ...first,
      problems: [{ field: 'form', message: 'A migration is already running.' }],
    });
    const body = card.body as Record<string, unknown>[];

    expect(JSON.stringify(body[2])).toContain('A migration is already running.');
  });

  it('keeps typed text literally, even when it looks like markup or an expression', () => {
    const card = renderStartForm({
      ...first,
      values: { approversText: 'lee@contoso.com ${$root.migrationId} [x](https://evil.example)' },
    });
    const field = elementById(card, startFormInputs.approversText);

    expect(field?.value).toBe(
      'lee@contoso.com $\u200B{$root.migrationId} [x](https://evil.example)',
    );
  });
});

describe('readStartForm', () => {
  it('reads a complete form into a plan that parses', () => {
    const submitted = submit({
      oldServer: ' AADC01 ',
      newServer: 'AADC-NEW01.contoso.com',
      approvers: '5f0c2a71-93d4-4d8e-a1b6-3c2e9f7a4b10,a8e3b6d2-17c4-4f59-9b0e-6d1f2c3a4e5b',
      approversText: 'nestor.wilke@contoso.com; alex.wilber@contoso.com',
      monitoringDays: '7',
      timeZone: 'Europe/Berlin',
      workStart: '08:00',
      workEnd: '17:30',
      workDays: '1,2,3,4,5',
    });

    expect(submitted.pickedApproverIds).toEqual([
      '5f0c2a71-93d4-4d8e-a1b6-3c2e9f7a4b10',
      'a8e3b6d2-17c4-4f59-9b0e-6d1f2c3a4e5b',
    ]);
    expect(submitted.typedApprovers).toEqual([
      'nestor.wilke@contoso.com',
      'alex.wilber@contoso.com',
    ]);
    const plan = parseMigrationPlan(
      startFormPlanInput(
        submitted.values,
        submitted.pickedApproverIds.map((id) => ({ id })),
      ),
    );
    expect(plan).toMatchObject({
      ok: true,
      plan: {
        oldServer: 'AADC01',
        monitoringDays: 7,
        workingHours: { start: '08:00', end: '17:30', days: [1, 2, 3, 4, 5] },
      },
    });
  });

  it('leaves out what was not filled in, so the plan names the missing fields', () => {
    const submitted = submit({ oldServer: '', monitoringDays: 'seven' });

    expect(submitted.values).toEqual({});
    const result = parseMigrationPlan(startFormPlanInput(submitted.values, []));
    expect(result.ok).toBe(false);
  });
});
