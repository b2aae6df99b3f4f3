import type { EvaluationContext } from '../evidence/evidence-item';
import type { FactValue } from '../judgment';
import { optionalFeatures } from '../optional-features';

/** What reading a recorded fact needs: the facts, not the day. */
export type RecordedFacts = Pick<EvaluationContext, 'recorded'>;

/** Which server a fact describes; fact keys start with it (`old.stagingModeEnabled`). */
export type FactServer = 'old' | 'new';

/** What a fact describes: a server, or the sign-in form's answers about the old server (`signIn.method`). */
export type FactSubject = FactServer | 'signIn';

/**
 * The facts later checkpoints read back. Keys are `<server>.<name>` so the facts of all
 * checkpoints can be merged into one record (`EvaluationContext.recorded`), later ones overriding.
 */
export const factNames = {
  version: 'version',
  configExport: 'configExport',
  stagingModeEnabled: 'stagingModeEnabled',
  syncCycleEnabled: 'syncCycleEnabled',
  signInMethod: 'signInMethod',
  signOnMethodValue: 'signOnMethodValue',
  seamlessSso: 'seamlessSso',
  deletionThresholdEnabled: 'deletionThresholdEnabled',
  deletionThreshold: 'deletionThreshold',
  syncInterval: 'syncInterval',
  customizedSyncCycleInterval: 'customizedSyncCycleInterval',
  anchorAttribute: 'anchorAttribute',
  machineRole: 'machineRole',
  autoUpgradeState: 'autoUpgradeState',
  osRelease: 'osRelease',
  osBuild: 'osBuild',
  connectorIdentityType: 'connectorIdentityType',
  tls12Enforced: 'tls12Enforced',
  lastSyncCycleResult: 'lastSyncCycleResult',
  pendingDeletes: 'pendingDeletes',
  /** `shut-down` or `isolated`: the owner confirmed the server left service without staging mode. */
  outOfService: 'outOfService',
} as const;
export type FactName = (typeof factNames)[keyof typeof factNames];

/** How a person names each fact. */
const factTitles: Readonly<Record<FactName, string>> = {
  version: 'Entra Connect version',
  configExport: 'Configuration export',
  stagingModeEnabled: 'Staging mode',
  syncCycleEnabled: 'Sync scheduler enabled',
  signInMethod: 'User sign-in method',
  signOnMethodValue: 'Sign-on method setting',
  seamlessSso: 'Seamless single sign-on',
  deletionThresholdEnabled: 'Accidental delete prevention',
  deletionThreshold: 'Deletion threshold',
  syncInterval: 'Sync interval',
  customizedSyncCycleInterval: 'Custom sync interval',
  anchorAttribute: 'Source anchor attribute',
  machineRole: 'Server role',
  autoUpgradeState: 'Automatic upgrade',
  osRelease: 'Windows release',
  osBuild: 'Windows build',
  connectorIdentityType: 'Microsoft Entra connector identity',
  tls12Enforced: 'TLS 1.2 enforced',
  lastSyncCycleResult: 'Last sync cycle',
  pendingDeletes: 'Pending deletes',
  outOfService: 'Taken out of service',
};

const subjectTitles: Readonly<Record<FactSubject, string>> = {
  old: 'Old server',
  new: 'New server',
  signIn: 'Sign-in answers',
};

/**
 * A fact's key as a person reads it: `old.version` is "Old server: Entra Connect version",
 * `signIn.feature.exchangeHybrid` "Sign-in answers: Exchange hybrid deployment". A key nobody
 * named reads as its words, never as a dotted key.
 */
export function factLabel(key: string): string {
  const parts = key.split('.');
  const [subject, name, feature] = parts;
  const where = subjectTitles[subject as FactSubject] as string | undefined;
  const what =
    name === 'feature' && parts.length === 3
      ? optionalFeatures.find((candidate) => candidate.key === feature)?.label
      : parts.length === 2
        ? (factTitles[name as FactName] as string | undefined)
        : undefined;
  if (where !== undefined && what !== undefined) return `${where}: ${what}`;
  const words = (named: readonly string[]): string =>
    named
      .map((part) => part.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase())
      .join(' ')
      .replace(/^./, (first) => first.toUpperCase());
  return where === undefined ? words(parts) : `${where}: ${words(parts.slice(1))}`;
}

/** The key of a fact about one server (or the sign-in answers). */
export function factKey(subject: FactSubject, name: FactName): string {
  return `${subject}.${name}`;
}

/** The key of an optional feature's fact (`old.feature.groupWriteback`). */
export function featureFactKey(subject: FactSubject, feature: string): string {
  return `${subject}.feature.${feature}`;
}

/** A recorded boolean fact, or undefined when it was not recorded (or is not a boolean). */
export function recordedBoolean(context: RecordedFacts, key: string): boolean | undefined {
  const value = context.recorded?.[key];
  return typeof value === 'boolean' ? value : undefined;
}

/** A recorded string fact, or undefined. */
export function recordedString(context: RecordedFacts, key: string): string | undefined {
  const value = context.recorded?.[key];
  return typeof value === 'string' ? value : undefined;
}

/** A recorded number fact, or undefined. */
export function recordedNumber(context: RecordedFacts, key: string): number | undefined {
  const value = context.recorded?.[key];
  return typeof value === 'number' ? value : undefined;
}

/** Facts with the undefined entries left out, as JSON has no undefined. */
export function definedFacts(
  facts: Readonly<Record<string, FactValue | undefined>>,
): Record<string, FactValue> {
  return Object.fromEntries(
    Object.entries(facts).filter((entry): entry is [string, FactValue] => entry[1] !== undefined),
  );
}
