import { z } from 'zod';
import { judgmentStatuses, type JudgmentStatus } from '../judgment';
import type { MigrationJournal } from '../migration-journal';
import { oldServerCutoffSchema, type OldServerCutoff } from '../old-server-cutoff';
import { checkpointIdSchema, checkpointIds, type CheckpointId } from '../runbook';

/** One checkpoint's verdict as the approvers see it. */
export interface Verdict {
  readonly checkpointId: CheckpointId;
  readonly status: JudgmentStatus;
}

/**
 * What the open approval round shows, published with the summary so that every view of the request
 * (each approver's card, the shared card, a refresh) shows the same verdicts and request time.
 */
export const openApprovalSchema = z.object({
  requestedAt: z.string(),
  expiresAt: z.string(),
  verdicts: z.array(
    z.object({ checkpointId: checkpointIdSchema, status: z.enum(judgmentStatuses) }),
  ),
  /** The cutoff that keeps the wizard from switching the old server, when one applies. */
  oldServerCutoff: oldServerCutoffSchema.optional(),
});
export type OpenApproval = z.infer<typeof openApprovalSchema>;

/** The latest verdict of each judged checkpoint, in runbook order. */
export function latestVerdicts(journal: Pick<MigrationJournal, 'judgments'>): Verdict[] {
  const latest = new Map<CheckpointId, JudgmentStatus>();
  for (const entry of journal.judgments) latest.set(entry.checkpoint, entry.status);
  return checkpointIds.flatMap((checkpointId) => {
    const status = latest.get(checkpointId);
    return status === undefined ? [] : [{ checkpointId, status }];
  });
}

/** The migration's facts an approval request names; the orchestration and the bot both have them. */
export interface ApprovalFacts {
  readonly migrationId: string;
  readonly servers: { readonly oldServer: string; readonly newServer: string };
  readonly monitoringDays: number;
  readonly requestedBy: string;
  readonly timeZone: string;
  /** Display names of everyone who may approve. */
  readonly approvers: readonly string[];
}

/** The cutover approval request, built once for every place that shows it. */
export interface ApprovalRequest extends ApprovalFacts {
  readonly decisionId: string;
  readonly requestedAt: string;
  readonly evidence: readonly Verdict[];
  /** Set when the old server is below a cutoff: it leaves service without the wizard, and is no fallback. */
  readonly oldServerCutoff?: OldServerCutoff;
}

/** The request of an open round. */
export function approvalRequestOf(
  facts: ApprovalFacts,
  decisionId: string,
  open: OpenApproval,
): ApprovalRequest {
  return {
    ...facts,
    decisionId,
    requestedAt: open.requestedAt,
    evidence: open.verdicts,
    ...(open.oldServerCutoff === undefined ? {} : { oldServerCutoff: open.oldServerCutoff }),
  };
}
