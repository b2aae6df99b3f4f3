import type { IncomingHttpHeaders } from 'node:http';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import type { Clock } from './clock';
import { listenOnLoopback, type LoopbackAnswer, type LoopbackRequest } from './loopback-listener';
import {
  conversationBase,
  personalChatIdOf,
  playgroundUsers,
} from './scenario/playground-identities';

// A loopback stand-in for Teams' Bot Connector that answers where it matters as Teams does: a new
// personal chat only with someone the app is installed for, sends into such a chat refused with
// 403 until it is, member lookups by Teams id, Microsoft Entra object id or sign-in name among the
// people of the conversation's tenant, and refusals (403, 404, 413, 429 with Retry-After, 5xx)
// a test or scenario asks for. Every call is recorded.

/** What the bot asked the connector to do. */
export type ConnectorOperation =
  'send' | 'reply' | 'update' | 'delete' | 'create-conversation' | 'get-member' | 'unsupported';

const attachmentSchema = z.looseObject({
  contentType: z.string(),
  content: z.unknown().optional(),
});

const botActivitySchema = z.looseObject({
  type: z.string().optional(),
  text: z.string().optional(),
  attachments: z.array(attachmentSchema).optional(),
});

/** The parts of an activity the bot sent that hosts and runners read; the rest is kept as sent. */
export type BotActivity = z.infer<typeof botActivitySchema>;

/** One request the bot made to the loopback connector. */
export interface ConnectorCall {
  readonly method: string;
  /** The request target, query string included. */
  readonly path: string;
  readonly pathname: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly operation: ConnectorOperation;
  /** The conversation it went to (or, for a new one, the id the connector gave it). */
  readonly conversationId: string | undefined;
  /** The id the connector gave the activity, or the id of the activity updated or deleted. */
  readonly activityId: string | undefined;
  /** For a reply: the activity it answers. */
  readonly replyToId: string | undefined;
  /** The activity body, when it was one. */
  readonly activity: BotActivity | undefined;
  /** The HTTP status the connector answered. */
  readonly status: number;
  /** For an error answer: its status and Teams' error code, as `403 MessageWritesBlocked`. */
  readonly refusedWith: string | undefined;
  /** Virtual time when it arrived. */
  readonly at: Date;
  /** Arrival order across this process's loopback servers (`performance.now()`). */
  readonly order: number;
}

/** An error Teams' connector answers with instead of taking a message. */
export interface ConnectorRefusal {
  readonly status: number;
  /** Teams' error code, e.g. MessageWritesBlocked. */
  readonly code: string;
  readonly message: string;
  readonly retryAfterSeconds?: number;
}

/** Someone of the tenant, as Teams knows them. */
export interface DirectoryPerson {
  readonly name: string;
  /** Their Teams user id (`29:...` in Teams, `user-id-N` in the Playground). */
  readonly teamsId: string;
  readonly aadObjectId: string;
  /** Their sign-in name, when the test or scenario gave one. */
  readonly upn?: string | undefined;
  readonly tenant: string;
  /** Whether the app is installed for them (personal scope). */
  readonly appInstalled: boolean;
}

/**
 * Who the connector knows. A group chat's or channel's members are the people of its tenant: the
 * tenant declared for it, else the first person's.
 */
export interface ConnectorDirectory {
  readonly people: readonly DirectoryPerson[];
  readonly conversations?: readonly { readonly id: string; readonly tenant: string }[];
}

/** The fake Bot Connector the app's serviceUrl points at. */
export interface LoopbackConnector {
  readonly origin: string;
  /** Every call in arrival order (refused ones included). */
  readonly requests: ConnectorCall[];
  /**
   * Makes the next `times` sends or updates into a conversation (a channel's threads included)
   * answer with `refusal`.
   */
  refuseNext(conversationId: string, refusal: ConnectorRefusal, times?: number): void;
  /** Installs the app for a person (by Teams id or object id), as opening the bot does. */
  install(personId: string): void;
  /**
   * Makes a conversation known, as an activity from it shows it exists; messages into one the
   * connector never knew are answered 404, as Teams answers a conversation it does not know.
   */
  know(conversationId: string): void;
  /** The personal chat id of a person: the one a new chat with them gets. */
  personalChatId(person: Pick<DirectoryPerson, 'teamsId'>): string;
  close(): Promise<void>;
}

/** Where the app's serviceUrl points on the connector. */
export const connectorPrefix = '/_connector';

const activitiesPath = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;
const conversationsPath = /^\/v3\/conversations\/?$/;
// A conversation's member, or a team's (TeamsInfo asks the team in a channel it knows the team of).
const memberPath = /^\/v3\/(?:conversations|teams)\/([^/]+)\/members\/([^/]+)\/?$/;

/** The Playground's people, with the app installed for each. */
export const playgroundDirectory: ConnectorDirectory = {
  people: playgroundUsers.map((user) => ({
    name: user.name,
    teamsId: user.id,
    aadObjectId: user.aadObjectId,
    tenant: user.tenant,
    appInstalled: true,
  })),
};

const createSchema = z.looseObject({
  members: z.array(z.looseObject({ id: z.string() })).optional(),
  tenantId: z.string().optional(),
  channelData: z.looseObject({ tenant: z.looseObject({ id: z.string() }).optional() }).optional(),
});

function teamsError(status: number, code: string, message: string): LoopbackAnswer {
  return { status, json: { error: { code, message } } };
}

/** Teams' limit on a bot message: about 100 KB of UTF-16. */
export const messageSizeLimit = 100 * 1024;

const notInRoster = teamsError(
  403,
  'BotNotInConversationRoster',
  'The bot is not part of the conversation roster.',
);

/** Starts the connector on a free loopback port. */
export async function startTeamsConnector(
  clock: Clock,
  directory: ConnectorDirectory = playgroundDirectory,
): Promise<LoopbackConnector> {
  const requests: ConnectorCall[] = [];
  const refusals = new Map<string, ConnectorRefusal[]>();
  const people = directory.people.map((person) => ({ ...person }));
  const personalChatId = (person: Pick<DirectoryPerson, 'teamsId'>): string =>
    personalChatIdOf(person.teamsId);
  const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
  // Indexed once: every call looks people up, and a directory may hold thousands of tenants' people.
  // The first person in directory order wins, as a search through the list would find them.
  const byId = new Map<string, DirectoryPerson>();
  const byChat = new Map<string, DirectoryPerson>();
  const byTenant = new Map<string, DirectoryPerson[]>();
  for (const person of people) {
    for (const id of [person.teamsId, person.aadObjectId]) {
      if (!byId.has(id.toLowerCase())) byId.set(id.toLowerCase(), person);
    }
    if (!byChat.has(personalChatId(person))) byChat.set(personalChatId(person), person);
    byTenant.set(person.tenant, [...(byTenant.get(person.tenant) ?? []), person]);
  }
  const tenantOfConversation = new Map<string, string>();
  for (const conversation of directory.conversations ?? []) {
    if (!tenantOfConversation.has(conversation.id))
      tenantOfConversation.set(conversation.id, conversation.tenant);
  }
  const findPerson = (id: string): DirectoryPerson | undefined => byId.get(id.toLowerCase());
  const ownerOfChat = (conversationId: string): DirectoryPerson | undefined =>
    byChat.get(conversationId);
  const known = new Set([
    ...people.map(personalChatId),
    ...(directory.conversations ?? []).map((conversation) => conversation.id),
  ]);
  let issued = 0;

  const answer = (call: PartialCall, body: string): LoopbackAnswer => {
    const base =
      call.conversationId === undefined ? undefined : conversationBase(call.conversationId);
    const refusal =
      base === undefined || !['send', 'reply', 'update'].includes(call.operation)
        ? undefined
        : refusals.get(base)?.shift();
    if (refusal !== undefined) {
      return {
        ...teamsError(refusal.status, refusal.code, refusal.message),
        ...(refusal.retryAfterSeconds === undefined
          ? {}
          : { headers: { 'retry-after': String(refusal.retryAfterSeconds) } }),
      };
    }
    switch (call.operation) {
      case 'send':
      case 'reply':
      case 'update': {
        // Teams takes a bot message of up to about 100 KB, counted in UTF-16 (Learn, Format your
        // bot messages); a larger one is refused.
        if (Buffer.byteLength(body, 'utf16le') > messageSizeLimit) {
          return teamsError(413, 'MessageSizeTooBig', 'Message size too large.');
        }
        if (base === undefined || !known.has(base)) {
          return teamsError(404, 'ConversationNotFound', 'Conversation not found.');
        }
        // A personal chat takes messages only while the app is installed for its person.
        const owner = ownerOfChat(base);
        if (owner !== undefined && !owner.appInstalled) return notInRoster;
        return { status: 200, json: { id: call.activityId } };
      }
      case 'delete':
        return base !== undefined && known.has(base)
          ? { status: 200 }
          : teamsError(404, 'ConversationNotFound', 'Conversation not found.');
      case 'create-conversation':
        return createConversation(body);
      case 'get-member':
        return getMember(call.pathname);
      case 'unsupported':
        return teamsError(
          404,
          'NotSupported',
          `The loopback connector does not implement ${call.method} ${call.pathname}.`,
        );
    }
  };

  const createConversation = (body: string): LoopbackAnswer => {
    let parameters: z.infer<typeof createSchema>;
    try {
      parameters = createSchema.parse(JSON.parse(body));
    } catch {
      return teamsError(400, 'BadArgument', 'The request body is not a conversation.');
    }
    const [member, ...others] = parameters.members ?? [];
    if (member === undefined || others.length > 0) {
      return teamsError(400, 'BadArgument', 'A personal chat needs exactly one member.');
    }
    const tenant = parameters.tenantId ?? parameters.channelData?.tenant?.id;
    const person = findPerson(member.id);
    // Teams cannot address anyone by sign-in name here, nor anyone outside the tenant.
    if (person === undefined || (tenant !== undefined && !same(tenant, person.tenant))) {
      return teamsError(400, 'BadArgument', 'Invalid user identity in provided tenant.');
    }
    if (!person.appInstalled) return notInRoster;
    return { status: 201, json: { id: personalChatId(person) } };
  };

  const getMember = (pathname: string): LoopbackAnswer => {
    const route = memberPath.exec(pathname.slice(connectorPrefix.length));
    const conversationId = conversationBase(decodeURIComponent(route?.[1] ?? ''));
    const userId = decodeURIComponent(route?.[2] ?? '');
    const owner = ownerOfChat(conversationId);
    // A personal chat's roster is its person; a group chat's or channel's, its tenant's people.
    const tenant = owner?.tenant ?? tenantOfConversation.get(conversationId) ?? people[0]?.tenant;
    const roster =
      owner === undefined ? (tenant === undefined ? [] : (byTenant.get(tenant) ?? [])) : [owner];
    const member = roster.find(
      (person) =>
        same(person.teamsId, userId) ||
        same(person.aadObjectId, userId) ||
        (person.upn !== undefined && same(person.upn, userId)),
    );
    if (tenant === undefined)
      return teamsError(404, 'ConversationNotFound', 'Conversation not found.');
    if (member === undefined) {
      return teamsError(404, 'MemberNotFoundInConversation', 'The member was not found.');
    }
    const [givenName, ...rest] = member.name.split(' ');
    return {
      status: 200,
      json: {
        id: member.teamsId,
        name: member.name,
        aadObjectId: member.aadObjectId,
        givenName,
        surname: rest.join(' '),
        ...(member.upn === undefined ? {} : { email: member.upn, userPrincipalName: member.upn }),
        tenantId: member.tenant,
        userRole: 'user',
      },
    };
  };

  const listener = await listenOnLoopback((request) => {
    const partial = connectorCall(request, clock.now(), () => `activity-${String(++issued)}`);
    const reply = answer(partial, partial.body);
    const created =
      partial.operation === 'create-conversation' && reply.status < 300
        ? z.object({ id: z.string() }).parse(reply.json).id
        : undefined;
    const code = z.object({ error: z.object({ code: z.string() }) }).safeParse(reply.json).data
      ?.error.code;
    requests.push({
      ...partial,
      status: reply.status,
      refusedWith:
        reply.status < 400
          ? undefined
          : `${String(reply.status)}${code === undefined ? '' : ` ${code}`}`,
      ...(created === undefined ? {} : { conversationId: created }),
    });
    return reply;
  });
  return {
    origin: listener.origin,
    requests,
    refuseNext(conversationId, refusal, times = 1) {
      const base = conversationBase(conversationId);
      refusals.set(base, [
        ...(refusals.get(base) ?? []),
        ...Array.from({ length: times }, () => refusal),
      ]);
    },
    know(conversationId) {
      known.add(conversationBase(conversationId));
    },
    install(personId) {
      const person = findPerson(personId);
      if (person === undefined) throw new Error(`The connector knows nobody as ${personId}.`);
      (person as { appInstalled: boolean }).appInstalled = true;
    },
    personalChatId,
    close: () => listener.close(),
  };
}

type PartialCall = Omit<ConnectorCall, 'status' | 'refusedWith'>;

function connectorCall(request: LoopbackRequest, at: Date, newId: () => string): PartialCall {
  const body = request.body.toString('utf8');
  const inner = request.pathname.startsWith(`${connectorPrefix}/`)
    ? request.pathname.slice(connectorPrefix.length)
    : undefined;
  const route = inner === undefined ? null : activitiesPath.exec(inner);
  const conversationId = route?.[1] === undefined ? undefined : decodeURIComponent(route[1]);
  const target = route?.[2] === undefined ? undefined : decodeURIComponent(route[2]);
  const operation = operationOf(request.method, inner, route !== null, target);
  const activityId =
    operation === 'send' || operation === 'reply'
      ? newId()
      : operation === 'update' || operation === 'delete'
        ? target
        : undefined;
  return {
    method: request.method,
    path: request.path,
    pathname: request.pathname,
    headers: request.headers,
    body,
    operation,
    conversationId,
    activityId,
    replyToId: operation === 'reply' ? target : undefined,
    activity: parseActivity(body),
    at,
    order: performance.now(),
  };
}

function operationOf(
  method: string,
  inner: string | undefined,
  isActivities: boolean,
  target: string | undefined,
): ConnectorOperation {
  if (inner !== undefined && method === 'POST' && conversationsPath.test(inner)) {
    return 'create-conversation';
  }
  if (inner !== undefined && method === 'GET' && memberPath.test(inner)) return 'get-member';
  if (!isActivities) return 'unsupported';
  if (method === 'POST') return target === undefined ? 'send' : 'reply';
  if (method === 'PUT' && target !== undefined) return 'update';
  if (method === 'DELETE' && target !== undefined) return 'delete';
  return 'unsupported';
}

function parseActivity(body: string): BotActivity | undefined {
  if (body === '') return undefined;
  try {
    const parsed = botActivitySchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : undefined;
  } catch (error) {
    // A body that is not JSON is recorded as it came; the transcript shows it without an activity.
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}
