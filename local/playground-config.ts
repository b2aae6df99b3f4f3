import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import {
  personalChatIdOf,
  playgroundBot,
  playgroundTenant,
  playgroundUsers,
  type TeamsUser,
} from './scenario/playground-identities';

/** Where a Playground process runs as someone: its working directory and personal chat. */
export interface PlaygroundIdentity {
  /** The working directory holding `.m365agentsplayground.yml`; pass it as the Playground's cwd. */
  readonly cwd: string;
  readonly user: TeamsUser;
  /** The personal chat's conversation id, pinned by the file so it outlives the process. */
  readonly personalChatId: string;
}

function configUser(user: TeamsUser): Record<string, string> {
  const [givenName = user.name, surname = ''] = user.name.split(' ');
  const login = `${givenName}${surname.slice(0, 1)}`.toLowerCase();
  return {
    id: user.id,
    name: user.name,
    userPrincipleName: `${login}@example.com`,
    aadObjectId: user.aadObjectId,
    givenName,
    surname,
    email: `${login}@example.com`,
  };
}

/**
 * Writes a `.m365agentsplayground.yml` (format 0.1.1, the Playground's built-in file) in which
 * `user`, one of the Playground's six mock people, is the current user and the other five are the
 * `users` (the file needs exactly five). The Playground reads it from its working directory. The
 * personal chat's id is pinned (by default `personal-<user id>`): a restarted Playground keeps the
 * conversation, so the bot's stored references to it still reach it.
 */
export async function writePlaygroundConfig(
  cwd: string,
  user: TeamsUser,
  personalChatId = personalChatIdOf(user.id),
): Promise<PlaygroundIdentity> {
  if (!playgroundUsers.includes(user))
    throw new Error(`${user.name} is not one of the Playground's people`);
  const others = playgroundUsers.filter((candidate) => candidate !== user);
  const config = {
    version: '0.1.1',
    tenantId: playgroundTenant,
    bot: { id: playgroundBot.id, name: playgroundBot.name },
    currentUser: configUser(user),
    users: others.map(configUser),
    personalChat: { id: personalChatId },
    groupChat: { id: `group-chat-of-${user.id}`, name: 'Group Chat' },
    team: {
      id: 'team-id',
      name: 'My Team',
      aadGroupId: '00000000-0000-0000-0000-000000000031',
      channels: [{ id: 'channel-announcements-id', name: 'Announcements' }],
    },
  };
  await mkdir(cwd, { recursive: true });
  await writeFile(path.join(cwd, '.m365agentsplayground.yml'), stringify(config));
  return { cwd, user, personalChatId };
}
