import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';

/** One answer of the scripted Graph server. */
export interface GraphAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** A string is sent as is (to serve bodies that are not JSON); anything else as JSON. */
  readonly body?: unknown;
}

/** A request the scripted Graph server received. */
export interface GraphRequest {
  readonly method: string;
  readonly url: URL;
  readonly authorization: string | undefined;
  readonly receivedAt: number;
}

/** An https stand-in for Microsoft Graph on 127.0.0.1 that answers from a script. */
export interface ScriptedGraphServer {
  readonly origin: string;
  readonly requests: GraphRequest[];
  /** Answers the next requests in order; once used up, every request gets `then`. */
  script(answers: readonly GraphAnswer[], then: GraphAnswer): void;
  close(): Promise<void>;
}

const NOT_SCRIPTED: GraphAnswer = { status: 404, body: { error: { code: 'NotScripted' } } };

/** Starts the scripted Graph server with the given TLS key and certificate. */
export async function startScriptedGraphServer(tls: {
  readonly key: string;
  readonly cert: string;
}): Promise<ScriptedGraphServer> {
  const requests: GraphRequest[] = [];
  let queue: GraphAnswer[] = [];
  let fallback = NOT_SCRIPTED;
  const server = createServer({ ...tls }, (request, response) => {
    requests.push({
      method: request.method ?? 'GET',
      url: new URL(request.url ?? '/', 'https://127.0.0.1'),
      authorization: request.headers.authorization,
      receivedAt: Date.now(),
    });
    const answer = queue.shift() ?? fallback;
    const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {});
    response.writeHead(answer.status, {
      'content-type': typeof answer.body === 'string' ? 'text/html' : 'application/json',
      'request-id': `graph-request-${String(requests.length)}`,
      ...answer.headers,
    });
    response.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `https://127.0.0.1:${String(port)}`,
    requests,
    script(answers, then) {
      queue = [...answers];
      fallback = then;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error) {
            reject(error);
          } else {
            resolve();
          }
        });
      });
    },
  };
}
