import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlayground } from '../../local/playground';

// Nothing listens here: the Playground only calls the bot once a page is open.
const UNUSED_BOT_ENDPOINT = 'http://127.0.0.1:9/api/messages';

let workspace: string;

beforeAll(async () => {
  workspace = await mkdtemp(path.join(tmpdir(), 'playground-test-'));
});

afterAll(async () => {
  await rm(workspace, { recursive: true, force: true });
});

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    // ESRCH: no such process.
    return false;
  }
}

async function ping(url: string): Promise<string> {
  const response = await fetch(`${url}/_debug/ping`);
  return response.text();
}

describe('startPlayground', () => {
  it('answers ping once started and is gone after stop', async () => {
    const playground = await startPlayground({ botEndpoint: UNUSED_BOT_ENDPOINT, cwd: workspace });
    try {
      expect(playground.url).toBe(`http://localhost:${playground.port}`);
      expect(await ping(`http://127.0.0.1:${playground.port}`)).toBe('pong');
      expect(isRunning(playground.pid)).toBe(true);
    } finally {
      await playground.stop();
    }
    expect(isRunning(playground.pid)).toBe(false);
    await expect(ping(`http://127.0.0.1:${playground.port}`)).rejects.toThrow();
    // Its log goes to a temporary folder, not ./devTools in the working directory.
    expect(existsSync(path.join(workspace, 'devTools'))).toBe(false);
  });

  it('reports the port it really took when the requested one is busy', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, resolve));
    const address = blocker.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    try {
      const playground = await startPlayground({
        botEndpoint: UNUSED_BOT_ENDPOINT,
        port: address.port,
        cwd: workspace,
      });
      try {
        expect(playground.port).not.toBe(address.port);
        expect(await ping(playground.url)).toBe('pong');
      } finally {
        await playground.stop();
      }
    } finally {
      blocker.close();
    }
  });
});
