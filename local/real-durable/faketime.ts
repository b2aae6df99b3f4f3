import { existsSync } from 'node:fs';
import { LIBFAKETIME_PATH } from '../../scripts/ensure-system.mjs';

/** Raised when the clock of other processes cannot be moved: Debian's libfaketime is missing. */
export class FaketimeMissingError extends Error {
  override readonly name = 'FaketimeMissingError';
}

/**
 * The environment that makes a process read its wall clock from a `ShiftedClock`'s offset file:
 * libfaketime preloaded, monotonic time left real (so that timeouts and delays are not cut short
 * by a jump), and the offset re-read on every clock read. With libfaketime's cache instead (even
 * of a second), the host went on reading an old offset after the clock was set back and forth,
 * and took timers a day early or a minute late.
 */
export function faketimeEnvironment(offsetFile: string): Record<string, string> {
  if (!existsSync(LIBFAKETIME_PATH)) {
    throw new FaketimeMissingError(
      `Days pass on the real Durable engine by moving the wall clock of its processes with Debian's libfaketime, which is not installed (${LIBFAKETIME_PATH}). Run \`npm run setup:real-durable\` once (it installs it, as root or through sudo), or \`sudo apt-get install -y libfaketime\`.`,
    );
  }
  return {
    LD_PRELOAD: LIBFAKETIME_PATH,
    FAKETIME_TIMESTAMP_FILE: offsetFile,
    FAKETIME_NO_CACHE: '1',
    FAKETIME_DONT_FAKE_MONOTONIC: '1',
  };
}
