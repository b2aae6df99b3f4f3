import { absentEvidence, parsedEvidence, type EvidenceParse } from './evidence-parse';
import { readListFields, type ListField } from './format-list';
import { normalizePastedText } from './pasted-text';
import { setDefined } from './set-defined';
import { firstWordOf, readPowerShellBoolean, readTimeSpanMinutes } from './powershell-values';

/** What `Get-ADSyncScheduler` printed; a field the paste did not show is absent. */
export interface SchedulerSettings {
  allowedSyncCycleInterval?: string;
  currentlyEffectiveSyncCycleInterval?: string;
  /** Empty (null) unless someone customised the interval with Set-ADSyncScheduler. */
  customizedSyncCycleInterval?: string | null;
  customizedSyncCycleMinutes?: number;
  nextSyncCyclePolicyType?: string;
  /** As printed, in the server's locale (9/29/2025 12:51:47 PM, 05.01.2023 20:28:37). */
  nextSyncCycleStartTimeInUTC?: string;
  purgeRunHistoryInterval?: string;
  syncCycleEnabled?: boolean;
  maintenanceEnabled?: boolean;
  stagingModeEnabled?: boolean;
  schedulerSuspended?: boolean;
  syncCycleInProgress?: boolean;
}

/** Learn: how-to-connect-sync-feature-scheduler: the nine fields every build prints. */
const coreFields = [
  'AllowedSyncCycleInterval',
  'CurrentlyEffectiveSyncCycleInterval',
  'CustomizedSyncCycleInterval',
  'NextSyncCyclePolicyType',
  'NextSyncCycleStartTimeInUTC',
  'PurgeRunHistoryInterval',
  'SyncCycleEnabled',
  'MaintenanceEnabled',
  'StagingModeEnabled',
] as const;

/** Newer builds add these two; a nine-field paste is complete without them. */
const newerFields = ['SchedulerSuspended', 'SyncCycleInProgress'] as const;

/** Earlier builds exposed staging mode as IsStagingModeEnabled (Learn: scheduler page). */
const legacyStagingField = 'IsStagingModeEnabled';

/** Reads `Get-ADSyncScheduler` output (Format-List), including nine-field builds and pastes whose line breaks were lost. */
export function parseSchedulerOutput(text: string): EvidenceParse<SchedulerSettings> {
  const fields = readListFields(normalizePastedText(text), [
    ...coreFields,
    ...newerFields,
    legacyStagingField,
  ]);
  const byName = valuesByField(fields);
  if (byName.size < 2 && !byName.has('StagingModeEnabled') && !byName.has(legacyStagingField)) {
    return absentEvidence(
      'No Get-ADSyncScheduler fields (such as StagingModeEnabled : True) were found.',
    );
  }
  // The last readable value wins: a paste of "before" and "after" ends with the current state.
  const value = (name: string): string | undefined => byName.get(name)?.at(-1);
  const flag = (name: string): boolean | undefined =>
    (byName.get(name) ?? []).map(readPowerShellBoolean).findLast((read) => read !== undefined);
  const settings: SchedulerSettings = {};
  setDefined(settings, 'allowedSyncCycleInterval', firstWordOf(value('AllowedSyncCycleInterval')));
  setDefined(
    settings,
    'currentlyEffectiveSyncCycleInterval',
    firstWordOf(value('CurrentlyEffectiveSyncCycleInterval')),
  );
  const customized = value('CustomizedSyncCycleInterval');
  if (customized !== undefined) {
    const minutes = readTimeSpanMinutes(customized);
    settings.customizedSyncCycleInterval =
      minutes === undefined ? null : (firstWordOf(customized) ?? null);
    if (minutes !== undefined) settings.customizedSyncCycleMinutes = minutes;
  }
  setDefined(settings, 'nextSyncCyclePolicyType', firstWordOf(value('NextSyncCyclePolicyType')));
  setDefined(
    settings,
    'nextSyncCycleStartTimeInUTC',
    dateTimeOf(value('NextSyncCycleStartTimeInUTC')),
  );
  setDefined(settings, 'purgeRunHistoryInterval', firstWordOf(value('PurgeRunHistoryInterval')));
  setDefined(settings, 'syncCycleEnabled', flag('SyncCycleEnabled'));
  setDefined(settings, 'maintenanceEnabled', flag('MaintenanceEnabled'));
  setDefined(
    settings,
    'stagingModeEnabled',
    flag('StagingModeEnabled') ?? flag(legacyStagingField),
  );
  setDefined(settings, 'schedulerSuspended', flag('SchedulerSuspended'));
  setDefined(settings, 'syncCycleInProgress', flag('SyncCycleInProgress'));
  const missing = coreFields.filter(
    (field) =>
      !byName.has(field) && !(field === 'StagingModeEnabled' && byName.has(legacyStagingField)),
  );
  return parsedEvidence(settings, missing);
}

/** Every value of each field, in the order of the paste. */
function valuesByField(fields: readonly ListField[]): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  for (const { field, value } of fields) byName.set(field, [...(byName.get(field) ?? []), value]);
  return byName;
}

/** The date and time at the start of a value, in whatever locale format the server printed. */
function dateTimeOf(value: string | undefined): string | undefined {
  const match = /^[\d./-]+(?:[ T]+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?)?/.exec(
    value?.trim() ?? '',
  );
  return match?.[0];
}
