// Load from outside with autocannon (a dev tool without types): POSTs whose body is made afresh for
// each request, as Teams gives every activity its own id and timestamp.
import { createRequire } from 'node:module';
import { z } from 'zod';

const resultSchema = z.looseObject({
  latency: z.looseObject({ p50: z.number(), p99: z.number(), max: z.number() }),
  non2xx: z.number(),
  errors: z.number(),
  timeouts: z.number(),
  duration: z.number(),
});

/** Latencies in milliseconds, throughput in requests per second, failures counted. */
export interface LoadResult {
  readonly p50: number;
  readonly p99: number;
  readonly perSecond: number;
  /** Answers other than 2xx, transport errors and timeouts. */
  readonly failed: number;
}

type Autocannon = (options: Record<string, unknown>) => Promise<unknown>;
const autocannon = createRequire(__filename)('autocannon') as Autocannon;

/** Sends `amount` POSTs to `url` over `connections` connections, each with a body from `bodyOf`. */
export async function postLoad(options: {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly bodyOf: () => string;
  readonly amount: number;
  readonly connections: number;
}): Promise<LoadResult> {
  const result = resultSchema.parse(
    await autocannon({
      url: options.url,
      method: 'POST',
      headers: options.headers,
      requests: [
        {
          setupRequest: (request: Record<string, unknown>) => ({
            ...request,
            body: options.bodyOf(),
          }),
        },
      ],
      connections: options.connections,
      amount: options.amount,
      timeout: 60,
    }),
  );
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    perSecond: options.amount / result.duration,
    failed: result.non2xx + result.errors + result.timeouts,
  };
}
