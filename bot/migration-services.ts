import type { TurnContext } from 'botbuilder';
import type { MigrationControl } from '../migration/migration-control';
import type { MigrationTiming } from '../migration/migration-start';
import type { AuditLog } from '../platform/audit-log';
import type { ConversationReferenceStore } from '../platform/conversation-references';
import type { EvidenceStore } from '../platform/evidence-store';
import type { GraphPeople } from '../platform/graph-people';
import type { MigrationRegistry } from '../platform/migration-registry';
import type { SettingsProblem } from '../platform/settings-report';
import type { TurnLedger } from '../platform/turn-ledger';
import type { TurnHandler } from './http-bridge';

/** What the conversation needs to run migrations; given per request (the durable client is per invocation). */
export interface MigrationServices {
  readonly control: MigrationControl;
  readonly references: ConversationReferenceStore;
  readonly registry: MigrationRegistry;
  readonly evidence: EvidenceStore;
  readonly audit: AuditLog;
  /** The messages already taken, so a re-delivered one is answered once. */
  readonly turns: TurnLedger;
  /** The directory through Microsoft Graph, when it is configured: names of picked approvers. */
  readonly directory: Pick<GraphPeople, 'findUser'> | undefined;
  /** Local mode only: evidence files may come from a loopback http URL (the Playground has no file upload). */
  readonly allowInsecureDownloads: boolean;
  readonly timing: MigrationTiming;
  /** The escalation channel's conversation id, when configured. */
  readonly escalationChannelId: string | undefined;
  readonly newMigrationId: () => string;
  readonly now: () => Date;
  /** App settings the app cannot use, named on the status and help cards (never their values). */
  readonly settingsProblems: readonly SettingsProblem[];
}

const servicesKey = Symbol('migrationServices');

/** Runs `bot` with the services attached to every turn. */
export function withMigrationServices(bot: TurnHandler, services: MigrationServices): TurnHandler {
  return {
    run: (context) => {
      context.turnState.set(servicesKey, services);
      return bot.run(context);
    },
  };
}

/** The services of this turn, if the host attached them. */
export function migrationServicesOf(context: TurnContext): MigrationServices | undefined {
  return context.turnState.get<MigrationServices | undefined>(servicesKey);
}
