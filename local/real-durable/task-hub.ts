// What the real extension's Azure Storage task hub shows from outside: the queues it polls and the
// tables it checkpoints to. The local runtime reads them to know when the engine is idle and
// which durable timers are waiting, as no API of the extension says either.
import { odata, TableClient } from '@azure/data-tables';
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
    const timers = await this.#unfiredTimers();
    return timers.filter((timer) => timer.fireAt.getTime() > now.getTime()).length;
  }

  /** Timers of running instances whose `TimerCreated` has no `TimerFired` yet, earliest first. */
  async pendingTimers(): Promise<PendingTimer[]> {
    const running = new Map<string, string>();
    const instances = this.#instances.listEntities({
      queryOptions: {
        filter: odata`RuntimeStatus eq 'Running' or RuntimeStatus eq 'Pending'`,
        select: ['PartitionKey', 'ExecutionId'],
      },
    });
    for await (const instance of instances) {
      if (typeof instance.ExecutionId === 'string') {
        running.set(instance.partitionKey ?? '', instance.ExecutionId);
      }
    }
    return (await this.#unfiredTimers())
      .filter((timer) => running.get(timer.instanceId) === timer.executionId)
      .map(({ instanceId, timerId, fireAt }) => ({ instanceId, timerId, fireAt }))
      .sort((a, b) => a.fireAt.getTime() - b.fireAt.getTime());
  }

  /** Every timer of the hub, of any instance and execution, created and not yet fired. */
  async #unfiredTimers(): Promise<(PendingTimer & { readonly executionId: string })[]> {
    const created = new Map<string, PendingTimer & { readonly executionId: string }>();
    const fired = new Set<string>();
    const rows = this.#history.listEntities({
      queryOptions: {
        filter: odata`EventType eq 'TimerCreated' or EventType eq 'TimerFired'`,
      },
    });
    for await (const row of rows) {
      const instanceId = row.partitionKey ?? '';
      const executionId = String(row.ExecutionId);
      const key = (timerId: number): string => `${instanceId}#${executionId}#${String(timerId)}`;
      if (row.EventType === 'TimerCreated') {
        const fireAt = row.FireAt instanceof Date ? row.FireAt : new Date(String(row.FireAt));
        if (typeof row.EventId === 'number' && !Number.isNaN(fireAt.getTime())) {
          created.set(key(row.EventId), { instanceId, executionId, timerId: row.EventId, fireAt });
        }
      } else if (typeof row.TimerId === 'number') {
        fired.add(key(row.TimerId));
      }
    }
    return [...created].filter(([key]) => !fired.has(key)).map(([, timer]) => timer);
  }
}
