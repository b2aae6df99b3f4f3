import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { z } from 'zod';
import { personalChatIdOf } from '../../local/scenario/playground-identities';
import type { TeamsUser } from './playground-people';
import type { CardAction } from './sent-activity';

const fixtureFile = z.object({ activity: z.record(z.string(), z.unknown()) });

/** A Playground activity fixture with its serviceUrl pointed at a loopback connector. */
export function loadPlaygroundActivity(
  name: string,
  serviceUrl: string,
  changes: Readonly<Record<string, unknown>> = {},
): Record<string, unknown> {
  const path = join(__dirname, '..', 'fixtures', 'playground-activities', name);
  const { activity } = fixtureFile.parse(JSON.parse(readFileSync(path, 'utf8')));
  return { ...activity, serviceUrl, ...changes };
}

/** Where an activity comes from: who sends it, from which tenant, in which conversation. */
export interface Chat {
  readonly user: TeamsUser;
  readonly tenantId: string;
  readonly conversationId: string;
}

/** A user's personal chat with the bot: in their own tenant, as `personal-<user id>`, unless told. */
export function personalChat(
  user: TeamsUser,
  where: { readonly tenantId?: string; readonly conversationId?: string } = {},
): Chat {
  return {
    user,
    tenantId: where.tenantId ?? user.tenant,
    conversationId: where.conversationId ?? personalChatIdOf(user.id),
  };
}

/** A fixture activity (captured from the Playground) as `chat`'s user sends it, with its own id. */
function playgroundActivityIn(
  chat: Chat,
  fixture: string,
  serviceUrl: string,
  changes: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const { user, tenantId, conversationId } = chat;
  return loadPlaygroundActivity(fixture, serviceUrl, {
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
    conversation: { conversationType: 'personal', tenantId, id: conversationId },
    channelData: { tenant: { id: tenantId } },
    ...changes,
  });
}

/** Text typed in the chat. */
export function messageActivity(
  chat: Chat,
  serviceUrl: string,
  id: string,
  text: string,
): Record<string, unknown> {
  return playgroundActivityIn(chat, 'message.personal.json', serviceUrl, { id, text });
}

/** An Action.Submit click (a form sent): a message whose value is the card data and its inputs. */
export function submitActivity(
  chat: Chat,
  serviceUrl: string,
  id: string,
  value: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  return playgroundActivityIn(chat, 'message.action-submit.personal.json', serviceUrl, {
    id,
    value,
  });
}

/** An Action.Execute click: the `adaptiveCard/action` invoke Teams sends. */
export function executeActivity(
  chat: Chat,
  serviceUrl: string,
  id: string,
  action: CardAction,
): Record<string, unknown> {
  const { title, verb, data } = action;
  return playgroundActivityIn(chat, 'invoke.adaptiveCard-action.personal.json', serviceUrl, {
    id,
    value: { action: { type: 'Action.Execute', title, verb, data } },
  });
}

/** A file sent in the chat, as Teams sends it after an upload: a `file.download.info` attachment. */
export function fileActivity(
  chat: Chat,
  serviceUrl: string,
  id: string,
  file: { readonly name: string; readonly downloadUrl: string; readonly uniqueId: string },
): Record<string, unknown> {
  const { name, downloadUrl, uniqueId } = file;
  return playgroundActivityIn(chat, 'message.custom-activity.file-download-info.json', serviceUrl, {
    id,
    attachments: [
      {
        contentType: 'application/vnd.microsoft.teams.file.download.info',
        // Teams puts the SharePoint address here; the bot must use downloadUrl.
        contentUrl: `https://contoso.sharepoint.example/personal/Documents/Applications/${name}`,
        name,
        content: { downloadUrl, uniqueId, fileType: extname(name).slice(1), etag: '1' },
      },
    ],
  });
}

/** POSTs an activity to a bot's messaging endpoint, as the channel does (with a token if given). */
export function postActivity(
  messagesUrl: string,
  activity: Readonly<Record<string, unknown>>,
  options: { readonly authorization?: string | undefined } = {},
): Promise<Response> {
  return fetch(messagesUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.authorization === undefined ? {} : { authorization: options.authorization }),
    },
    body: JSON.stringify(activity),
  });
}
