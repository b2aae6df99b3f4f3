import { setTimeout as sleep } from 'node:timers/promises';
import type { DurableClient } from 'durable-functions';
import type { MigrationControl, SignalResult } from '../migration/migration-control';
import type { MigrationStart } from '../migration/migration-start';
import {
  isMigrationActive,
  migrationStatusSchema,
  type MigrationRuntimeView,
  type MigrationStatus,
} from '../migration/migration-status';
import { orchestratorNames } from './durable-names';

const betweenPhasesAttempts = 10;
const betweenPhasesDelayMs = 200;

const runtimeStatuses = new Set<MigrationRuntimeView['runtimeStatus']>([
  'Pending',
  'Running',
  'Completed',
  'Failed',
  'Terminated',
  'Suspended',
  'ContinuedAsNew',
]);

/** The migration port on top of the durable client: what bot/ uses to start and signal migrations. */
export class DurableMigrationControl implements MigrationControl {
  constructor(private readonly client: DurableClient) {}

  async start(input: MigrationStart): Promise<void> {
    await this.client.startNew(orchestratorNames.migration, {
      instanceId: input.migrationId,
      input,
    });
  }

  /** Events go to the phase sub-orchestration while one runs: that is where the waiting happens. */
  async signal(migrationId: string, eventName: string, data: unknown): Promise<SignalResult> {
    // An event for a phase that has just ended would be dropped (the host answers 410 and the
    // client resolves), so the target must be running; between two phases the main instance
    // needs a moment to start the next one.
    for (let attempt = 0; attempt < betweenPhasesAttempts; attempt++) {
      const main = await this.#instance(migrationId);
      if (main === undefined) return 'not-found';
      if (!isMigrationActive(main.runtimeStatus)) return 'finished';
      const target = main.status?.phaseInstanceId ?? null;
      const phase = target === null ? undefined : await this.#instance(target);
      if (target !== null && phase !== undefined && isMigrationActive(phase.runtimeStatus)) {
        await this.client.raiseEvent(target, eventName, data);
        return 'accepted';
      }
      await sleep(betweenPhasesDelayMs);
    }
    return 'finished';
  }

  /** The main instance's state with the running phase's summary, which is the freshest. */
  async view(migrationId: string): Promise<MigrationRuntimeView | undefined> {
    const main = await this.#instance(migrationId);
    if (main === undefined) return undefined;
    const childId = main.status?.phaseInstanceId;
    if (isMigrationActive(main.runtimeStatus) && childId !== undefined && childId !== null) {
      const child = await this.#instance(childId);
      if (child?.status !== undefined && isMigrationActive(child.runtimeStatus)) {
        return { runtimeStatus: main.runtimeStatus, status: child.status };
      }
    }
    return main;
  }

  async #instance(instanceId: string): Promise<MigrationRuntimeView | undefined> {
    let raw;
    try {
      raw = await this.client.getStatus(instanceId);
    } catch (error) {
      // getStatus throws on 404: an unknown id is an answer, not an outage.
      if (error instanceof Error && error.message.includes('404')) return undefined;
      throw error;
    }
    const runtimeStatus = raw.runtimeStatus as MigrationRuntimeView['runtimeStatus'];
    const parsed = migrationStatusSchema.safeParse(raw.customStatus);
    const status: MigrationStatus | undefined = parsed.success ? parsed.data : undefined;
    return {
      runtimeStatus: runtimeStatuses.has(runtimeStatus) ? runtimeStatus : 'Unknown',
      status,
    };
  }
}
