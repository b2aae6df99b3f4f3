import type { Approver, PlanProblem } from '../migration/migration-plan';
import { expandCardTemplate, type AdaptiveCardJson } from './card-template';
import { cardText, countOf, plainCardText } from './card-text';
import startFormTemplate from './templates/start-form.json';
import { actionData, cardVerbs, startFormInputs, type CardActionOf } from './verbs';

/** What the admin typed or picked, kept when the form comes back with problems. */
export interface StartFormValues {
  readonly oldServer?: string;
  readonly newServer?: string;
  /** Approvers picked with the people picker; the name shows the picked person again. */
  readonly approvers?: readonly Approver[];
  /** Sign-in names typed into the plain field, as typed. */
  readonly approversText?: string;
  readonly monitoringDays?: number;
  readonly timeZone?: string;
  readonly workStart?: string;
  readonly workEnd?: string;
  /** ISO weekdays, Monday = 1. */
  readonly workDays?: readonly number[];
}

/** What the start form shows. */
export interface StartFormView {
  /** Allocated before the form is sent, so a double submit cannot start two migrations. */
  readonly migrationId: string;
  /** True in Teams (web and desktop show the people picker); false shows the plain field only. */
  readonly peoplePicker: boolean;
  /**
   * Whom the picker searches: the organisation (a personal chat), or the members of the group chat
   * or channel the form is in (Teams' organisation search does not work there). Default:
   * organisation.
   */
  readonly pickerScope?: 'organisation' | 'conversation';
  readonly values?: StartFormValues;
  /** Problems from `parseMigrationPlan` (or the bot), shown next to the fields they name. */
  readonly problems?: readonly PlanProblem[];
}

/** Values the form starts with: monitor a week, remind on weekdays 08:00-18:00. */
export const startFormDefaults = {
  monitoringDays: 7,
  workStart: '08:00',
  workEnd: '18:00',
  workDays: [1, 2, 3, 4, 5],
} as const;

type FieldGroup =
  | 'oldServer'
  | 'newServer'
  | 'approvers'
  | 'monitoringDays'
  | 'timeZone'
  | 'workingHours'
  | 'workDays';

// Problem fields are plan paths (`workingHours.days.0`) or input ids (`approversText`).
const FIELD_GROUPS: readonly (readonly [RegExp, FieldGroup])[] = [
  [/^oldServer$/, 'oldServer'],
  [/^newServer$/, 'newServer'],
  [/^approvers(Text)?(\.|$)/, 'approvers'],
  [/^monitoringDays$/, 'monitoringDays'],
  [/^timeZone$/, 'timeZone'],
  [/^(workingHours\.days|workDays)(\.|$)/, 'workDays'],
  [/^(workingHours(\.start|\.end)?|workStart|workEnd)$/, 'workingHours'],
];

function fieldGroupOf(field: string): FieldGroup | undefined {
  return FIELD_GROUPS.find(([pattern]) => pattern.test(field))?.[1];
}

function groupProblems(problems: readonly PlanProblem[]): {
  byField: Record<FieldGroup, string>;
  form: string;
} {
  const messages = new Map<FieldGroup | 'form', string[]>();
  for (const problem of problems) {
    const group = fieldGroupOf(problem.field) ?? 'form';
    const list = messages.get(group) ?? [];
    if (!list.includes(problem.message)) list.push(problem.message);
    messages.set(group, list);
  }
  const text = (group: FieldGroup | 'form'): string => {
    const list = messages.get(group);
    return list === undefined ? '' : cardText(`⚠ ${list.join(' ')}`, 600);
  };
  return {
    byField: {
      oldServer: text('oldServer'),
      newServer: text('newServer'),
      approvers: text('approvers'),
      monitoringDays: text('monitoringDays'),
      timeZone: text('timeZone'),
      workingHours: text('workingHours'),
      workDays: text('workDays'),
    },
    form: text('form'),
  };
}

/** Renders the start form, or renders it again with the problems next to their fields. */
export function renderStartForm(view: StartFormView): AdaptiveCardJson {
  const values = view.values ?? {};
  const problems = view.problems ?? [];
  const grouped = groupProblems(problems);
  const approvers = (values.approvers ?? []).slice(0, 20);
  const plain = (text: string | undefined): string => plainCardText(text ?? '');
  return expandCardTemplate('start form', startFormTemplate, {
    problemSummary:
      problems.length === 0
        ? ''
        : `Please fix ${problems.length === 1 ? 'the problem' : `the ${countOf(problems.length, 'problem')}`} below, then start again.`,
    formProblem: grouped.form,
    problems: grouped.byField,
    peoplePicker: view.peoplePicker,
    peoplePickerDataset:
      view.pickerScope === 'conversation'
        ? 'graph.microsoft.com/users?scope=currentContext'
        : 'graph.microsoft.com/users',
    peoplePickerPlaceholder:
      view.pickerScope === 'conversation'
        ? 'Search for people in this conversation'
        : 'Search for people in your organisation',
    approversTextLabel: view.peoplePicker
      ? 'Or type their sign-in names, separated by commas'
      : 'Approvers: their sign-in names, separated by commas (not you)',
    approverChoices: approvers.map((approver) => ({
      title: plain(approver.name ?? approver.id),
      value: plain(approver.id),
    })),
    values: {
      oldServer: plain(values.oldServer),
      newServer: plain(values.newServer),
      approvers: approvers.map((approver) => plain(approver.id)).join(','),
      approversText: plain(values.approversText),
      monitoringDays: values.monitoringDays ?? startFormDefaults.monitoringDays,
      timeZone: plain(values.timeZone),
      workStart: plain(values.workStart ?? startFormDefaults.workStart),
      workEnd: plain(values.workEnd ?? startFormDefaults.workEnd),
      workDays: (values.workDays ?? startFormDefaults.workDays).join(','),
    },
    submitData: actionData(cardVerbs.startMigration, { migrationId: view.migrationId }),
    cloudSyncOffer: cardText(
      'Microsoft recommends Microsoft Entra Cloud Sync for most organisations: check whether it fits before you build a new Connect Sync server. If it does, this migration is not needed.',
    ),
    cloudSyncData: actionData(cardVerbs.openCloudSyncCheck, {}),
  });
}

/** A submitted start form, read into values the form can show again. */
export interface StartFormSubmission {
  readonly migrationId: string;
  readonly values: StartFormValues;
  /** Object ids from the people picker (mock ids in the Playground): resolve before trusting. */
  readonly pickedApproverIds: readonly string[];
  /** Sign-in names typed into the plain field: resolve to object ids. */
  readonly typedApprovers: readonly string[];
}

const LIST_SEPARATOR = /[,;\s]+/;

function splitList(text: string | undefined): string[] {
  return (text ?? '').split(LIST_SEPARATOR).filter((entry) => entry.length > 0);
}

/** Reads the start form's inputs; the plan itself is validated by `parseMigrationPlan`. */
export function readStartForm(
  action: CardActionOf<typeof cardVerbs.startMigration>,
): StartFormSubmission {
  const pickedApproverIds = splitList(action[startFormInputs.approvers]);
  const days = action[startFormInputs.monitoringDays]?.trim() ?? '';
  const optional = <K extends keyof StartFormValues>(
    key: K,
    value: StartFormValues[K] | undefined,
  ): Partial<StartFormValues> => (value === undefined || value === '' ? {} : { [key]: value });
  const values: StartFormValues = {
    ...optional('oldServer', action[startFormInputs.oldServer]?.trim()),
    ...optional('newServer', action[startFormInputs.newServer]?.trim()),
    ...optional(
      'approvers',
      pickedApproverIds.length > 0 ? pickedApproverIds.map((id) => ({ id })) : undefined,
    ),
    ...optional('approversText', action[startFormInputs.approversText]?.trim()),
    ...optional('monitoringDays', /^\d{1,4}$/.test(days) ? Number(days) : undefined),
    ...optional('timeZone', action[startFormInputs.timeZone]?.trim()),
    ...optional('workStart', action[startFormInputs.workStart]?.trim()),
    ...optional('workEnd', action[startFormInputs.workEnd]?.trim()),
    ...optional(
      'workDays',
      action[startFormInputs.workDays] === undefined
        ? undefined
        : splitList(action[startFormInputs.workDays]).map(Number),
    ),
  };
  return {
    migrationId: action.migrationId,
    values,
    pickedApproverIds,
    typedApprovers: splitList(action[startFormInputs.approversText]),
  };
}

/** The input for `parseMigrationPlan`: the form's values with the approvers the bot resolved. */
export function startFormPlanInput(values: StartFormValues, approvers: readonly Approver[]) {
  return {
    oldServer: values.oldServer ?? '',
    newServer: values.newServer ?? '',
    approvers,
    monitoringDays: values.monitoringDays,
    timeZone: values.timeZone ?? '',
    workingHours: {
      start: values.workStart ?? '',
      end: values.workEnd ?? '',
      days: values.workDays ?? [],
    },
  };
}
