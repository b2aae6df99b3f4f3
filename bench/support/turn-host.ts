// One side of the turn benchmark in a process of its own: the app (local/app-host.ts: the local
// runtime, the local Durable engine, Azurite and the loopback connector) or the echo bot
// (bench/support/echo-bot.ts) in the same local runtime with the same loopback connector. Each gets
// the Bot Framework settings from its environment, as on Azure, and NODE_EXTRA_CA_CERTS for the
// loopback login server, which Node reads only at start-up: hence a process per side (the app also
// keeps its settings and storage clients for the life of its process).
//
//   node --import tsx bench/support/turn-host.ts app|echo
//
// It reports `{ ready: { origin, serviceUrl } }` over IPC, then answers requests from the parent:
// post an activity with a token and settle, settle, forget what the connector recorded, close.
import path from 'node:path';
import { startAppHost } from '../../local/app-host';
import { RealClock } from '../../local/clock';
import { quietLogger } from '../../local/runtime-logger';
import { startLocalRuntime } from '../../local/runtime';
import {
  connectorPrefix,
  startTeamsConnector,
  type ConnectorCall,
} from '../../local/teams-connector';

/** What the parent asks. */
export type HostRequest =
  | {
      readonly id: number;
      readonly kind: 'post';
      readonly activity: Readonly<Record<string, unknown>>;
      readonly authorization: string;
    }
  | { readonly id: number; readonly kind: 'settle' | 'forget' | 'close' };

/** What the host answers: for a post, its HTTP answer and what the bot sent meanwhile. */
export interface HostAnswer {
  readonly id: number;
  readonly status?: number;
  readonly body?: string;
  readonly sent?: readonly ConnectorCall[];
  readonly error?: string;
}

interface Side {
  readonly origin: string;
  readonly serviceUrl: string;
  readonly requests: ConnectorCall[];
  know(conversationId: string): void;
  settle(): Promise<void>;
  close(): Promise<void>;
}

const root = path.resolve(__dirname, '..', '..');

async function startSide(kind: string): Promise<Side> {
  if (kind === 'app') {
    // BOT_AUTHENTICATION blank: the Bot Framework settings of this process apply, as on Azure.
    const host = await startAppHost({ root, start: new Date(), env: { BOT_AUTHENTICATION: '' } });
    return {
      get origin() {
        return host.runtime.origin;
      },
      serviceUrl: host.serviceUrl,
      requests: host.connector.requests,
      know: (id) => {
        host.connector.know(id);
      },
      settle: () => host.runtime.settle(),
      close: () => host.close(),
    };
  }
  if (kind === 'echo') {
    const clock = new RealClock();
    const connector = await startTeamsConnector(clock);
    const runtime = await startLocalRuntime({
      entryFiles: [path.join(__dirname, 'echo-bot.ts')],
      clock,
      logger: quietLogger,
    });
    return {
      origin: runtime.origin,
      serviceUrl: `${connector.origin}${connectorPrefix}`,
      requests: connector.requests,
      know: (id) => {
        connector.know(id);
      },
      settle: () => runtime.settle(),
      close: async () => {
        await runtime.close();
        await connector.close();
      },
    };
  }
  throw new Error(`turn-host: say app or echo, not ${kind}`);
}

async function answer(side: Side, request: HostRequest): Promise<HostAnswer> {
  switch (request.kind) {
    case 'post': {
      const conversation = request.activity.conversation as { id?: unknown } | undefined;
      if (typeof conversation?.id === 'string') side.know(conversation.id);
      const mark = side.requests.length;
      const response = await fetch(`${side.origin}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: request.authorization },
        body: JSON.stringify(request.activity),
      });
      const body = await response.text();
      await side.settle();
      return { id: request.id, status: response.status, body, sent: side.requests.slice(mark) };
    }
    case 'settle':
      await side.settle();
      return { id: request.id };
    case 'forget':
      side.requests.length = 0;
      return { id: request.id };
    case 'close':
      await side.close();
      return { id: request.id };
  }
}

async function main(): Promise<void> {
  const send = process.send?.bind(process);
  if (send === undefined) throw new Error('turn-host runs as a child with an IPC channel');
  const side = await startSide(process.argv[2] ?? '');
  process.on('message', (message: HostRequest) => {
    answer(side, message).then(
      (reply) => {
        send(reply);
        if (message.kind === 'close') process.disconnect();
      },
      (error: unknown) => {
        send({ id: message.id, error: error instanceof Error ? error.message : String(error) });
      },
    );
  });
  send({ ready: { origin: side.origin, serviceUrl: side.serviceUrl } });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
