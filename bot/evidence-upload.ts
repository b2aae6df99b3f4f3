import type { LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { lookupOnly, PUBLIC_NETWORK, type DownloadNetwork } from './download-address';
import type { Logger } from './logger';
import { readAtMost } from './request-body';
import { isTeamsFileHost } from './teams-file-hosts';
import {
  EVIDENCE_DOWNLOAD_TIMEOUT_MS,
  EVIDENCE_FILE_TOO_LARGE_MESSAGE,
  MAX_EVIDENCE_FILE_BYTES,
} from './evidence-limits';

/** The attachment type Teams uses for a file uploaded in a personal chat with a bot. */
export const FILE_DOWNLOAD_INFO_CONTENT_TYPE = 'application/vnd.microsoft.teams.file.download.info';

/** A file attached to a message, as Teams offers it for download. */
export interface EvidenceFile {
  readonly name: string;
  /** Pre-authenticated and short-lived; it carries a token, so it is never logged. */
  readonly downloadUrl: string;
  /** The extension Teams reports, without a dot (`json`, `txt`). */
  readonly fileType?: string;
}

const fileDownloadInfoSchema = z.looseObject({
  contentType: z.literal(FILE_DOWNLOAD_INFO_CONTENT_TYPE),
  name: z.string().min(1),
  content: z.looseObject({
    downloadUrl: z.string().min(1),
    fileType: z.string().optional(),
  }),
});

/** The uploaded files of a message; other attachments (cards, HTML, images) are not files. */
export function evidenceFilesOf(message: {
  readonly attachments?: readonly unknown[] | undefined;
}): EvidenceFile[] {
  return (message.attachments ?? []).flatMap((attachment) => {
    const parsed = fileDownloadInfoSchema.safeParse(attachment);
    if (!parsed.success) return [];
    const { name, content } = parsed.data;
    return [
      {
        name,
        downloadUrl: content.downloadUrl,
        ...(content.fileType === undefined ? {} : { fileType: content.fileType }),
      },
    ];
  });
}

/** How a download is bounded. */
export interface DownloadOptions {
  /** Bytes past this end the download; defaults to MAX_EVIDENCE_FILE_BYTES. */
  readonly maxBytes?: number;
  /**
   * Local mode: also allow 127.0.0.1, where the local runtime serves uploads, over http or https.
   * Set only by the local runtime with authentication off.
   */
  readonly allowInsecureLoopback: boolean;
  /** For the whole download, redirects and body included; defaults to EVIDENCE_DOWNLOAD_TIMEOUT_MS. */
  readonly timeoutMs?: number;
  /** Where refused links are logged, by reason and host only (the path and query carry a token). */
  readonly logger?: Logger;
  /**
   * Tests only: how host names resolve and which addresses may be connected to, so a loopback
   * stand-in can answer for a Teams host. Production callers leave it out and get PUBLIC_NETWORK;
   * no setting reaches it (MigrationServices has no such field).
   */
  readonly network?: DownloadNetwork;
}

/** A downloaded evidence file. */
export interface DownloadedEvidenceFile {
  readonly name: string;
  readonly bytes: Buffer;
  /** As the server sent it; `application/octet-stream` when it sent none. */
  readonly contentType: string;
}

/** Why a link, or a redirect it led to, is not followed. */
export type UrlRefusal =
  'invalid' | 'scheme' | 'insecure-host' | 'host-not-allowed' | 'address-not-allowed';

/** Why a file could not be downloaded; none of them carries the URL, which holds a token. */
export type EvidenceFileProblem =
  | { readonly kind: 'too-large'; readonly maxBytes: number }
  | { readonly kind: 'url-not-allowed'; readonly reason: UrlRefusal }
  | { readonly kind: 'too-many-redirects' }
  | { readonly kind: 'http-status'; readonly status: number }
  | { readonly kind: 'timeout'; readonly timeoutMs: number }
  | { readonly kind: 'unreachable' };

/** The downloaded file, or why there is none. */
export type EvidenceDownload =
  | { readonly ok: true; readonly file: DownloadedEvidenceFile }
  | { readonly ok: false; readonly problem: EvidenceFileProblem };

const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Where local/scenario/file-server.ts serves uploads (listenOnLoopback binds 127.0.0.1 only). */
const LOCAL_FILE_HOST = '127.0.0.1';

/**
 * Downloads an uploaded file from Teams' file hosts only (TEAMS_FILE_DOMAINS, over https), each
 * redirect checked again, and connects only to the public addresses their names resolve to; with a
 * size limit enforced while streaming and a timeout. Expected failures are values, never throws.
 */
export async function downloadEvidenceFile(
  file: EvidenceFile,
  options: DownloadOptions,
): Promise<EvidenceDownload> {
  const maxBytes = options.maxBytes ?? MAX_EVIDENCE_FILE_BYTES;
  const timeoutMs = options.timeoutMs ?? EVIDENCE_DOWNLOAD_TIMEOUT_MS;
  const network = options.network ?? PUBLIC_NETWORK;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  // Network failures surface as rejections of a lookup, a request or a body read; which is ours.
  const failed = (): EvidenceDownload =>
    problem(timedOut ? { kind: 'timeout', timeoutMs } : { kind: 'unreachable' });
  const refused = (refusal: Refusal): EvidenceDownload => {
    options.logger?.warn('Evidence file link refused', { ...refusal });
    return problem({ kind: 'url-not-allowed', reason: refusal.reason });
  };

  try {
    let url = allowedUrl(file.downloadUrl, undefined, options.allowInsecureLoopback);
    for (let redirects = 0; ; redirects++) {
      if (!(url instanceof URL)) return refused(url);
      let response: IncomingMessage;
      try {
        const addresses = await addressesOf(url, network, controller.signal);
        if (addresses === 'address-not-allowed')
          return refused({ reason: addresses, host: url.hostname });
        response = await get(url, addresses, network, controller.signal);
      } catch {
        return failed();
      }
      const status = response.statusCode ?? 0;
      if (REDIRECT_STATUSES.has(status)) {
        response.destroy();
        const location = response.headers.location;
        if (location === undefined) return problem({ kind: 'http-status', status });
        if (redirects >= MAX_REDIRECTS) return problem({ kind: 'too-many-redirects' });
        url = allowedUrl(location, url, options.allowInsecureLoopback);
        continue;
      }
      if (status < 200 || status > 299) {
        response.destroy();
        return problem({ kind: 'http-status', status });
      }
      const declared = Number(response.headers['content-length'] ?? Number.NaN);
      if (declared > maxBytes) {
        response.destroy();
        return problem({ kind: 'too-large', maxBytes });
      }
      let bytes: Buffer | 'too-large';
      try {
        bytes = await readAtMost(Readable.toWeb(response), maxBytes);
      } catch {
        return failed();
      }
      if (bytes === 'too-large') return problem({ kind: 'too-large', maxBytes });
      const contentType = response.headers['content-type'] ?? 'application/octet-stream';
      return { ok: true, file: { name: file.name, bytes, contentType } };
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

/** What to tell the admin when a file could not be downloaded. */
export function describeEvidenceFileProblem(problem: EvidenceFileProblem): string {
  switch (problem.kind) {
    case 'too-large':
      return EVIDENCE_FILE_TOO_LARGE_MESSAGE;
    case 'url-not-allowed':
      return 'I read only files uploaded to Teams, and this link does not lead to one. Upload the file from your computer in our personal chat.';
    case 'too-many-redirects':
      return 'I could not download that file: its download link redirected too many times. Upload it again in our personal chat.';
    case 'http-status':
      return `I could not download that file (the server answered ${problem.status}). The link may have expired: upload it again.`;
    case 'timeout':
      return `Downloading that file took longer than ${Math.round(problem.timeoutMs / 1000)} seconds. Try again in a moment.`;
    case 'unreachable':
      return 'I could not reach the server that holds that file. Try again in a moment.';
  }
}

function problem(value: EvidenceFileProblem): EvidenceDownload {
  return { ok: false, problem: value };
}

/** A refused link: why, and its host name alone (never its path or query, which hold a token). */
interface Refusal {
  readonly reason: UrlRefusal;
  readonly host: string | undefined;
}

function allowedUrl(
  raw: string,
  base: URL | undefined,
  allowInsecureLoopback: boolean,
): URL | Refusal {
  if (!URL.canParse(raw, base?.href)) return { reason: 'invalid', host: undefined };
  const url = new URL(raw, base);
  const refusal = (reason: UrlRefusal): Refusal => ({ reason, host: url.hostname });
  // A download link is pre-authenticated; one with credentials in it is not Teams'.
  if (url.username !== '' || url.password !== '') return refusal('invalid');
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return refusal('scheme');
  // The URL parser has already turned every numeric form (2130706433, 0x7f.1, 127.1) into one.
  if (allowInsecureLoopback && url.hostname === LOCAL_FILE_HOST) return url;
  if (url.protocol === 'http:') return refusal('insecure-host');
  return isTeamsFileHost(url.hostname) ? url : refusal('host-not-allowed');
}

/**
 * The addresses to connect to for `url`: every address its name resolves to, all of which the
 * network must allow, or 'address-not-allowed'. Throws when the name does not resolve.
 */
async function addressesOf(
  url: URL,
  network: DownloadNetwork,
  signal: AbortSignal,
): Promise<readonly LookupAddress[] | 'address-not-allowed'> {
  // Only local mode's 127.0.0.1 gets this far as an address; a Teams host is always a name.
  const family = isIP(url.hostname);
  if (family !== 0) return [{ address: url.hostname, family }];
  const addresses = await untilAborted(network.resolve(url.hostname), signal);
  if (addresses.length === 0) throw new Error('The host name has no address');
  return addresses.every(({ address }) => network.mayConnectTo(address))
    ? addresses
    : 'address-not-allowed';
}

/** A GET of `url` connected to one of `addresses` only; resolves with the response's head. */
function get(
  url: URL,
  addresses: readonly LookupAddress[],
  network: DownloadNetwork,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(
      url,
      {
        // A connection of its own: a pooled one might have been opened for another policy.
        agent: false,
        lookup: lookupOnly(addresses),
        signal,
        ...(network.ca === undefined ? {} : { ca: network.ca }),
      },
      resolve,
    );
    request.on('error', reject);
    request.end();
  });
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const abort = (): void => {
      reject(new Error('The download was stopped'));
    };
    if (signal.aborted) abort();
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => {
      signal.removeEventListener('abort', abort);
    });
  });
}
