/** Durable function names: wire contracts (running instances replay by name), never renamed. */
export const orchestratorNames = {
  migration: 'migrationOrchestrator',
  phase: 'migrationPhaseOrchestrator',
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
