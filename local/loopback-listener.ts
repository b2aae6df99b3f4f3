import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request, read in full. */
export interface LoopbackRequest {
  readonly method: string;
  /** The request target, query string included. */
  readonly path: string;
  readonly pathname: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** What a route answers: JSON, raw bytes, or a status alone. */
export interface LoopbackAnswer {
  readonly status: number;
  readonly json?: unknown;
  readonly bytes?: { readonly data: Buffer; readonly contentType: string };
  readonly headers?: Readonly<Record<string, string>>;
}

/** An HTTP server on 127.0.0.1. */
export interface LoopbackListener {
  readonly origin: string;
  /** Stops listening and drops open connections; safe to call twice. */
  close(): Promise<void>;
}

/** Listens on a free port of 127.0.0.1 and answers every request through `route`. */
export async function listenOnLoopback(
  route: (request: LoopbackRequest) => LoopbackAnswer,
): Promise<LoopbackListener> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const target = request.url ?? '/';
      const answer = route({
        method: (request.method ?? 'GET').toUpperCase(),
        path: target,
        pathname: new URL(target, 'http://127.0.0.1').pathname,
        headers: request.headers,
        body: Buffer.concat(chunks),
      });
      if (answer.json !== undefined) {
        response.writeHead(answer.status, {
          'content-type': 'application/json',
          ...answer.headers,
        });
        response.end(JSON.stringify(answer.json));
      } else if (answer.bytes !== undefined) {
        response.writeHead(answer.status, {
          'content-type': answer.bytes.contentType,
          ...answer.headers,
        });
        response.end(answer.bytes.data);
      } else {
        response.writeHead(answer.status, { ...answer.headers });
        response.end();
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  return {
    origin: `http://127.0.0.1:${port}`,
    close() {
      closed ??= new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
      });
      return closed;
    },
  };
}
