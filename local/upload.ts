// Sends a file to the running local bot as Teams does after an upload in a personal chat: a message
// with a `file.download.info` attachment whose downloadUrl the bot fetches. The Agents Playground
// cannot attach files, so this stands in for its paper clip; the bot's answer shows in that
// person's Playground, in the same chat.
import { randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { startFileServer } from './scenario/file-server';
import { playgroundUsers } from './scenario/playground-identities';
import { fileActivity } from './scenario/teams-activities';
import type { LocalSession } from './session';

/** Raised when the file cannot be sent; the message says why and what to do. */
export class UploadError extends Error {
  override name = 'UploadError';
}

export interface UploadResult {
  readonly name: string;
  readonly to: string;
  /** Whether the bot downloaded the file. */
  readonly downloaded: boolean;
}

/** How long to wait for the bot's download after its answer to the message (it downloads first). */
const DOWNLOAD_WAIT_MS = 10_000;

/**
 * Finds `file` as given, or else by name in the walk's folder (`npm run upload -- 02-sign-in-answers.json`).
 */
export async function resolveUploadFile(file: string, session: LocalSession): Promise<string> {
  for (const candidate of [path.resolve(file), path.join(session.walkFolder, file)]) {
    const found = await stat(candidate).catch(() => undefined);
    if (found?.isFile() === true) return candidate;
  }
  throw new UploadError(`There is no file ${file} (nor ${path.join(session.walkFolder, file)}).`);
}

type Seat = LocalSession['playgrounds'][number];

/** The Playground that acts as `name` (any part of the display name, any case); the first by default. */
export function seatOf(session: LocalSession, name: string | undefined): Seat {
  const wanted = name?.trim().toLowerCase() ?? '';
  const seat = session.playgrounds.find((candidate) =>
    candidate.name.toLowerCase().includes(wanted),
  );
  if (seat === undefined) {
    const names = session.playgrounds.map((candidate) => candidate.name).join(', ');
    throw new UploadError(`No Playground acts as ${name ?? ''}; the running ones are ${names}.`);
  }
  return seat;
}

/** Uploads `file` into the personal chat of the Playground acting as `as` (default: the first). */
export async function uploadToChat(
  session: LocalSession,
  file: string,
  as?: string,
  options: { readonly downloadWaitMs?: number } = {},
): Promise<UploadResult> {
  const seat = seatOf(session, as);
  const user = playgroundUsers.find((candidate) => candidate.id === seat.userId);
  if (user === undefined)
    throw new UploadError(`${seat.name} is not one of the Playground's people.`);
  const filePath = await resolveUploadFile(file, session);
  const name = path.basename(filePath);
  const files = await startFileServer(() => new Date());
  try {
    const downloadUrl = files.offer(name, await readFile(filePath));
    const activity = fileActivity(
      {
        user,
        place: { kind: 'personal', user },
        conversationId: seat.personalChatId,
        serviceUrl: seat.serviceUrl,
        at: new Date(),
        id: randomUUID(),
      },
      { name, downloadUrl, uniqueId: randomUUID().toUpperCase() },
    );
    let response: Response;
    try {
      response = await fetch(session.messagesUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
    } catch {
      throw new UploadError(
        `The bot does not answer at ${session.messagesUrl}: is \`npm start\` still running?`,
      );
    }
    if (!response.ok) {
      throw new UploadError(`The bot answered HTTP ${String(response.status)} to the upload.`);
    }
    const deadline = Date.now() + (options.downloadWaitMs ?? DOWNLOAD_WAIT_MS);
    while (files.downloads.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return { name, to: seat.name, downloaded: files.downloads.length > 0 };
  } finally {
    await files.close();
  }
}
