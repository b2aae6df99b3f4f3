import { performance } from 'node:perf_hooks';
import { listenOnLoopback } from '../loopback-listener';

/** A download the bot made. */
export interface FileDownload {
  readonly name: string;
  readonly at: Date;
  /** Arrival order across this process's loopback servers (`performance.now()`). */
  readonly order: number;
}

/** Serves uploaded files where a `file.download.info` attachment's downloadUrl points. */
export interface FileServer {
  /** Makes a file downloadable once offered; returns its downloadUrl. */
  offer(name: string, content: Buffer): string;
  readonly downloads: readonly FileDownload[];
  close(): Promise<void>;
}

const contentTypes: Readonly<Record<string, string>> = {
  json: 'application/json',
  txt: 'text/plain; charset=utf-8',
  log: 'text/plain; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xml: 'application/xml',
};

/** Starts a file server on 127.0.0.1; `now` stamps each download with the virtual time. */
export async function startFileServer(now: () => Date): Promise<FileServer> {
  const files = new Map<string, { name: string; content: Buffer }>();
  const downloads: FileDownload[] = [];
  const listener = await listenOnLoopback((request) => {
    const file = request.method === 'GET' ? files.get(request.pathname) : undefined;
    if (file === undefined) return { status: 404 };
    downloads.push({ name: file.name, at: now(), order: performance.now() });
    const extension = /\.([^.]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? '';
    return {
      status: 200,
      bytes: {
        data: file.content,
        contentType: contentTypes[extension] ?? 'application/octet-stream',
      },
    };
  });
  return {
    offer(name, content) {
      // Teams download URLs are unguessable and short-lived; a numbered path is enough on loopback.
      const pathname = `/download/${String(files.size + 1)}/${encodeURIComponent(name)}`;
      files.set(pathname, { name, content });
      return `${listener.origin}${pathname}?token=scenario`;
    },
    downloads,
    close: () => listener.close(),
  };
}
