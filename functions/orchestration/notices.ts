import { literalText, markdownLine } from '../../cards/card-text';
import type { MigrationStart } from '../../migration/migration-start';
import { serversOf, type Notice, type Recipient } from '../../migration/workflow/workflow';
import type { CardSpec } from '../card-specs';
import type { Target } from '../migration-activities';

/** Where a recipient is, as the send activities address it; null for a channel not configured. */
export function targetOf(start: MigrationStart, to: Recipient): Target | null {
  switch (to.kind) {
    case 'migration':
      return { kind: 'conversation', key: start.conversationKey };
    case 'conversation':
      return { kind: 'conversation', key: to.key };
    case 'personal':
      // Opened from the migration's conversation when the bot has no chat with them yet.
      return { kind: 'personal', aadObjectId: to.aadObjectId, via: start.conversationKey };
    case 'escalation-channel':
      return start.escalationConversationKey === null
        ? null
        : // Reached by its id alone when no one wrote to the bot there: the app is in the team.
          {
            kind: 'conversation',
            key: start.escalationConversationKey,
            via: start.conversationKey,
          };
  }
}

/** A notice as the send activities take it: a card view with the migration's facts, or text. */
export function contentOf(
  start: MigrationStart,
  notice: Notice,
): { card: CardSpec } | { text: string } {
  const servers = serversOf(start);
  const { migrationId } = start;
  const { timeZone } = start.plan;
  switch (notice.kind) {
    case 'text':
      // The workflow writes prose with names in it and no markup of its own: posted as markdown,
      // every character of it shows as written.
      return { text: literalText(notice.text) };
    case 'checkpoint-request':
      return {
        card: {
          kind: 'checkpoint-request',
          checkpointId: notice.checkpointId,
          servers,
          ...(notice.oldServerCutoff === undefined
            ? {}
            : { oldServerOffline: { migrationId, cutoff: notice.oldServerCutoff } }),
        },
      };
    case 'sign-in-form':
      return {
        card: {
          kind: 'sign-in-form',
          view: {
            migrationId,
            servers,
            ...(notice.prefill === undefined ? {} : { prefill: notice.prefill }),
          },
        },
      };
    case 'reminder': {
      const { kind: _kind, ...view } = notice;
      return { card: { kind: 'reminder', view: { ...view, migrationId, servers, timeZone } } };
    }
    case 'escalation': {
      const { kind: _kind, ...view } = notice;
      return { card: { kind: 'escalation', view: { ...view, servers, timeZone } } };
    }
    case 'checkpoint-result':
      return {
        card: {
          kind: 'checkpoint-result',
          view: {
            migrationId,
            servers,
            judgment: notice.judgment,
            evidence: notice.evidence,
            timeZone,
          },
        },
      };
    case 'check-in': {
      const { kind: _kind, ...view } = notice;
      return { card: { kind: 'check-in', view: { ...view, migrationId, servers, timeZone } } };
    }
    case 'rollback-guide':
      return {
        card: {
          kind: 'rollback-guide',
          view: {
            migrationId,
            servers,
            timeZone,
            problem: notice.problem,
            ...(notice.oldServer === undefined ? {} : { oldServer: notice.oldServer }),
          },
        },
      };
    case 'decommission-checklist':
      return {
        card: {
          kind: 'decommission-checklist',
          view: { migrationId, servers, timeZone, confirmed: notice.confirmed },
        },
      };
    case 'approval-outcome': {
      const { kind: _kind, ...view } = notice;
      return { card: { kind: 'approval-outcome', view: { ...view, servers, timeZone } } };
    }
  }
}

/** What the migration's conversation is told when the owner ends it early, and by whom. */
export function endedNoticeText(
  start: MigrationStart,
  outcome: 'cancelled' | 'rolled-back',
  by: string | null,
): string {
  const { migrationId, plan } = start;
  const who = by ?? 'its owner';
  return outcome === 'cancelled'
    ? markdownLine`Migration ${migrationId} (${plan.oldServer} → ${plan.newServer}) was cancelled by ${who}. No more reminders will be sent. Make sure exactly one server is active and the other is in staging mode.`
    : markdownLine`Migration ${migrationId} was rolled back by ${who}: ${plan.oldServer} is the active server again and ${plan.newServer} is in staging mode. Start a new migration once the problem is understood.`;
}
