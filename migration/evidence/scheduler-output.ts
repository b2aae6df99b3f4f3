import { absentEvidence, parsedEvidence, type EvidenceParse } from './evidence-parse';
import { readListFields, type ListField } from './format-list';
import { normalizePastedText } from './pasted-text';
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
  assign(settings, 'allowedSyncCycleInterval', firstWordOf(value('AllowedSyncCycleInterval')));
  assign(
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
  assign(settings, 'nextSyncCyclePolicyType', firstWordOf(value('NextSyncCyclePolicyType')));
  assign(settings, 'nextSyncCycleStartTimeInUTC', dateTimeOf(value('NextSyncCycleStartTimeInUTC')));
  assign(settings, 'purgeRunHistoryInterval', firstWordOf(value('PurgeRunHistoryInterval')));
  assign(settings, 'syncCycleEnabled', flag('SyncCycleEnabled'));
  assign(settings, 'maintenanceEnabled', flag('MaintenanceEnabled'));
  assign(settings, 'stagingModeEnabled', flag('StagingModeEnabled') ?? flag(legacyStagingField));
  assign(settings, 'schedulerSuspended', flag('SchedulerSuspended'));
  assign(settings, 'syncCycleInProgress', flag('SyncCycleInProgress'));
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

function assign<K extends keyof SchedulerSettings>(
  settings: SchedulerSettings,
  key: K,
  value: SchedulerSettings[K] | undefined,
): void {
  if (value !== undefined) settings[key] = value;
}
