/** A person in a scenario, as Teams names them in activities. */
export interface TeamsUser {
  readonly name: string;
  /** `from.id`: the Teams user id (`29:...` in Teams; `user-id-N` in the Playground). */
  readonly id: string;
  readonly aadObjectId: string;
  readonly tenant: string;
  /** Their sign-in name, when given: Teams' member lookups find them by it. */
  readonly upn?: string | undefined;
  /** False until they open the bot: Teams refuses a personal chat with them. Default: true. */
  readonly appInstalled?: boolean | undefined;
}

// The Agents Playground's defaults (its built-in .m365agentsplayground.yml). These ids are not valid
// GUIDs and carry no 29: prefix; the bot must treat them as opaque strings, as it does locally.

/**
 * The id of someone's personal chat with the bot in the local stand-ins (the scenario runner, the
 * test harness and the loopback connector, which must agree on it).
 */
export function personalChatIdOf(teamsUserId: string): string {
  return `personal-${teamsUserId}`;
}

/**
 * The conversation a thread belongs to: a channel post's conversation id carries the thread after
 * `;messageid=`, and the stand-ins keep track of the channel.
 */
export function conversationBase(conversationId: string): string {
  return conversationId.split(';')[0] ?? conversationId;
}

/** The Playground's tenant. */
export const playgroundTenant = '00000000-0000-0000-0000-0000000000001';

/** The Playground's bot account: every activity's recipient. */
export const playgroundBot = { id: '00000000-0000-0000-0000-00000000000011', name: 'Test Bot' };

/** Alex Wilber: who the Playground acts as, and who a scenario acts as unless it says otherwise. */
export const playgroundCurrentUser: TeamsUser = {
  name: 'Alex Wilber',
  id: 'user-id-0',
  aadObjectId: '00000000-0000-0000-0000-0000000000020',
  tenant: playgroundTenant,
};

function mockUser(name: string, n: number): TeamsUser {
  return {
    name,
    id: `user-id-${String(n)}`,
    aadObjectId: `00000000-0000-0000-0000-00000000000${String(20 + n)}`,
    tenant: playgroundTenant,
  };
}

/** The Playground's current user (first) and its five mock users, by name. */
export const playgroundUsers: readonly TeamsUser[] = [
  playgroundCurrentUser,
  mockUser('Megan Bowen', 1),
  mockUser('Adele Vance', 2),
  mockUser('Isaiah Langer', 3),
  mockUser('Patti Fernandez', 4),
  mockUser('Lynne Robbins', 5),
];

/** One of the Playground's six people, by display name. */
export function playgroundPerson(name: string): TeamsUser {
  const person = playgroundUsers.find((candidate) => candidate.name === name);
  if (person === undefined) {
    const known = playgroundUsers.map((candidate) => candidate.name).join(', ');
    throw new Error(`${name} is not one of the Playground's people (${known}).`);
  }
  return person;
}
