import { z } from 'zod';
import { readAtMost } from './request-body';
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
  /** Local mode: also allow plain `http:` to 127.0.0.1, localhost and [::1]. */
  readonly allowInsecureLoopback: boolean;
  /** For the whole download, redirects and body included; defaults to EVIDENCE_DOWNLOAD_TIMEOUT_MS. */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

/** A downloaded evidence file. */
export interface DownloadedEvidenceFile {
  readonly name: string;
  readonly bytes: Buffer;
  /** As the server sent it; `application/octet-stream` when it sent none. */
  readonly contentType: string;
}

/** Why a file could not be downloaded; none of them carries the URL, which holds a token. */
export type EvidenceFileProblem =
  | { readonly kind: 'too-large'; readonly maxBytes: number }
  | { readonly kind: 'url-not-allowed'; readonly reason: 'invalid' | 'scheme' | 'insecure-host' }
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
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Downloads an uploaded file with a size limit enforced while streaming, a timeout, and only
 * `https:` URLs (every redirect checked again). Expected failures are values, never throws.
 */
export async function downloadEvidenceFile(
  file: EvidenceFile,
  options: DownloadOptions,
): Promise<EvidenceDownload> {
  const maxBytes = options.maxBytes ?? MAX_EVIDENCE_FILE_BYTES;
  const timeoutMs = options.timeoutMs ?? EVIDENCE_DOWNLOAD_TIMEOUT_MS;
  const fetchFile = options.fetch ?? fetch;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  // Network failures surface as rejections of fetch or of a body read; which one is our timeout.
  const failed = (): EvidenceDownload =>
    problem(timedOut ? { kind: 'timeout', timeoutMs } : { kind: 'unreachable' });

  try {
    let url = allowedUrl(file.downloadUrl, undefined, options.allowInsecureLoopback);
    for (let redirects = 0; ; redirects++) {
      if (!(url instanceof URL)) return problem({ kind: 'url-not-allowed', reason: url });
      let response: Response;
      try {
        response = await fetchFile(url, { redirect: 'manual', signal: controller.signal });
      } catch {
        return failed();
      }
      if (REDIRECT_STATUSES.has(response.status)) {
        await response.body?.cancel();
        const location = response.headers.get('location');
        if (location === null) return problem({ kind: 'http-status', status: response.status });
        if (redirects >= MAX_REDIRECTS) return problem({ kind: 'too-many-redirects' });
        url = allowedUrl(location, url, options.allowInsecureLoopback);
        continue;
      }
      if (!response.ok) {
        controller.abort();
        return problem({ kind: 'http-status', status: response.status });
      }
      const declared = Number(response.headers.get('content-length') ?? Number.NaN);
      if (declared > maxBytes) {
        controller.abort();
        return problem({ kind: 'too-large', maxBytes });
      }
      let bytes: Buffer | 'too-large';
      try {
        bytes =
          response.body === null ? Buffer.alloc(0) : await readAtMost(response.body, maxBytes);
      } catch {
        return failed();
      }
      if (bytes === 'too-large') {
        controller.abort();
        return problem({ kind: 'too-large', maxBytes });
      }
      const contentType = response.headers.get('content-type') ?? 'application/octet-stream';
      return { ok: true, file: { name: file.name, bytes, contentType } };
    }
  } finally {
    clearTimeout(timer);
  }
}

/** What to tell the admin when a file could not be downloaded. */
export function describeEvidenceFileProblem(problem: EvidenceFileProblem): string {
  switch (problem.kind) {
    case 'too-large':
      return EVIDENCE_FILE_TOO_LARGE_MESSAGE;
    case 'url-not-allowed':
    case 'too-many-redirects':
      return 'I could not download that file: Teams gave me a download link I do not accept. Upload it again in our personal chat.';
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

type UrlRefusal = 'invalid' | 'scheme' | 'insecure-host';

function allowedUrl(
  raw: string,
  base: URL | undefined,
  allowInsecureLoopback: boolean,
): URL | UrlRefusal {
  if (!URL.canParse(raw, base?.href)) return 'invalid';
  const url = new URL(raw, base);
  // fetch refuses URLs with credentials anyway; refusing here says why.
  if (url.username !== '' || url.password !== '') return 'invalid';
  if (url.protocol === 'https:') return url;
  if (url.protocol !== 'http:') return 'scheme';
  return allowInsecureLoopback && LOOPBACK_HOSTS.has(url.hostname) ? url : 'insecure-host';
}
