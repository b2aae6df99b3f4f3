import type { GlobalSettings } from '../evidence/global-settings';
import type { SchedulerSettings } from '../evidence/scheduler-output';
import type { FactValue } from '../judgment';
import { definedFacts, factKey, factNames, type FactServer } from './recorded-facts';
import { profileFacts, profileOfSettings } from './sign-in-profile';

/** The facts a server's global settings give: what a new install must reproduce, and its state. */
export function globalSettingsFacts(
  server: FactServer,
  settings: GlobalSettings,
): Record<string, FactValue> {
  return {
    ...profileFacts(server, profileOfSettings(settings)),
    ...definedFacts({
      [factKey(server, factNames.version)]: settings.version,
      [factKey(server, factNames.stagingModeEnabled)]: settings.stagingModeEnabled,
      [factKey(server, factNames.signOnMethodValue)]: settings.signOnMethodValue,
      [factKey(server, factNames.deletionThresholdEnabled)]: settings.deletionThresholdEnabled,
      [factKey(server, factNames.deletionThreshold)]: settings.deletionThreshold,
      [factKey(server, factNames.syncInterval)]: settings.syncInterval,
      [factKey(server, factNames.anchorAttribute)]: settings.anchorAttribute,
      [factKey(server, factNames.machineRole)]: settings.machineRole,
      [factKey(server, factNames.autoUpgradeState)]: settings.autoUpgradeState,
    }),
  };
}

/** The facts a server's scheduler gives: staging mode, the sync cycle and a customised interval. */
export function schedulerFacts(
  server: FactServer,
  scheduler: SchedulerSettings,
): Record<string, FactValue> {
  return definedFacts({
    [factKey(server, factNames.stagingModeEnabled)]: scheduler.stagingModeEnabled,
    [factKey(server, factNames.syncCycleEnabled)]: scheduler.syncCycleEnabled,
    [factKey(server, factNames.customizedSyncCycleInterval)]: scheduler.customizedSyncCycleInterval,
  });
}
