import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listenOnLoopback, type LoopbackListener } from '../../local/loopback-listener';
import {
  NoLocalSessionError,
  readSession,
  sessionPath,
  type LocalSession,
} from '../../local/session';
import { UploadError, uploadToChat } from '../../local/upload';

// `npm run upload` stands in for the Playground's missing paper clip: it must send what Teams sends
// after an upload, into the chat of the Playground acting as that person, and say plainly when it
// cannot. The bot here is a loopback stand-in that downloads the file as the real one does.

interface Received {
  activity: Record<string, unknown>;
  downloaded: string | undefined;
}

describe('npm run upload', () => {
  let dir = '';
  let bot: LoopbackListener | undefined;
  const received: Received[] = [];
  let session: LocalSession;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'upload-'));
    received.length = 0;
    bot = await listenOnLoopback((request) => {
      const activity = JSON.parse(request.body.toString('utf8')) as Record<string, unknown>;
      received.push({ activity, downloaded: undefined });
      return { status: 200 };
    });
    session = {
      messagesUrl: `${bot.origin}/api/messages`,
      walkFolder: path.join(dir, 'first-migration'),
      playgrounds: [
        {
          name: 'Alex Wilber',
          userId: 'user-id-0',
          url: 'http://localhost:56150',
          serviceUrl: 'http://localhost:56150/_connector',
          personalChatId: 'personal-user-id-0',
        },
        {
          name: 'Megan Bowen',
          userId: 'user-id-1',
          url: 'http://localhost:56151',
          serviceUrl: 'http://localhost:56151/_connector',
          personalChatId: 'personal-user-id-1',
        },
      ],
    };
  });

  afterEach(async () => {
    await bot?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("sends a file.download.info attachment into Megan's chat, with her Playground's connector, and serves the bytes", async () => {
    const file = path.join(dir, 'Applied-SynchronizationPolicy.json');
    await writeFile(file, '{"a": 1}');
    // The stand-in bot downloads the file it was told of, as the real one does.
    await bot?.close();
    bot = await listenOnLoopback((request) => {
      const activity = JSON.parse(request.body.toString('utf8')) as Record<string, unknown>;
      const entry: Received = { activity, downloaded: undefined };
      received.push(entry);
      const [attachment] = activity.attachments as { content: { downloadUrl: string } }[];
      void fetch(attachment?.content.downloadUrl ?? '')
        .then((response) => response.text())
        .then((text) => {
          entry.downloaded = text;
        });
      return { status: 200 };
    });
    session = { ...session, messagesUrl: `${bot.origin}/api/messages` };

    const result = await uploadToChat(session, file, 'megan');

    expect(result).toEqual({
      name: 'Applied-SynchronizationPolicy.json',
      to: 'Megan Bowen',
      downloaded: true,
    });
    const [sent] = received;
    expect(sent?.downloaded).toBe('{"a": 1}');
    expect(sent?.activity).toMatchObject({
      type: 'message',
      channelId: 'msteams',
      serviceUrl: 'http://localhost:56151/_connector',
      from: { id: 'user-id-1', name: 'Megan Bowen' },
      conversation: { conversationType: 'personal', id: 'personal-user-id-1' },
      attachments: [
        {
          contentType: 'application/vnd.microsoft.teams.file.download.info',
          name: 'Applied-SynchronizationPolicy.json',
          content: { fileType: 'json' },
        },
      ],
    });
  });

  it("finds a bare file name in the walk's folder, and sends as Alex when no one is named", async () => {
    await writeFile(path.join(dir, 'x.txt'), 'not this one');
    await mkdir(session.walkFolder, { recursive: true });
    await writeFile(path.join(session.walkFolder, '02-sign-in-answers.json'), '{}');
    const result = await uploadToChat(session, '02-sign-in-answers.json', undefined, {
      downloadWaitMs: 200,
    });
    expect(result).toMatchObject({ name: '02-sign-in-answers.json', to: 'Alex Wilber' });
    // This stand-in never downloads: the command says so rather than claiming success.
    expect(result.downloaded).toBe(false);
    expect(received[0]?.activity).toMatchObject({ from: { id: 'user-id-0' } });
  });

  it('says what is wrong, and sends nothing, for a missing file or a person with no Playground', async () => {
    await expect(uploadToChat(session, path.join(dir, 'nope.json'))).rejects.toThrow(
      /There is no file .*nope\.json/,
    );
    await writeFile(path.join(dir, 'a.json'), '{}');
    await expect(uploadToChat(session, path.join(dir, 'a.json'), 'Patti')).rejects.toThrow(
      new UploadError(
        'No Playground acts as Patti; the running ones are Alex Wilber, Megan Bowen.',
      ),
    );
    expect(received).toEqual([]);
  });

  it('says the bot is not running when nothing answers at its endpoint', async () => {
    await writeFile(path.join(dir, 'a.json'), '{}');
    await bot?.close();
    await expect(uploadToChat(session, path.join(dir, 'a.json'))).rejects.toThrow(
      /The bot does not answer at .*: is `npm start` still running\?/,
    );
  });

  it('tells to run npm start when there is no session, or one it did not write', async () => {
    await expect(readSession(dir)).rejects.toThrow(
      new NoLocalSessionError(
        'The bot is not running locally: start it with `npm start` in another terminal first.',
      ),
    );
    await writeFile(sessionPath(dir), '{"messagesUrl": 3');
    await expect(readSession(dir)).rejects.toThrow(/is not what `npm start` writes/);
    await writeFile(sessionPath(dir), JSON.stringify({ ...session, playgrounds: [] }));
    await expect(readSession(dir)).rejects.toThrow(/is not what `npm start` writes/);
    await writeFile(sessionPath(dir), JSON.stringify(session));
    await expect(readSession(dir)).resolves.toEqual(session);
  });
});
