import type { CloudSyncFeatures } from './cloud-sync-fit';
import { expectedProfile } from './checkpoints/sign-in-profile';
import type { FactValue } from './judgment';

/** Answers of the Cloud Sync check taken from what a migration recorded about the old server. */
export interface CloudSyncPrefill {
  readonly features: Partial<CloudSyncFeatures>;
  /** What was taken, in the words of the form, for the card to say so. */
  readonly taken: readonly string[];
}

const onOff = (value: boolean): string => (value ? 'on' : 'off');

/**
 * Reads the recorded facts of a migration (its old server's global settings, the sign-in answers
 * and the configuration export summary) into answers of the Cloud Sync check. Only what was
 * recorded is filled in; the rest stays for the admin to answer.
 */
export function cloudSyncPrefillOf(
  recorded: Readonly<Record<string, FactValue>>,
): CloudSyncPrefill {
  const features: Partial<CloudSyncFeatures> = {};
  const taken: string[] = [];
  const profile = expectedProfile({ recorded });
  if (profile?.method !== undefined) {
    features.signInMethod = profile.method;
    taken.push('sign-in method');
  }
  const flags = [
    ['passwordHashSync', 'password hash sync'],
    ['passwordWriteback', 'password writeback'],
    ['exchangeHybrid', 'Exchange hybrid'],
    ['directoryExtensions', 'directory extensions'],
    ['deviceWriteback', 'device writeback'],
  ] as const;
  for (const [key, label] of flags) {
    const value = profile?.features[key];
    if (value === undefined) continue;
    features[key] = value;
    taken.push(`${label} ${onOff(value)}`);
  }
  const groupWriteback = profile?.features.groupWriteback;
  if (groupWriteback !== undefined) {
    // Connect Sync's supported group writeback (v1) writes back Microsoft 365 groups; v2 is retired.
    features.groupWriteback = groupWriteback ? 'microsoft-365-groups' : 'none';
    taken.push(`group writeback ${onOff(groupWriteback)}`);
  }
  const customRules = recorded.customRuleCount;
  if (typeof customRules === 'number') {
    features.customSyncRules = customRules > 0;
    taken.push(`${String(customRules)} custom sync rules in the export`);
  }
  const directories = recorded.directoryCount;
  if (typeof directories === 'number' && directories > 0) {
    // Connect Sync only syncs forests it can reach, so several directories are connected forests.
    features.forests = directories > 1 ? 'connected' : 'single';
    taken.push(directories > 1 ? `${String(directories)} forests` : 'one forest');
  }
  return { features, taken };
}
