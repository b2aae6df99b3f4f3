// The floor of the turn and cold-start benchmarks: a bare botbuilder echo bot, registered as an
// Azure Functions v4 entry file at the app's route, on the app's CloudAdapter (bot/adapter.ts, with
// the authentication the same settings give the app) and the app's HTTP bridge. Whatever the app
// spends beyond this is the app's own. The local runtime loads it as it loads the app's entry
// files: `startLocalRuntime({ entryFiles: [<this file>] })` (local/runtime.ts).
import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import {
  ActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type CloudAdapter,
  type TurnContext,
} from 'botbuilder';
import { createAdapter } from '../../bot/adapter';
import { processBotRequest } from '../../bot/http-bridge';
import { parseJsonBody } from '../../bot/json-body';
import { MAX_ACTIVITY_BYTES, readBoundedBody } from '../../bot/request-body';
import { getConfig } from '../../platform/config';
import { createConsoleLogger } from '../../platform/console-logger';

/** Says back what it was sent; answers a card action with a one-line card. */
class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`Echo: ${context.activity.text}`);
      await next();
    });
  }

  protected override onAdaptiveCardInvoke(
    _context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    return Promise.resolve({
      statusCode: 200,
      type: 'application/vnd.microsoft.card.adaptive',
      value: {
        type: 'AdaptiveCard',
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        version: '1.4',
        body: [{ type: 'TextBlock', text: `Echo: ${invokeValue.action.verb}`, wrap: true }],
      },
    });
  }
}

// Built on first use, as the app builds its services: settings are read then, not at load.
let runtime: { adapter: CloudAdapter; bot: EchoBot } | undefined;

async function messages(request: HttpRequest): Promise<HttpResponseInit> {
  let body: unknown;
  if (request.method === 'POST') {
    const read = await readBoundedBody(request.headers.get('content-length'), request.body);
    if (!read.ok) {
      return {
        status: 413,
        headers: { 'content-type': 'text/plain' },
        body: `The request body is larger than ${String(MAX_ACTIVITY_BYTES / 1024)} KiB.`,
      };
    }
    body = parseJsonBody(read.text);
  }
  runtime ??= {
    adapter: createAdapter(getConfig().auth, createConsoleLogger('echo-bot')),
    bot: new EchoBot(),
  };
  const result = await processBotRequest(runtime.adapter, runtime.bot, {
    method: request.method,
    headers: Object.fromEntries(request.headers),
    body,
  });
  return {
    status: result.status,
    headers: result.headers,
    ...(result.body === undefined ? {} : { body: result.body }),
  };
}

app.http('messages', {
  route: 'messages',
  methods: ['POST', 'GET', 'HEAD'],
  authLevel: 'anonymous',
  handler: messages,
});
