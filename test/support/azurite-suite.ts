import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startAzurite, type RunningAzurite } from '../../local/azurite';

/** Starts an in-memory Azurite for the suite and stops it after; call the result inside tests. */
export function useAzurite(name: string): () => RunningAzurite {
  let azurite: RunningAzurite | undefined;
  let dataDir = '';
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), `${name}-`));
    azurite = await startAzurite({ location: dataDir, inMemory: true });
  });
  afterAll(async () => {
    await azurite?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });
  return () => {
    if (azurite === undefined) throw new Error('Azurite is not running yet');
    return azurite;
  };
}
