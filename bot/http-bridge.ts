import type { CloudAdapter, Request, Response, TurnContext } from 'botbuilder';
import { z } from 'zod';

/** An HTTP request to the messaging endpoint, independent of the hosting framework. */
export interface BotHttpRequest {
  readonly method: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The parsed JSON body, or undefined when the body was empty or not JSON. */
  readonly body: unknown;
}

/** The HTTP answer to send back, independent of the hosting framework. */
export interface BotHttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** What the bridge runs for each turn: a botbuilder ActivityHandler, or anything shaped like one. */
export interface TurnHandler {
  run(context: TurnContext): Promise<void>;
}

const ALLOWED_METHODS = 'POST, GET, HEAD';

const activityEnvelope = z.looseObject({ type: z.string().min(1) });

/** Runs one messaging-endpoint request through the adapter and the bot. */
export async function processBotRequest(
  adapter: CloudAdapter,
  bot: TurnHandler,
  request: BotHttpRequest,
): Promise<BotHttpResponse> {
  const method = request.method.toUpperCase();
  if (method === 'HEAD' || method === 'GET') {
    // The Playground sends HEAD on every page load and shows "Connected." once it is answered.
    return { status: 200, headers: {} };
  }
  if (method !== 'POST') {
    return textResponse(405, 'Only POST delivers activities.', { allow: ALLOWED_METHODS });
  }
  const activity = activityEnvelope.safeParse(request.body);
  if (!activity.success) {
    return textResponse(
      400,
      'The request body must be a Bot Framework activity: a JSON object with a "type".',
    );
  }

  const captured = captureResponse();
  const botRequest: Request = {
    method,
    headers: lowerCaseKeys(request.headers),
    body: activity.data,
  };
  // process(), not processActivityDirect(): only process() writes the invoke response back.
  await adapter.process(botRequest, captured.response, (context) => bot.run(context));
  return captured.result();
}

function captureResponse(): { response: Response; result: () => BotHttpResponse } {
  let status = 200;
  let body: unknown;
  const headers: Record<string, string> = {};
  const response: Response = {
    socket: undefined,
    status(code: number) {
      status = code;
      return response;
    },
    header(name: string, value: unknown) {
      headers[name.toLowerCase()] = String(value);
      return response;
    },
    send(...args: unknown[]) {
      body = args[0];
      return response;
    },
    end() {
      return response;
    },
  };
  return {
    response,
    result: () => toHttpResponse(status, headers, body),
  };
}

function toHttpResponse(
  status: number,
  headers: Readonly<Record<string, string>>,
  body: unknown,
): BotHttpResponse {
  // On a failed turn CloudAdapter sends the raw error message as the body; callers get a plain
  // status text instead, and the details stay in the logs.
  if (status === 401) {
    return textResponse(401, 'Unauthorized.', headers);
  }
  if (status >= 500 && typeof body === 'string') {
    return textResponse(status, 'The bot could not process the activity.', headers);
  }
  if (body === undefined || body === null) {
    return { status, headers };
  }
  if (typeof body === 'string') {
    return textResponse(status, body, headers);
  }
  return {
    status,
    headers: { ...headers, 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
  };
}

function textResponse(
  status: number,
  text: string,
  headers: Readonly<Record<string, string>> = {},
): BotHttpResponse {
  return {
    status,
    headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' },
    body: text,
  };
}

function lowerCaseKeys(
  headers: Readonly<Record<string, string | undefined>>,
): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
}
