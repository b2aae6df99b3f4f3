import { createServer, type IncomingHttpHeaders, type RequestListener } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

/** One request a loopback server received. */
export interface RecordedRequest {
  readonly method: string;
  /** The request target, query string included. */
  readonly path: string;
  readonly pathname: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** The body as received, for bodies that are not text (a zip upload). */
  readonly bytes: Buffer;
}

/** What a route answers. */
export interface LoopbackAnswer {
  readonly status: number;
  readonly json?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A recording HTTP(S) server on a loopback address (127.0.0.1 unless told). */
export interface LoopbackServer {
  readonly origin: string;
  readonly requests: RecordedRequest[];
  /** TCP connections accepted, requests or not (a refused client must not even connect). */
  readonly connections: number;
  close(): Promise<void>;
}

type Route = (request: RecordedRequest) => LoopbackAnswer;

/** Starts a server that records every request and answers through `route`. */
export async function startLoopbackServer(
  route: Route,
  tls?: { readonly key: string; readonly cert: string },
  address = '127.0.0.1',
): Promise<LoopbackServer> {
  const requests: RecordedRequest[] = [];
  const handler: RequestListener = (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const bytes = Buffer.concat(chunks);
      const recorded: RecordedRequest = {
        method: request.method ?? 'GET',
        path: request.url ?? '/',
        pathname: new URL(request.url ?? '/', 'http://127.0.0.1').pathname,
        headers: request.headers,
        body: bytes.toString('utf8'),
        bytes,
      };
      requests.push(recorded);
      const answer = route(recorded);
      if (answer.json === undefined) {
        response.writeHead(answer.status, { ...answer.headers });
        response.end();
        return;
      }
      response.writeHead(answer.status, {
        'content-type': 'application/json',
        ...answer.headers,
      });
      response.end(JSON.stringify(answer.json));
    });
  };
  const server = tls === undefined ? createServer(handler) : createHttpsServer({ ...tls }, handler);
  let connections = 0;
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `${tls === undefined ? 'http' : 'https'}://${address}:${port}`,
    requests,
    get connections() {
      return connections;
    },
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
