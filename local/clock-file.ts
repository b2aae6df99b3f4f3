// Keeps the local clock's reading between runs of `npm start`: sped-up time (LOCAL_TIME_SCALE) runs
// ahead of the wall clock, and a restart must not send it back, or every time a migration recorded
// would lie in the future of the next run.
import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Clock } from './clock';
import { readJsonFile } from './json-file';

const savedReading = z.object({ clockAt: z.iso.datetime(), wallAt: z.iso.datetime() });

/** How often the reading is saved while running (a hard kill loses at most this much). */
const SAVE_EVERY_MS = 5_000;

/**
 * Where the clock of the last run would be now: its last reading plus the real time since. Nothing
 * when there was no last run (or its file is unreadable: the wall clock is then right).
 */
export async function resumedClockTime(
  file: string,
  wallNow = new Date(),
): Promise<Date | undefined> {
  const read = await readJsonFile(file, savedReading);
  if (!read.ok) return undefined;
  const since = wallNow.getTime() - Date.parse(read.value.wallAt);
  return new Date(Date.parse(read.value.clockAt) + Math.max(0, since));
}

/** Saves `clock`'s reading now and every few seconds; the returned function saves once more and stops. */
export function keepClockSaved(file: string, clock: Clock): () => Promise<void> {
  const save = (): Promise<void> =>
    writeFile(
      file,
      `${JSON.stringify({ clockAt: clock.now().toISOString(), wallAt: new Date().toISOString() })}\n`,
    );
  void save().catch(() => undefined);
  const timer = setInterval(() => {
    void save().catch(() => undefined);
  }, SAVE_EVERY_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await save();
  };
}
