import type { CheckpointId, EvidenceKind, ServerRole } from '../migration/runbook';
import { runbook } from '../migration/runbook';
import { cardText, plainCardText } from './card-text';

/** The two servers of a migration, as the start form named them. */
export interface MigrationServers {
  readonly oldServer: string;
  readonly newServer: string;
}

/** The small line at the top of every migration card: which migration this is about. */
export function migrationContextLine(servers: MigrationServers): string {
  return cardText(`Entra Connect migration · ${servers.oldServer} → ${servers.newServer}`, 300);
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

/** A checkpoint's position in the runbook: "Step 5 of 14". */
export function stepText(checkpointId: CheckpointId): string {
  const index = runbook.findIndex((checkpoint) => checkpoint.id === checkpointId);
  return `Step ${index + 1} of ${runbook.length}`;
}

const EVIDENCE_NAMES: Readonly<Record<EvidenceKind, string>> = {
  scheduler: 'Get-ADSyncScheduler output',
  'global-settings': 'Get-ADSyncGlobalSettings parameters',
  version: 'the Entra Connect Sync version',
  'tls12-check': 'the TLS 1.2 check script output',
  os: 'the operating system caption and build',
  'sync-cycle-result': 'the Start-ADSyncSyncCycle result',
  'connector-run-status': 'Get-ADSyncConnectorRunStatus output',
  'config-export': 'an exported configuration (JSON file)',
  'migrated-policy': 'MigratedPolicy.json from MigrateSettings.ps1',
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
