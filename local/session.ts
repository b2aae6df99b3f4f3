// What a running `npm start` tells the local commands (`npm run upload`): where the bot listens and
// which Playground acts as whom. Written at start, removed at stop.
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { readJsonFile } from './json-file';
import type { RunningSeat } from './stack';

const sessionFile = z.object({
  messagesUrl: z.url(),
  walkFolder: z.string(),
  playgrounds: z
    .array(
      z.object({
        name: z.string(),
        userId: z.string(),
        url: z.url(),
        serviceUrl: z.url(),
        personalChatId: z.string(),
      }),
    )
    .min(1),
});

/** A running `npm start`, as its session file describes it. */
export type LocalSession = z.infer<typeof sessionFile>;

/** Raised when no `npm start` runs, or its session file cannot be read. */
export class NoLocalSessionError extends Error {
  override name = 'NoLocalSessionError';
}

/** The session file of the local stack whose data lives in `dataDir`. */
export function sessionPath(dataDir: string): string {
  return path.join(dataDir, 'session.json');
}

export async function writeSession(
  dataDir: string,
  stack: { readonly messagesUrl: string; readonly playgrounds: readonly RunningSeat[] },
  walkFolder: string,
): Promise<void> {
  const session: LocalSession = {
    messagesUrl: stack.messagesUrl,
    walkFolder,
    playgrounds: stack.playgrounds.map((seat) => ({
      name: seat.user.name,
      userId: seat.user.id,
      url: seat.url,
      serviceUrl: seat.serviceUrl,
      personalChatId: seat.personalChatId,
    })),
  };
  await writeFile(sessionPath(dataDir), `${JSON.stringify(session, null, 2)}\n`);
}

export async function removeSession(dataDir: string): Promise<void> {
  await rm(sessionPath(dataDir), { force: true });
}

export async function readSession(dataDir: string): Promise<LocalSession> {
  const read = await readJsonFile(sessionPath(dataDir), sessionFile);
  if (read.ok) return read.value;
  throw new NoLocalSessionError(
    read.reason === 'missing'
      ? 'The bot is not running locally: start it with `npm start` in another terminal first.'
      : `${sessionPath(dataDir)} is not what \`npm start\` writes; restart \`npm start\`.`,
  );
}
