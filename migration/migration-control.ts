import type { MigrationStart } from './migration-start';
import type { MigrationRuntimeView } from './migration-status';

/** The outcome of signalling a migration. */
export type SignalResult = 'accepted' | 'not-found' | 'finished';

/**
 * The port through which the conversation starts and signals migrations. functions/ implements it
 * with the durable client, so the conversation never touches the Functions SDK.
 */
export interface MigrationControl {
  start(input: MigrationStart): Promise<void>;
  signal(migrationId: string, eventName: string, data: unknown): Promise<SignalResult>;
  view(migrationId: string): Promise<MigrationRuntimeView | undefined>;
}
