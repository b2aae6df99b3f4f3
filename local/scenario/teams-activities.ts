// Activities shaped like those the Agents Playground sends (real captures in
// shared/fixtures/playground-activities/): the same fields, with the scenario's people, places and
// virtual time.
import type { Place } from './scenario-file';
import {
  conversationBase,
  personalChatIdOf,
  playgroundBot,
  type TeamsUser,
} from './playground-identities';

type Activity = Record<string, unknown>;

/** What every activity of one step shares. */
export interface ActivityContext {
  readonly user: TeamsUser;
  readonly place: Place;
  /** The conversation id to use; a channel post opens a thread, a card action stays in its own. */
  readonly conversationId: string;
  readonly serviceUrl: string;
  readonly at: Date;
  readonly id: string;
}

/** The conversation id of a place: a personal chat per user, or the chat or channel's own id. */
export function conversationIdOf(place: Place): string {
  return place.kind === 'personal' ? personalChatIdOf(place.user.id) : place.id;
}

/** The place a conversation id belongs to: channel threads (`<channel>;messageid=...`) included. */
export function placeOfConversation(
  conversationId: string,
  places: readonly Place[],
): Place | undefined {
  const base = conversationBase(conversationId);
  return places.find((place) => conversationIdOf(place) === base);
}

/** How a place reads in a transcript. */
export function placeName(place: Place): string {
  return place.kind === 'personal' ? place.user.name : `#${place.name}`;
}

interface Envelope extends Activity {
  readonly channelData: Readonly<Record<string, unknown>>;
  readonly entities: readonly unknown[];
}

function envelope(context: ActivityContext, type: string): Envelope {
  const { user, place } = context;
  const tenant = place.kind === 'personal' ? user.tenant : place.tenant;
  const conversation =
    place.kind === 'personal'
      ? { conversationType: 'personal', tenantId: tenant, id: context.conversationId }
      : {
          isGroup: true,
          conversationType: place.kind,
          tenantId: tenant,
          id: context.conversationId,
        };
  const channelData: Record<string, unknown> =
    place.kind === 'channel'
      ? {
          teamsChannelId: place.id,
          teamsTeamId: place.id,
          tenant: { id: tenant },
          team: { id: place.id },
          channel: { id: place.id },
        }
      : { tenant: { id: tenant } };
  return {
    type,
    id: context.id,
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
    timestamp: context.at.toISOString(),
    localTimestamp: context.at.toISOString().replace('Z', '+00:00'),
    localTimezone: 'UTC',
    serviceUrl: context.serviceUrl,
    conversation,
    recipient: playgroundBot,
    locale: 'en-US',
    entities: [
      { type: 'clientInfo', locale: 'en-US', country: 'US', platform: 'Web', timezone: 'UTC' },
    ],
    channelData,
    channelId: 'msteams',
  };
}

/** Text typed or pasted in the composer; in a group chat or channel it @mentions the bot first. */
export function messageActivity(context: ActivityContext, text: string): Activity {
  const activity = { ...envelope(context, 'message'), textFormat: 'plain' };
  if (context.place.kind === 'personal') return { ...activity, text };
  // Only messages that @mention the bot reach it outside personal chats.
  const mention = `<at>${playgroundBot.name}</at>`;
  return {
    ...activity,
    text: `${mention} ${text}`,
    entities: [{ type: 'mention', mentioned: playgroundBot, text: mention }, ...activity.entities],
  };
}

/** An Action.Submit click: a message with no text whose value is the card data plus its inputs. */
export function submitActivity(
  context: ActivityContext,
  replyToId: string,
  value: Readonly<Record<string, unknown>>,
): Activity {
  return { ...clickEnvelope(context, 'message', replyToId), value };
}

/** A click on a card sent earlier: it answers that message, from the message source. */
function clickEnvelope(context: ActivityContext, type: string, replyToId: string): Activity {
  const activity = envelope(context, type);
  return {
    ...activity,
    channelData: { ...activity.channelData, source: { name: 'message' } },
    replyToId,
  };
}

/** An Action.Execute click: the `adaptiveCard/action` invoke, without `trigger` as the Playground sends it. */
export function executeActivity(
  context: ActivityContext,
  replyToId: string,
  action: {
    readonly title: string;
    readonly verb: string | undefined;
    readonly data: Readonly<Record<string, unknown>>;
  },
): Activity {
  return {
    ...clickEnvelope(context, 'invoke', replyToId),
    name: 'adaptiveCard/action',
    value: {
      action: {
        type: 'Action.Execute',
        title: action.title,
        ...(action.verb === undefined ? {} : { verb: action.verb }),
        data: action.data,
      },
    },
  };
}

/** A file sent in a personal chat: a `file.download.info` attachment the bot downloads. */
export function fileActivity(
  context: ActivityContext,
  file: { readonly name: string; readonly downloadUrl: string; readonly uniqueId: string },
): Activity {
  const extension = /\.([^.]+)$/.exec(file.name)?.[1] ?? '';
  return {
    ...envelope(context, 'message'),
    text: '',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.teams.file.download.info',
        // Teams puts the SharePoint address here; the bot must use downloadUrl.
        contentUrl: `https://contoso.sharepoint.example/personal/Documents/Applications/${encodeURIComponent(file.name)}`,
        name: file.name,
        content: {
          downloadUrl: file.downloadUrl,
          uniqueId: file.uniqueId,
          fileType: extension,
          etag: '1',
        },
      },
    ],
  };
}

/** What Teams sends when someone adds the app: installationUpdate, then conversationUpdate. */
export function installActivities(context: ActivityContext): [Activity, Activity] {
  // Teams and the Playground send both without the person's name (see the captures).
  const from = { id: context.user.id, aadObjectId: context.user.aadObjectId };
  const install = { ...envelope(context, 'installationUpdate'), from };
  const members =
    context.place.kind === 'personal'
      ? [{ id: context.user.id, aadObjectId: context.user.aadObjectId }, { id: playgroundBot.id }]
      : [{ id: playgroundBot.id }];
  return [
    {
      ...install,
      action: 'add',
      channelData: {
        ...install.channelData,
        source: { name: 'message' },
        settings: { selectedChannel: { id: context.conversationId } },
      },
    },
    {
      ...envelope({ ...context, id: `${context.id}-members` }, 'conversationUpdate'),
      from,
      membersAdded: members,
    },
  ];
}
