import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BotRuntime } from '../../../bot/create-bot-runtime';
import { processBotRequest } from '../../../bot/http-bridge';
import { parseJsonBody } from '../../../bot/json-body';

/** A running loopback HTTP server hosting the bot the way functions/messages.ts does. */
export interface BotHost {
  readonly messagesUrl: string;
  close(): Promise<void>;
}

/** Serves POST/GET/HEAD /api/messages on 127.0.0.1 through the framework-neutral bridge. */
export async function startBotHost(runtime: BotRuntime): Promise<BotHost> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const method = request.method ?? 'GET';
      processBotRequest(runtime.adapter, runtime.bot, {
        method,
        headers: flattenHeaders(request.headers),
        body: method === 'POST' ? parseJsonBody(Buffer.concat(chunks).toString('utf8')) : undefined,
      }).then(
        (result) => {
          response.writeHead(result.status, result.headers);
          response.end(result.body);
        },
        (error: unknown) => {
          console.error('bot host: request failed', error);
          response.writeHead(500);
          response.end();
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    messagesUrl: `http://127.0.0.1:${port}/api/messages`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => {
          if (error) {
            reject(error);
          } else {
            resolve();
          }
        });
      }),
  };
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.join(', ') : value,
    ]),
  );
}
