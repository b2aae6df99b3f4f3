import { createBotRuntime, type BotRuntime } from '../bot/create-bot-runtime';
import { ProactiveSender } from '../bot/proactive-sender';
import { getAppSettings, getConfig, type AppSettings } from '../platform/config';
import { createConsoleLogger } from '../platform/console-logger';
import { AuditLog } from '../platform/audit-log';
import { ConversationReferenceStore } from '../platform/conversation-references';
import { EvidenceStore } from '../platform/evidence-store';
import { MigrationRegistry } from '../platform/migration-registry';
import { SentMessageLedger } from '../platform/sent-message-ledger';
import { settingsProblems, type SettingsProblem } from '../platform/settings-report';
import { createStorageClients } from '../platform/storage-clients';
import { TableAccess } from '../platform/table-access';
import { TurnLedger } from '../platform/turn-ledger';

/** Everything the functions share within one worker process. */
export interface AppServices {
  readonly settings: AppSettings;
  readonly bot: BotRuntime;
  readonly sender: ProactiveSender;
  readonly references: ConversationReferenceStore;
  readonly registry: MigrationRegistry;
  readonly ledger: SentMessageLedger;
  readonly evidence: EvidenceStore;
  readonly audit: AuditLog;
  readonly turns: TurnLedger;
  /**
   * Bot Framework authentication off, which platform/config allows only with the local-only setting
   * and no bot id (the local runtime, the Playground): replies may go to any serviceUrl.
   */
  readonly localMode: boolean;
  /** The optional settings the app cannot use, checked once per process (settings-report.ts). */
  readonly settingsProblems: readonly SettingsProblem[];
}

let services: AppServices | undefined;

/**
 * Built on first use, not at import: a throw while the worker loads an entry file would silently
 * unregister its functions, and settings errors must reach the caller as a clear message instead.
 */
export function appServices(): AppServices {
  if (services !== undefined) return services;
  const config = getConfig();
  const settings = getAppSettings();
  const logger = createConsoleLogger('bot');
  const bot = createBotRuntime(config, logger);
  const storage = createStorageClients(settings.storage);
  const table = (name: string): TableAccess => new TableAccess(storage, name);
  services = {
    settings,
    bot,
    sender: new ProactiveSender(
      bot.adapter,
      config.auth.mode === 'off' ? '' : config.auth.appId,
      logger,
    ),
    references: new ConversationReferenceStore(table('ConversationReferences')),
    registry: new MigrationRegistry(table('Migrations')),
    ledger: new SentMessageLedger(table('SentMessages')),
    evidence: new EvidenceStore(storage),
    audit: new AuditLog(table('AuditLog')),
    turns: new TurnLedger(table('TakenMessages')),
    localMode: config.auth.mode === 'off',
    // The required groups were read above; only optional ones can be wrong while the bot runs.
    settingsProblems: settingsProblems().filter((problem) => !problem.required),
  };
  return services;
}
