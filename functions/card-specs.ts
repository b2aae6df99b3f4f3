import type { ApprovalOutcomeView } from '../cards/approval-outcome-card';
import { renderApprovalOutcomeCard } from '../cards/approval-outcome-card';
import type { ApprovalRequestView } from '../cards/approval-request-card';
import { renderApprovalRequestCard } from '../cards/approval-request-card';
import type { CardPlace } from '../cards/card-parts';
import type { AdaptiveCardJson } from '../cards/card-template';
import { renderCheckpointRequestCard } from '../cards/checkpoint-request-card';
import type { CheckpointResultView } from '../cards/checkpoint-result-card';
import { renderCheckpointResultCard } from '../cards/checkpoint-result-card';
import type { DecommissionChecklistView } from '../cards/decommission-checklist-card';
import { renderDecommissionChecklistCard } from '../cards/decommission-checklist-card';
import type { EscalationView } from '../cards/escalation-card';
import { renderEscalationCard } from '../cards/escalation-card';
import type { FinalReportView } from '../cards/final-report-card';
import { renderFinalReportCard } from '../cards/final-report-card';
import type { MonitoringCheckInView } from '../cards/monitoring-check-in-card';
import { renderMonitoringCheckInCard } from '../cards/monitoring-check-in-card';
import type { ReminderView } from '../cards/reminder-card';
import { renderReminderCard } from '../cards/reminder-card';
import type { RollbackGuideView } from '../cards/rollback-guide-card';
import { renderRollbackGuideCard } from '../cards/rollback-guide-card';
import { renderSignInFormCard, type SignInFormView } from '../cards/sign-in-form-card';
import type { OldServerCutoff } from '../migration/old-server-cutoff';
import { checkpointById, type CheckpointId } from '../migration/runbook';

/**
 * What an orchestration asks an activity to post: the card's view model, plain JSON so it crosses
 * Durable. The activity renders it; the orchestrator never touches card JSON.
 */
export type CardSpec =
  | {
      kind: 'checkpoint-request';
      checkpointId: CheckpointId;
      servers: { oldServer: string; newServer: string };
      again?: boolean;
      oldServerOffline?: { migrationId: string; cutoff: OldServerCutoff };
    }
  | { kind: 'reminder'; view: ReminderView }
  | { kind: 'checkpoint-result'; view: CheckpointResultView }
  | { kind: 'approval-request'; view: ApprovalRequestView }
  | { kind: 'approval-outcome'; view: ApprovalOutcomeView }
  | { kind: 'escalation'; view: EscalationView }
  | { kind: 'check-in'; view: MonitoringCheckInView }
  | { kind: 'rollback-guide'; view: RollbackGuideView }
  | { kind: 'decommission-checklist'; view: DecommissionChecklistView }
  | { kind: 'final-report'; view: FinalReportView }
  | { kind: 'sign-in-form'; view: SignInFormView };

export type { CardPlace } from '../cards/card-parts';

/** Renders a card spec for the kind of conversation it goes to. */
export function renderCardSpec(spec: CardSpec, place: CardPlace = 'personal'): AdaptiveCardJson {
  switch (spec.kind) {
    case 'checkpoint-request':
      return renderCheckpointRequestCard({
        place,
        servers: spec.servers,
        checkpoint: checkpointById(spec.checkpointId),
        ...(spec.again === true ? { again: true } : {}),
        ...(spec.oldServerOffline === undefined ? {} : { oldServerOffline: spec.oldServerOffline }),
      });
    case 'reminder':
      return renderReminderCard(spec.view, place);
    case 'checkpoint-result':
      return renderCheckpointResultCard(spec.view);
    case 'approval-request':
      return renderApprovalRequestCard(spec.view);
    case 'approval-outcome':
      return renderApprovalOutcomeCard(spec.view);
    case 'escalation':
      return renderEscalationCard(spec.view);
    case 'check-in':
      return renderMonitoringCheckInCard(spec.view);
    case 'rollback-guide':
      return renderRollbackGuideCard(spec.view, place);
    case 'decommission-checklist':
      return renderDecommissionChecklistCard(spec.view);
    case 'final-report':
      return renderFinalReportCard(spec.view);
    case 'sign-in-form':
      return renderSignInFormCard(spec.view);
  }
}
