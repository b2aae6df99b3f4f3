import {
  cloudSyncFeaturesSchema,
  filteringChoices,
  forestTopologies,
  groupWritebackChoices,
  type CloudSyncFeatures,
} from '../migration/cloud-sync-fit';
import { signInMethodLabels, signInMethods } from '../migration/sign-in-answers';
import { expandCardTemplate, type AdaptiveCardJson } from './card-template';
import { cardText } from './card-text';
import cloudSyncFormTemplate from './templates/cloud-sync-form.json';
import { actionData, cardVerbs, type CardActionOf } from './verbs';

/** Where the form's answers were filled in from: a running migration's records of its old server. */
export interface CloudSyncFormPrefill {
  readonly migrationId: string;
  readonly oldServer: string;
  /** What was taken, e.g. "device writeback on". */
  readonly taken: readonly string[];
}

/** What the Cloud Sync form shows. */
export interface CloudSyncFormView {
  readonly values?: Partial<CloudSyncFeatures>;
  readonly prefill?: CloudSyncFormPrefill;
  /** Why the last submit could not be read, shown above the fields. */
  readonly problem?: string;
}

type ToggleKey = {
  [K in keyof CloudSyncFeatures]: CloudSyncFeatures[K] extends boolean ? K : never;
}[keyof CloudSyncFeatures];

/** The yes/no features, in the order the form asks them, in the words of the Connect wizard. */
const toggles: readonly (readonly [ToggleKey, string])[] = [
  ['passwordHashSync', 'Password hash synchronization'],
  ['passwordWriteback', 'Password writeback'],
  ['exchangeHybrid', 'Exchange hybrid deployment'],
  ['directoryExtensions', 'Directory extension attribute sync'],
  ['deviceWriteback', 'Device writeback'],
  ['hybridJoinDevices', 'Devices are Microsoft Entra hybrid joined'],
  ['customSyncRules', 'Custom sync rules (made in the Synchronization Rules Editor)'],
  [
    'mergedAttributesAcrossForests',
    'User attributes are merged across forests (account and resource forests)',
  ],
  ['domainOver150kObjects', 'A domain has more than 150,000 objects'],
  ['groupOver50kMembers', 'A synchronised group has more than 50,000 members'],
];

const groupWritebackTitles: Readonly<Record<(typeof groupWritebackChoices)[number], string>> = {
  none: 'None',
  'security-groups': 'Cloud security groups',
  'microsoft-365-groups': 'Microsoft 365 groups (Connect group writeback)',
};
const filteringTitles: Readonly<Record<(typeof filteringChoices)[number], string>> = {
  none: 'None: every domain and OU',
  ou: 'By domain and OU',
  attribute: 'By attribute values (sync rules)',
};
const forestTitles: Readonly<Record<(typeof forestTopologies)[number], string>> = {
  single: 'One forest',
  connected: 'Several forests with trusts between them',
  disconnected: 'Disconnected forests (no trust, e.g. after an acquisition)',
};

function choices<T extends string>(titles: Readonly<Record<T, string>>) {
  return Object.entries<string>(titles).map(([value, title]) => ({ title, value }));
}

/**
 * The Cloud Sync check as a form: the features that decide between Cloud Sync and Connect Sync,
 * filled in from a running migration's records when there are any.
 */
export function renderCloudSyncForm(view: CloudSyncFormView): AdaptiveCardJson {
  const values = view.values ?? {};
  const { prefill } = view;
  return expandCardTemplate('cloud sync form', cloudSyncFormTemplate, {
    fallbackText:
      'Does Microsoft Entra Cloud Sync fit? Answer the form to compare what your Connect Sync server does with what Cloud Sync supports.',
    intro: cardText(
      'Learn recommends Cloud Sync for most organisations: check it before you build a new Connect Sync server. Tick what your Connect Sync server does today; I compare it with Learn’s comparison of the two.',
    ),
    prefillNote:
      prefill === undefined || prefill.taken.length === 0
        ? ''
        : cardText(
            `Filled in from what migration ${prefill.migrationId} recorded about ${prefill.oldServer}: ${prefill.taken.join(', ')}. Check those and answer the rest.`,
            1000,
          ),
    problem: view.problem === undefined ? '' : cardText(`⚠ ${view.problem}`, 600),
    signInMethods: signInMethods.map((method) => ({
      title: signInMethodLabels[method],
      value: method,
    })),
    toggles: toggles.map(([id, title]) => ({
      id,
      title,
      value: values[id] === true ? 'true' : 'false',
    })),
    groupWriteback: choices(groupWritebackTitles),
    filtering: choices(filteringTitles),
    forests: choices(forestTitles),
    values: {
      signInMethod: values.signInMethod ?? '',
      groupWriteback: values.groupWriteback ?? 'none',
      filtering: values.filtering ?? 'none',
      forests: values.forests ?? 'single',
    },
    submitData: actionData(cardVerbs.checkCloudSync, {}),
  });
}

/** A Cloud Sync form read: the features, or what is wrong with what the client sent. */
export type CloudSyncFormRead =
  | { readonly ok: true; readonly features: CloudSyncFeatures }
  | { readonly ok: false; readonly problems: readonly string[] };

function toggleValue(text: string | undefined): boolean | string | undefined {
  if (text === 'true') return true;
  if (text === 'false') return false;
  return text;
}

/** Reads the submitted form; every answer is checked, none is taken on trust. */
export function readCloudSyncForm(
  action: CardActionOf<typeof cardVerbs.checkCloudSync>,
): CloudSyncFormRead {
  const { verb: _verb, ...inputs } = action;
  const candidate: Record<string, unknown> = { ...inputs };
  for (const [key] of toggles) candidate[key] = toggleValue(inputs[key]);
  const parsed = cloudSyncFeaturesSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, features: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => {
      const field = issue.path.map(String).join('.') || 'the form';
      return `${field}: ${issue.message}`;
    }),
  };
}
