import { factLabel } from '../migration/checkpoints/recorded-facts';
import type { FactValue, Finding, FindingSeverity, JudgmentStatus } from '../migration/judgment';
import type { Awaiting } from '../migration/migration-status';
import type { CheckpointId, EvidenceKind, ServerRole } from '../migration/runbook';
import { checkpointById, checkpointIndex, runbook } from '../migration/runbook';
import { cardText, countOf, limitList, plainCardText } from './card-text';
import { actionData, cardVerbs } from './verbs';

/** The two servers of a migration, as the start form named them. */
export interface MigrationServers {
  readonly oldServer: string;
  readonly newServer: string;
}

/** A step the migration waits on: what for, from whom, since when (reminders and escalations). */
export interface WaitingView {
  readonly servers: MigrationServers;
  readonly checkpointId: CheckpointId;
  readonly awaiting: Exclude<Awaiting, 'nothing'>;
  /** Display names of the people the migration waits on. */
  readonly waitingOn: readonly string[];
  readonly waitingSince: string;
  /** The time the card is sent (the orchestrator's clock): cards have none. */
  readonly now: string;
  readonly timeZone: string;
}

/** The small line at the top of every migration card: which migration this is about. */
export function migrationContextLine(servers: MigrationServers): string {
  return cardText(`Entra Connect migration · ${servers.oldServer} → ${servers.newServer}`, 300);
}

/**
 * "Lee Gu, Adele Vance and Nestor Wilke" (or "... or ..." for any one of them), shortened after
 * `max` names with a count.
 */
export function namesText(
  names: readonly string[],
  max = 5,
  conjunction: 'and' | 'or' = 'and',
): string {
  if (names.length === 0) return 'nobody named';
  if (names.length > max)
    return `${names.slice(0, max).join(', ')} ${conjunction} ${names.length - max} more`;
  if (names.length === 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} ${conjunction} ${names[names.length - 1] ?? ''}`;
}

/** Where a checkpoint's commands run, in words. */
export function serverRoleText(role: ServerRole, servers: MigrationServers): string {
  switch (role) {
    case 'old':
      return `${servers.oldServer} (the current server)`;
    case 'new':
      return `${servers.newServer} (the new server)`;
    case 'active':
      return 'the server that is active now';
  }
}

/**
 * A step whose last result passed with warnings: it waits for Continue anyway or new evidence
 * (an evidence step waits for confirmation only then; monitoring's confirmation is its problem).
 */
export function waitsPastWarnings(checkpointId: CheckpointId, awaiting: Awaiting): boolean {
  const checkpoint = checkpointById(checkpointId);
  return (
    awaiting === 'confirmation' &&
    checkpoint.decidedBy === 'evidence' &&
    checkpoint.id !== 'monitoring'
  );
}

/** The Continue anyway button of a step that passed with warnings, wherever a card offers it. */
export function continueAnywayAction(
  migrationId: string,
  checkpointId: CheckpointId,
): { readonly title: string; readonly data: Record<string, unknown> } {
  return {
    title: 'Continue anyway',
    data: actionData(cardVerbs.continueAnyway, { migrationId, checkpointId }),
  };
}

/** A checkpoint's position in the runbook: "Step 5 of 14". */
export function stepText(checkpointId: CheckpointId): string {
  return `Step ${checkpointIndex(checkpointId) + 1} of ${runbook.length}`;
}

const EVIDENCE_NAMES: Readonly<Record<EvidenceKind, string>> = {
  scheduler: 'Get-ADSyncScheduler output',
  'global-settings': 'Get-ADSyncGlobalSettings parameters',
  version: 'the Entra Connect Sync version',
  'tls12-check': 'the TLS 1.2 check script output',
  os: 'the operating system caption and build',
  'entra-connector-credential':
    'Get-ADSyncEntraConnectorCredential output (the connector identity)',
  'sync-cycle-result': 'the Start-ADSyncSyncCycle result',
  'connector-run-status': 'Get-ADSyncConnectorRunStatus output',
  'run-profile-result': 'Get-ADSyncRunProfileResult output (the last runs)',
  'pending-exports': 'the pending-export summary of the Microsoft Entra connector',
  'deletion-threshold': 'Get-ADSyncExportDeletionThreshold output',
  'password-sync-state': 'Get-ADSyncPartitionPasswordSyncState output (password hash sync)',
  'password-writeback': 'Get-ADSyncAADPasswordResetConfiguration output (password writeback)',
  'config-export': 'an exported configuration (JSON file)',
  'migrated-policy': 'MigratedPolicy.json from MigrateSettings.ps1',
  'pasted-error': 'an error message (answered with its cause and fix)',
  'event-log': 'Windows event log entries (answered with their cause and fix)',
  'wizard-error': 'a wizard error or its trace log lines (answered with the cause and fix)',
  'installer-error': 'an installer failure or its log lines (answered with the cause and fix)',
  'health-alert': 'a Connect Health or admin center alert (answered with the cause and fix)',
  'permission-error': 'an access denied error of your own account (answered with how to run it)',
  'dc-locator': 'nltest /dsgetdc output (whether a domain controller answers)',
  'port-test': 'Test-NetConnection output (whether a port answers)',
  'service-status': 'Get-Service ADSync output (whether the sync service runs)',
  unknown: 'other output',
};

/** The evidence a checkpoint accepts, in words. */
export function evidenceNames(kinds: readonly EvidenceKind[]): string {
  return kinds.map((kind) => EVIDENCE_NAMES[kind]).join('; ');
}

/**
 * A PowerShell block: the raw snippet for Teams' CodeBlock (plain text, never markdown) and one
 * escaped line per TextBlock for the fallback, since a single TextBlock may join lines.
 */
export function codeBlockData(code: string): { snippet: string; lines: string[] } {
  const lines = code.split(/\r?\n/);
  return {
    snippet: plainCardText(code),
    // An empty TextBlock is invalid; a no-break space keeps the blank line.
    lines: lines.map((line) => (line.trim() === '' ? '\u00a0' : cardText(line, 2000))),
  };
}

/** Banner colours and words for a verdict; `style` is a Container style, `color` a text colour. */
export interface Presentation {
  readonly icon: string;
  readonly label: string;
  readonly style: 'good' | 'warning' | 'attention' | 'emphasis' | 'accent';
  readonly color: 'Good' | 'Warning' | 'Attention' | 'Default' | 'Accent';
}

const JUDGMENT_PRESENTATION: Readonly<Record<JudgmentStatus, Presentation>> = {
  pass: { icon: '✅', label: 'Passed', style: 'good', color: 'Good' },
  warn: { icon: '⚠️', label: 'Passed with warnings', style: 'warning', color: 'Warning' },
  fail: { icon: '❌', label: 'Failed', style: 'attention', color: 'Attention' },
  unknown: { icon: '❔', label: 'Could not judge', style: 'emphasis', color: 'Default' },
};

/** How a checkpoint verdict looks: green tick, amber warning, red cross, grey question mark. */
export function judgmentPresentation(status: JudgmentStatus): Presentation {
  return JUDGMENT_PRESENTATION[status];
}

const SEVERITY_ICONS: Readonly<Record<FindingSeverity, string>> = {
  error: '❌',
  warning: '⚠️',
  info: 'ℹ️',
};
const SEVERITY_RANK: Readonly<Record<FindingSeverity, number>> = { error: 0, warning: 1, info: 2 };

/** One finding as a card row: icon, message and the fix, escaped and shortened. */
export interface FindingRow {
  readonly icon: string;
  readonly message: string;
  readonly remediation: string;
}

/** The most severe findings first, at most `max`, and a line saying what was left out. */
export function findingRows(
  findings: readonly Finding[],
  max: number,
): { rows: FindingRow[]; more: string } {
  const sorted = [...findings].sort(
    (a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity],
  );
  const { shown, hidden } = limitList(sorted, max);
  return {
    rows: shown.map((finding) => ({
      icon: SEVERITY_ICONS[finding.severity],
      message: cardText(finding.message, 400),
      remediation:
        finding.remediation === undefined ? '' : cardText(`Fix: ${finding.remediation}`, 600),
    })),
    more: hidden === 0 ? '' : `…and ${countOf(hidden, 'more finding')}.`,
  };
}

/** A fact read from evidence as a FactSet row: the key and the value, escaped and shortened. */
export function factRows(
  facts: Readonly<Record<string, FactValue>>,
  max: number,
): { rows: { title: string; value: string }[]; hidden: number } {
  const { shown, hidden } = limitList(Object.entries(facts), max);
  return {
    rows: shown.map(([key, value]) => ({
      title: cardText(factLabel(key), 80),
      value: cardText(factValueText(value), 200),
    })),
    hidden,
  };
}

function factValueText(value: FactValue): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return String(value);
}

/** "412 KB", "2.1 KB", "830 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 10 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * The lowest schema version a card needs: Action.Execute and refresh need 1.4, input labels 1.3,
 * Container styles and fallback 1.2.
 */
export function cardVersion(features: { execute?: boolean; inputs?: boolean }): string {
  if (features.execute === true) return '1.4';
  if (features.inputs === true) return '1.3';
  return '1.2';
}

/**
 * Where a card is shown: a personal chat, or a group chat or channel, where Teams sends the bot
 * only the messages that @mention it.
 */
export type CardPlace = 'personal' | 'shared';

/** Where to paste, said for the place: in a group chat or channel the paste must @mention the bot. */
export function pasteWhere(place: CardPlace | undefined): string {
  return place === 'shared' ? 'here in a message that @mentions me' : 'here';
}
