import type { EvaluationContext } from '../evidence/evidence-item';
import type { FactValue } from '../judgment';

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
