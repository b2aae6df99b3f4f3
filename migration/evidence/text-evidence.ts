import type { EvidenceKind } from '../runbook';
import {
  parseDcLocator,
  parsePortTests,
  parseServiceStatus,
  type DcLocatorResult,
  type PortTest,
  type ServiceStatus,
} from './diagnostic-outputs';
import { outsideDiagnostics } from './diagnostic-text';
import { parseConnectorRunStatus, type ConnectorRunStatus } from './connector-run-status';
import { parseDeletionThreshold, type DeletionThreshold } from './deletion-threshold';
import {
  parseEntraConnectorCredential,
  type EntraConnectorCredential,
} from './entra-connector-credential';
import type { EvidenceItem } from './evidence-item';
import type { EvidenceParse } from './evidence-parse';
import { parseGlobalSettings, type GlobalSettings } from './global-settings';
import { parseOsIdentity, type OsIdentity } from './os-identity';
import { parsePasswordSyncState, type PasswordSyncState } from './password-sync-state';
import { parsePasswordWriteback, type PasswordWriteback } from './password-writeback';
import { parsePendingExports, type PendingExports } from './pending-exports';
import { parseRunProfileResult, type RunProfileResults } from './run-profile-result';
import { parseSchedulerOutput, type SchedulerSettings } from './scheduler-output';
import { parseSyncCycleResult, type SyncCycleResult } from './sync-cycle-result';
import { parseTls12Check, type Tls12Check } from './tls12-check';
import { parseVersionText, type VersionText } from './version-text';
import { memoByText } from './text-memo';

/** The evidence kinds pasted as command output, and what each parser reads. */
export interface TextEvidence {
  scheduler: SchedulerSettings;
  'global-settings': GlobalSettings;
  version: VersionText;
  'tls12-check': Tls12Check;
  os: OsIdentity;
  'entra-connector-credential': EntraConnectorCredential;
  'sync-cycle-result': SyncCycleResult;
  'connector-run-status': ConnectorRunStatus;
  'run-profile-result': RunProfileResults;
  'pending-exports': PendingExports;
  'deletion-threshold': DeletionThreshold;
  'password-sync-state': PasswordSyncState;
  'password-writeback': PasswordWriteback;
  'dc-locator': DcLocatorResult;
  'port-test': readonly PortTest[];
  'service-status': ServiceStatus;
}
export type TextEvidenceKind = keyof TextEvidence & EvidenceKind;

type TextEvidenceParsers = {
  readonly [K in TextEvidenceKind]: (text: string) => EvidenceParse<TextEvidence[K]>;
};

const outputParsers: TextEvidenceParsers = {
  scheduler: parseSchedulerOutput,
  'global-settings': parseGlobalSettings,
  version: parseVersionText,
  'tls12-check': parseTls12Check,
  os: parseOsIdentity,
  'entra-connector-credential': parseEntraConnectorCredential,
  'sync-cycle-result': parseSyncCycleResult,
  'connector-run-status': parseConnectorRunStatus,
  'run-profile-result': parseRunProfileResult,
  'pending-exports': parsePendingExports,
  'deletion-threshold': parseDeletionThreshold,
  'password-sync-state': parsePasswordSyncState,
  'password-writeback': parsePasswordWriteback,
  'dc-locator': parseDcLocator,
  'port-test': parsePortTests,
  'service-status': parseServiceStatus,
};

/**
 * The parser of each kind of command output. Each reads only what lies outside events, traces,
 * installer logs, error records and known errors (diagnostic-text.ts): none of those is ever read
 * as settings, a scheduler, a version or any other output. Each reading is made once per text:
 * identify, the judge, the progress and the reply all ask the same parsers about the same paste.
 */
export const textEvidenceParsers = Object.fromEntries(
  Object.entries(outputParsers).map(([kind, parse]) => [
    kind,
    memoByText((text: string) => parse(outsideDiagnostics(text))),
  ]),
) as unknown as TextEvidenceParsers;

/** Evidence of one kind found in the items, with what its parser missed and the item it came from. */
export interface FoundEvidence<T> {
  value: T;
  missing: readonly string[];
  item: EvidenceItem;
}

/**
 * The evidence of one kind among the items; the last item that holds it wins, as admins resend
 * fixed output. One item can hold several kinds (a scheduler output followed by a sync result).
 */
export function findEvidence<K extends TextEvidenceKind>(
  items: readonly EvidenceItem[],
  kind: K,
): FoundEvidence<TextEvidence[K]> | undefined {
  const parse = textEvidenceParsers[kind];
  for (const item of [...items].reverse()) {
    if (looksLikeJsonDocument(item.text)) continue;
    const parsed = parse(item.text);
    if (parsed.status === 'parsed') return { value: parsed.value, missing: parsed.missing, item };
  }
  return undefined;
}

/** Uploaded JSON documents (settings exports, sign-in answers) are never command output. */
export function looksLikeJsonDocument(text: string): boolean {
  const trimmed = text.trim();
  return /^[[{]/.test(trimmed) && /[\]}]$/.test(trimmed);
}
