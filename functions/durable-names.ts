/**
 * Durable function names: wire contracts (running instances replay by name). An orchestrator whose
 * actions change order gets a new name, never the old one: `V2` runs the workflow rules of
 * migration/workflow. See the README (upgrading) for what happens to instances of older names.
 */
export const orchestratorNames = {
  migration: 'migrationOrchestratorV2',
  phase: 'migrationPhaseOrchestratorV2',
} as const;

export const activityNames = {
  postMessage: 'postMessage',
  updateCard: 'updateCard',
  judgeEvidence: 'judgeEvidence',
  postConfigDiff: 'postConfigDiff',
  sendApprovalRequests: 'sendApprovalRequests',
  appendAudit: 'appendAudit',
  releaseMigrationSlot: 'releaseMigrationSlot',
  readCloudSync: 'readCloudSync',
} as const;

/** The sub-orchestration instance id of a migration's phase. */
export function phaseInstanceId(migrationId: string, phase: string): string {
  return `${migrationId}:${phase}`;
}
