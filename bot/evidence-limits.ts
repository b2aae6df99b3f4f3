/**
 * The most pasted evidence accepted, in UTF-8 bytes. Teams refuses to post a message over about
 * 28 KB, so a longer paste did not come from a real Teams client (the Agents Playground accepts up
 * to 100 KiB); the admin is asked to upload a file instead.
 */
export const MAX_PASTED_TEXT_BYTES = 28 * 1024;

/**
 * The most bytes of an uploaded evidence file. Exported synchronization policies of large
 * installations (many custom sync rules and OU filters) run to several MB; 10 MiB leaves room while
 * keeping one download comfortably inside the memory of a Functions worker.
 */
export const MAX_EVIDENCE_FILE_BYTES = 10 * 1024 * 1024;

/**
 * How long one file download may take. Teams' pre-authenticated download links answer quickly; a
 * turn that waits much longer would outlast Bot Service's 15 s wait for the reply to a message.
 */
export const EVIDENCE_DOWNLOAD_TIMEOUT_MS = 10_000;

/** True when pasted evidence is longer than Teams can deliver in one message. */
export function isPastedTextTooLarge(text: string): boolean {
  return Buffer.byteLength(text, 'utf8') > MAX_PASTED_TEXT_BYTES;
}

/** What to tell an admin whose paste is over the limit. */
export const PASTED_TEXT_TOO_LARGE_MESSAGE =
  `That paste is longer than Teams can deliver in one message (about ${MAX_PASTED_TEXT_BYTES / 1024} KB). ` +
  'Save the output to a file instead, for example `... | Out-File evidence.txt`, ' +
  'and upload the file in your personal chat with me.';

/** What to tell an admin whose file is over the limit. */
export const EVIDENCE_FILE_TOO_LARGE_MESSAGE =
  `That file is larger than ${MAX_EVIDENCE_FILE_BYTES / (1024 * 1024)} MB, the most I accept as evidence. ` +
  'Upload only the output this checkpoint asks for (for a configuration export, the JSON file itself, not a zip of the folder).';
