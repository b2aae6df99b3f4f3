// MSAL's HTTP calls through fetch, keeping what Microsoft Entra said when it refused. MSAL's device
// code flow reports a refused token poll by its `error` code alone ("post_request_failed:
// invalid_grant"), never the AADSTS description that says what to do (consent, conditional
// access, a disabled account), so an admin would be left with nothing to act on.
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { z } from 'zod';

const entraErrorSchema = z.object({
  error: z.string(),
  error_description: z.string().optional(),
});

/** Answers that are no refusal: the device code flow polls through these until the user signs in. */
const NOT_REFUSALS = new Set(['authorization_pending', 'slow_down']);

/** Each request may take this long; MSAL passes its own timeout for some GETs. */
const DEFAULT_TIMEOUT_MS = 60_000;

/** What Entra answered to the last refused request: its error code and AADSTS description. */
export interface EntraRefusal {
  readonly error: string;
  readonly description: string | undefined;
}

/** An MSAL network client over fetch that remembers Entra's last refusal. */
export class EntraNetworkClient implements INetworkModule {
  private refusal: EntraRefusal | undefined;

  /** What Entra said when it last refused, if it did. */
  lastRefusal(): EntraRefusal | undefined {
    return this.refusal;
  }

  sendGetRequestAsync<T>(
    url: string,
    options?: NetworkRequestOptions,
    timeout?: number,
  ): Promise<NetworkResponse<T>> {
    return this.send<T>('GET', url, options, timeout);
  }

  sendPostRequestAsync<T>(
    url: string,
    options?: NetworkRequestOptions,
  ): Promise<NetworkResponse<T>> {
    return this.send<T>('POST', url, options, undefined);
  }

  private async send<T>(
    method: 'GET' | 'POST',
    url: string,
    options: NetworkRequestOptions | undefined,
    timeout: number | undefined,
  ): Promise<NetworkResponse<T>> {
    const response = await fetch(url, {
      method,
      headers: options?.headers ?? {},
      ...(method === 'POST' && options?.body !== undefined ? { body: options.body } : {}),
      signal: AbortSignal.timeout(timeout ?? DEFAULT_TIMEOUT_MS),
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = text === '' ? {} : JSON.parse(text);
    } catch {
      throw new Error(
        `${method} ${new URL(url).origin} answered ${String(response.status)} with a body that is not JSON`,
      );
    }
    const refused = entraErrorSchema.safeParse(body);
    if (refused.success && !NOT_REFUSALS.has(refused.data.error)) {
      this.refusal = { error: refused.data.error, description: refused.data.error_description };
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    // MSAL reads the body by the shape it asked for; it checks the fields it needs itself.
    return { headers, body: body as T, status: response.status };
  }
}
