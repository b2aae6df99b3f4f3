import { migrationStatusSchema, type MigrationStatus } from '../../migration/migration-status';
import { AuditLog, type AuditEntry } from '../../platform/audit-log';
import { TableAccess } from '../../platform/table-access';
import type { AppHarness } from './app-harness';
import { defined } from './defined';

/** The summary a migration publishes: its running phase's when one runs, else the main one's. */
export function migrationSummary(app: AppHarness, migrationId: string): MigrationStatus {
  const main = migrationStatusSchema.parse(app.runtime.engine.getStatus(migrationId)?.customStatus);
  const child =
    main.phaseInstanceId === null ? undefined : app.runtime.engine.getStatus(main.phaseInstanceId);
  return child?.runtimeStatus === 'Running'
    ? migrationStatusSchema.parse(child.customStatus)
    : main;
}

/** A migration's audit log as stored in the harness's Azurite. */
export function auditEntries(migrationId: string): Promise<AuditEntry[]> {
  const connection = defined(
    process.env.AzureWebJobsStorage,
    'the harness sets AzureWebJobsStorage',
  );
  return new AuditLog(new TableAccess(connection, 'AuditLog')).list(migrationId);
}
