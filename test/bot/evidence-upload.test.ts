import { readFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOfEvidenceFile } from '../../bot/evidence-file-text';
import { EVIDENCE_FILE_TOO_LARGE_MESSAGE } from '../../bot/evidence-limits';
import {
  describeEvidenceFileProblem,
  downloadEvidenceFile,
  evidenceFilesOf,
  type DownloadOptions,
  type EvidenceFile,
  type EvidenceFileProblem,
} from '../../bot/evidence-upload';
import { loadPlaygroundActivity } from '../support/playground-activity';
import { defined } from '../support/defined';

const output = readFileSync(
  join(__dirname, '..', 'fixtures', 'real', '01b-get-adsyncscheduler-staging-ON.txt'),
  'utf8',
);
// What Windows PowerShell 5.1 writes for `Get-ADSyncScheduler | Out-File scheduler.txt`.
const outFileBytes = Buffer.concat([
  Buffer.from([0xff, 0xfe]),
  Buffer.from(output.replaceAll('\n', '\r\n'), 'utf16le'),
]);
const exportJson = JSON.stringify({ policyMetadata: { type: 'Exported' } });
const MAX_BYTES = 4096;

interface StreamedBody {
  chunksWritten: number;
  finished: boolean;
  closedEarly: boolean;
}

let server: Server;
let origin = '';
let closedPort = 0;
const received: string[] = [];
const streamed: StreamedBody = { chunksWritten: 0, finished: false, closedEarly: false };

interface StaticAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
}

const staticAnswers: Readonly<Record<string, StaticAnswer>> = {
  '/download/export.json': {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: exportJson,
  },
  '/download/scheduler.txt': {
    status: 200,
    headers: { 'content-type': 'text/plain' },
    body: outFileBytes,
  },
  '/download/screenshot.png': {
    status: 200,
    headers: { 'content-type': 'image/png' },
    body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
  },
  '/download/big-declared': {
    status: 200,
    headers: { 'content-length': String(MAX_BYTES + 1) },
    body: Buffer.alloc(MAX_BYTES + 1, 0x41),
  },
  '/download/exactly-max': { status: 200, body: Buffer.alloc(MAX_BYTES, 0x41) },
  '/redirect/relative': { status: 302, headers: { location: '/download/export.json' } },
  '/redirect/file': { status: 302, headers: { location: 'file:///etc/passwd' } },
  '/redirect/remote-http': {
    status: 307,
    headers: { location: 'http://files.example.com/export.json' },
  },
  '/redirect/loop': { status: 301, headers: { location: '/redirect/loop' } },
};

/** A loopback file server, as a Teams download link would answer. */
function answer(path: string, response: ServerResponse): void {
  if (path === '/download/big-streamed') {
    streamBigBody(response);
    return;
  }
  if (path === '/download/slow') {
    response.writeHead(200);
    response.write('Result');
    return;
  }
  const { status, headers, body } = staticAnswers[path] ?? { status: 404 };
  response.writeHead(status, headers);
  response.end(body);
}

/** No content-length: only counting while streaming can find out the body is too large. */
function streamBigBody(response: ServerResponse): void {
  Object.assign(streamed, { chunksWritten: 0, finished: false, closedEarly: false });
  response.writeHead(200, { 'content-type': 'text/plain' });
  response.on('close', () => {
    streamed.closedEarly = !streamed.finished;
  });
  const writeNext = (): void => {
    if (response.destroyed) return;
    if (streamed.chunksWritten === 1000) {
      streamed.finished = true;
      response.end();
      return;
    }
    streamed.chunksWritten++;
    response.write(Buffer.alloc(1024, 0x41), () => setTimeout(writeNext, 1));
  };
  writeNext();
}

async function listen(target: Server): Promise<number> {
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  return (target.address() as AddressInfo).port;
}

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    received.push(path);
    answer(path, response);
  });
  origin = `http://127.0.0.1:${await listen(server)}`;
  const probe = createServer();
  closedPort = await listen(probe);
  await new Promise((resolve) => probe.close(resolve));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const local: DownloadOptions = { maxBytes: MAX_BYTES, allowInsecureLoopback: true };

function fileAt(url: string, name = 'evidence.txt'): EvidenceFile {
  return { name, downloadUrl: url };
}

async function problemOf(
  file: EvidenceFile,
  options: DownloadOptions = local,
): Promise<EvidenceFileProblem | 'ok'> {
  const result = await downloadEvidenceFile(file, options);
  return result.ok ? 'ok' : result.problem;
}

describe('finding uploaded files in a message', () => {
  it('reads the file.download.info attachment of the Playground fixture', () => {
    const activity = loadPlaygroundActivity(
      'message.custom-activity.file-download-info.json',
      'http://127.0.0.1:1/_connector',
    );
    expect(evidenceFilesOf(activity)).toEqual([
      {
        name: 'export-users.json',
        downloadUrl: 'http://localhost:3979/download/export-users.json?token=x',
        fileType: 'json',
      },
    ]);
  });

  it('ignores cards, HTML, inline images and malformed file attachments', () => {
    const attachments = [
      { contentType: 'text/html', content: '<p>hi</p>' },
      { contentType: 'application/vnd.microsoft.card.adaptive', content: {} },
      { contentType: 'image/png', contentUrl: 'https://example.com/x.png' },
      { contentType: 'application/vnd.microsoft.teams.file.download.info', name: 'x.json' },
      {
        contentType: 'application/vnd.microsoft.teams.file.download.info',
        name: 'scheduler.txt',
        content: { downloadUrl: 'https://contoso.example/d/1' },
      },
    ];
    expect(evidenceFilesOf({ attachments })).toEqual([
      { name: 'scheduler.txt', downloadUrl: 'https://contoso.example/d/1' },
    ]);
    expect(evidenceFilesOf({})).toEqual([]);
  });
});

describe('downloading an uploaded evidence file', () => {
  it('downloads the fixture attachment from a loopback file server in local mode', async () => {
    const activity = loadPlaygroundActivity(
      'message.custom-activity.file-download-info.json',
      'http://127.0.0.1:1/_connector',
    );
    const file = defined(evidenceFilesOf(activity)[0], 'the file of the fixture activity');
    const url = new URL(file.downloadUrl);
    const result = await downloadEvidenceFile(
      { ...file, downloadUrl: `${origin}/download/export.json${url.search}` },
      local,
    );
    expect(result).toEqual({
      ok: true,
      file: {
        name: 'export-users.json',
        bytes: Buffer.from(exportJson),
        contentType: 'application/json',
      },
    });
  });

  it('decodes a UTF-16 LE file written by Windows PowerShell Out-File', async () => {
    const result = await downloadEvidenceFile(fileAt(`${origin}/download/scheduler.txt`), {
      ...local,
      maxBytes: 1024 * 1024,
    });
    if (!result.ok) throw new Error(`download failed: ${result.problem.kind}`);
    expect(textOfEvidenceFile(result.file.bytes)).toEqual({
      ok: true,
      text: output,
      encoding: 'utf-16le',
    });
  });

  it('refuses a binary file once downloaded', async () => {
    const result = await downloadEvidenceFile(fileAt(`${origin}/download/screenshot.png`), local);
    if (!result.ok) throw new Error(`download failed: ${result.problem.kind}`);
    expect(textOfEvidenceFile(result.file.bytes)).toEqual({ ok: false, problem: 'binary' });
  });

  it('accepts a file of exactly the limit', async () => {
    const result = await downloadEvidenceFile(fileAt(`${origin}/download/exactly-max`), local);
    expect(result.ok && result.file.bytes.length).toBe(MAX_BYTES);
  });

  it('refuses a file whose content-length is over the limit', async () => {
    expect(await problemOf(fileAt(`${origin}/download/big-declared`))).toEqual({
      kind: 'too-large',
      maxBytes: MAX_BYTES,
    });
  });

  it('stops reading a body without content-length as soon as it passes the limit', async () => {
    expect(await problemOf(fileAt(`${origin}/download/big-streamed`))).toEqual({
      kind: 'too-large',
      maxBytes: MAX_BYTES,
    });
    await expect.poll(() => streamed.closedEarly).toBe(true);
    expect(streamed.finished).toBe(false);
    expect(streamed.chunksWritten).toBeLessThan(1000);
  });

  it('reports the HTTP status of a link that does not answer 200', async () => {
    expect(await problemOf(fileAt(`${origin}/download/expired`))).toEqual({
      kind: 'http-status',
      status: 404,
    });
  });

  it('follows a redirect on the same terms and refuses one to another scheme', async () => {
    expect(await problemOf(fileAt(`${origin}/redirect/relative`))).toBe('ok');
    expect(await problemOf(fileAt(`${origin}/redirect/file`))).toEqual({
      kind: 'url-not-allowed',
      reason: 'scheme',
    });
    expect(await problemOf(fileAt(`${origin}/redirect/remote-http`))).toEqual({
      kind: 'url-not-allowed',
      reason: 'insecure-host',
    });
    expect(await problemOf(fileAt(`${origin}/redirect/loop`))).toEqual({
      kind: 'too-many-redirects',
    });
  });

  it('refuses plain http to any host but loopback, and loopback http outside local mode', async () => {
    const production: DownloadOptions = { maxBytes: MAX_BYTES, allowInsecureLoopback: false };
    const before = received.length;
    expect(await problemOf(fileAt('http://files.example.com/export.json'))).toEqual({
      kind: 'url-not-allowed',
      reason: 'insecure-host',
    });
    expect(await problemOf(fileAt(`${origin}/download/export.json`), production)).toEqual({
      kind: 'url-not-allowed',
      reason: 'insecure-host',
    });
    for (const url of ['ftp://127.0.0.1/x', 'file:///etc/passwd', 'data:text/plain,hi']) {
      expect(await problemOf(fileAt(url))).toEqual({ kind: 'url-not-allowed', reason: 'scheme' });
    }
    for (const url of ['not a url', 'https://user:secret@contoso.example/x']) {
      expect(await problemOf(fileAt(url))).toEqual({ kind: 'url-not-allowed', reason: 'invalid' });
    }
    expect(received.length).toBe(before);
  });

  it('gives up after the timeout', async () => {
    expect(
      await problemOf(fileAt(`${origin}/download/slow`), { ...local, timeoutMs: 200 }),
    ).toEqual({ kind: 'timeout', timeoutMs: 200 });
  });

  it('reports a server that does not answer as unreachable', async () => {
    expect(await problemOf(fileAt(`http://127.0.0.1:${closedPort}/x`))).toEqual({
      kind: 'unreachable',
    });
  });

  it('has a message for every problem, without the link', () => {
    const problems: EvidenceFileProblem[] = [
      { kind: 'too-large', maxBytes: MAX_BYTES },
      { kind: 'url-not-allowed', reason: 'scheme' },
      { kind: 'url-not-allowed', reason: 'host-not-allowed' },
      { kind: 'url-not-allowed', reason: 'address-not-allowed' },
      { kind: 'too-many-redirects' },
      { kind: 'http-status', status: 404 },
      { kind: 'timeout', timeoutMs: 10_000 },
      { kind: 'unreachable' },
    ];
    const messages = problems.map(describeEvidenceFileProblem);
    expect(messages[0]).toBe(EVIDENCE_FILE_TOO_LARGE_MESSAGE);
    expect(messages[1]).toContain('I read only files uploaded to Teams');
    expect(messages[2]).toBe(messages[1]);
    expect(messages[3]).toBe(messages[1]);
    expect(messages[5]).toContain('404');
    expect(messages[6]).toContain('10 seconds');
    for (const message of messages) expect(message).not.toMatch(/https?:/);
  });
});
