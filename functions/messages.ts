import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import * as df from 'durable-functions';
import { createBotRuntime, type BotRuntime } from '../bot/create-bot-runtime';
import { processBotRequest } from '../bot/http-bridge';
import { parseJsonBody } from '../bot/json-body';
import { getConfig } from '../platform/config';
import { createConsoleLogger } from '../platform/console-logger';

// Built on the first request, not at import: a throw while the worker loads this file would
// silently unregister the function.
let runtime: BotRuntime | undefined;

async function messages(request: HttpRequest): Promise<HttpResponseInit> {
  runtime ??= createBotRuntime(getConfig(), createConsoleLogger('bot'));
  const result = await processBotRequest(runtime.adapter, runtime.bot, {
    method: request.method,
    headers: Object.fromEntries(request.headers),
    body: request.method === 'POST' ? parseJsonBody(await request.text()) : undefined,
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
  extraInputs: [df.input.durableClient()],
  handler: messages,
});
