import { appNow } from '../platform/clock';
import { randomUUID } from 'node:crypto';
import {
  app,
  type HttpRequest,
  type HttpResponseInit,
  type InvocationContext,
} from '@azure/functions';
import * as df from 'durable-functions';
import { processBotRequest } from '../bot/http-bridge';
import { parseJsonBody } from '../bot/json-body';
import { MAX_ACTIVITY_BYTES, readBoundedBody } from '../bot/request-body';
import { withMigrationServices } from '../bot/migration-services';
import { ConfigError } from '../platform/config';
import { unlessGraphSettingsBroken } from '../platform/graph-client';
import { getGraphPeopleForTurns } from '../platform/graph-people';
import { appServices, type AppServices } from './app-services';
import { DurableMigrationControl } from './durable-migration-control';

async function messages(
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  // Bounded before anything else: no service, parse or authentication for a body no activity has.
  let body: unknown;
  if (request.method === 'POST') {
    const read = await readBoundedBody(request.headers.get('content-length'), request.body);
    if (!read.ok) {
      return {
        status: 413,
        headers: { 'content-type': 'text/plain' },
        body: `The request body is larger than any Teams activity (${String(MAX_ACTIVITY_BYTES / 1024)} KiB at most).`,
      };
    }
    body = parseJsonBody(read.text);
  }
  let services: AppServices;
  try {
    services = appServices();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return refuseUnconfigured(error, context);
  }
  // The durable client belongs to this invocation, so the bot gets its services per request.
  const bot = withMigrationServices(services.bot.bot, {
    control: new DurableMigrationControl(df.getClient(context)),
    references: services.references,
    registry: services.registry,
    evidence: services.evidence,
    audit: services.audit,
    turns: services.turns,
    // Settings Graph cannot use leave names from the directory out; the settings report names them.
    directory: unlessGraphSettingsBroken(getGraphPeopleForTurns),
    allowInsecureDownloads: services.localMode,
    timing: {
      reminderAfterHours: services.settings.reminderAfterHours,
      approvalReminderHours: services.settings.approvalReminderHours,
      escalateAfterHours: services.settings.escalateAfterHours,
      approvalExpiresAfterHours: services.settings.approvalExpiresAfterHours,
    },
    escalationChannelId: services.settings.escalationChannelId,
    newMigrationId: () => randomUUID(),
    now: appNow,
    settingsProblems: services.settingsProblems,
  });
  const result = await processBotRequest(services.bot.adapter, bot, {
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

let refusalLogged: string | undefined;

/**
 * Settings the bot cannot serve with (no bot id and no local-only setting, above all): every
 * activity gets 503 with the settings to fix, by name only. Logged once per problem set, not per
 * request, since Teams retries.
 */
function refuseUnconfigured(error: ConfigError, context: InvocationContext): HttpResponseInit {
  if (refusalLogged !== error.message) {
    refusalLogged = error.message;
    context.error('The bot refuses to serve until its settings are fixed', {
      problems: error.problems,
    });
  }
  return {
    status: 503,
    jsonBody: {
      error: 'The bot is not configured to serve: fix the settings named in problems.',
      problems: error.problems,
    },
  };
}

app.http('messages', {
  route: 'messages',
  methods: ['POST', 'GET', 'HEAD'],
  authLevel: 'anonymous',
  extraInputs: [df.input.durableClient()],
  handler: messages,
});
