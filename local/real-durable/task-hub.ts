// What the real extension's Azure Storage task hub shows from outside: the queues it polls and the
// tables it checkpoints to. The local runtime reads them to know when the engine is idle and
// which durable timers are waiting, as no API of the extension says either.
import { odata, TableClient, type TableEntityResult } from '@azure/data-tables';
import { QueueServiceClient } from '@azure/storage-queue';

/** A durable timer created and not yet fired, of a running orchestration. */
export interface PendingTimer {
  readonly instanceId: string;
  readonly timerId: number;
  readonly fireAt: Date;
}

/** Reads the task hub's queues and tables (names as DurableTask.AzureStorage gives them). */
export class TaskHubView {
  readonly #queues: QueueServiceClient;
  readonly #queuePrefix: string;
  readonly #instances: TableClient;
  readonly #history: TableClient;
  #queueNames: string[] = [];

  constructor(connectionString: string, taskHubName: string) {
    this.#queues = QueueServiceClient.fromConnectionString(connectionString);
    // Control queues "<hub>-control-00".., and "<hub>-workitems", the hub lower-cased.
    this.#queuePrefix = `${taskHubName.toLowerCase()}-`;
    const tables = { allowInsecureConnection: true };
    this.#instances = TableClient.fromConnectionString(
      connectionString,
      `${taskHubName}Instances`,
      tables,
    );
    this.#history = TableClient.fromConnectionString(
      connectionString,
      `${taskHubName}History`,
      tables,
    );
  }

  /**
   * The task hub's messages: `visible`, the ones the engine could take now, and `total`, which
   * also counts invisible ones: being processed, put back for later by the engine (a message it
   * could not use yet), or a timer's, invisible until it is due.
   */
  async messages(): Promise<{ visible: number; total: number }> {
    if (this.#queueNames.length === 0) {
      for await (const queue of this.#queues.listQueues({ prefix: this.#queuePrefix })) {
        this.#queueNames.push(queue.name);
      }
    }
    const counts = await Promise.all(
      this.#queueNames.map(async (name) => {
        const queue = this.#queues.getQueueClient(name);
        const [peeked, properties] = await Promise.all([
          queue.peekMessages({ numberOfMessages: 1 }),
          queue.getProperties(),
        ]);
        return {
          visible: peeked.peekedMessageItems.length,
          total: properties.approximateMessagesCount ?? 0,
        };
      }),
    );
    return counts.reduce(
      (sum, count) => ({ visible: sum.visible + count.visible, total: sum.total + count.total }),
      { visible: 0, total: 0 },
    );
  }

  /**
   * How many timers of any instance are created, not fired and due after `now`: each has a message
   * waiting, invisible, in a control queue (one of a finished instance is dropped when it is due).
   */
  async futureTimers(now: Date): Promise<number> {
    const created = new Map<string, Date>();
    const fired = new Set<string>();
    const rows = this.#history.listEntities({
      queryOptions: {
        filter: odata`EventType eq 'TimerCreated' or EventType eq 'TimerFired'`,
      },
    });
    for await (const row of rows) {
      const execution = `${row.partitionKey ?? ''}#${String(row.ExecutionId)}#`;
      const timers = new Map<number, Date>();
      const firedIds = new Set<number>();
      readTimerRow(row, timers, firedIds);
      for (const [id, fireAt] of timers) created.set(`${execution}${String(id)}`, fireAt);
      for (const id of firedIds) fired.add(`${execution}${String(id)}`);
    }
    let future = 0;
    for (const [key, fireAt] of created) {
      if (!fired.has(key) && fireAt.getTime() > now.getTime()) future++;
    }
    return future;
  }

  /** Timers of running instances whose `TimerCreated` has no `TimerFired` yet, earliest first. */
  async pendingTimers(): Promise<PendingTimer[]> {
    const pending: PendingTimer[] = [];
    const running = this.#instances.listEntities({
      queryOptions: {
        filter: odata`RuntimeStatus eq 'Running' or RuntimeStatus eq 'Pending'`,
        select: ['PartitionKey', 'ExecutionId'],
      },
    });
    for await (const instance of running) {
      const instanceId = instance.partitionKey ?? '';
      const executionId = instance.ExecutionId;
      if (typeof executionId !== 'string') continue;
      const created = new Map<number, Date>();
      const fired = new Set<number>();
      const rows = this.#history.listEntities({
        queryOptions: {
          filter: odata`PartitionKey eq ${instanceId} and ExecutionId eq ${executionId} and (EventType eq 'TimerCreated' or EventType eq 'TimerFired')`,
        },
      });
      for await (const row of rows) readTimerRow(row, created, fired);
      for (const [timerId, fireAt] of created) {
        if (!fired.has(timerId)) pending.push({ instanceId, timerId, fireAt });
      }
    }
    return pending.sort((a, b) => a.fireAt.getTime() - b.fireAt.getTime());
  }
}

function readTimerRow(
  row: TableEntityResult<Record<string, unknown>>,
  created: Map<number, Date>,
  fired: Set<number>,
): void {
  if (row.EventType === 'TimerCreated') {
    const fireAt = row.FireAt instanceof Date ? row.FireAt : new Date(String(row.FireAt));
    if (typeof row.EventId === 'number' && !Number.isNaN(fireAt.getTime())) {
      created.set(row.EventId, fireAt);
    }
  } else if (typeof row.TimerId === 'number') {
    fired.add(row.TimerId);
  }
}
