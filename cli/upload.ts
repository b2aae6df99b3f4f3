// `npm run upload -- <file> [--as <name>]`: sends a file to the bot running under `npm start`, as
// Teams does after an upload in a personal chat (the Agents Playground cannot attach files). The
// bot's answer shows in the chat of the Playground acting as that person (Alex Wilber by default).
// Exit 0: sent and downloaded; 1: not sent or not downloaded; 2: wrong arguments.
import path from 'node:path';
import { NoLocalSessionError, readSession } from '../local/session';
import { UploadError, uploadToChat } from '../local/upload';

const root = path.resolve(__dirname, '..');
const usage = 'usage: npm run upload -- <file> [--as "<name>"]';

function parseArgs(args: readonly string[]): { file: string; as?: string } | undefined {
  const rest = [...args];
  let as: string | undefined;
  const at = rest.indexOf('--as');
  if (at >= 0) {
    as = rest[at + 1];
    if (as === undefined || as.startsWith('-')) return undefined;
    rest.splice(at, 2);
  }
  const [file] = rest;
  if (file === undefined || rest.length > 1 || file.startsWith('-')) return undefined;
  return as === undefined ? { file } : { file, as };
}

async function main(args: readonly string[]): Promise<number> {
  const parsed = parseArgs(args);
  if (parsed === undefined) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  try {
    const session = await readSession(path.join(root, '.local'));
    const result = await uploadToChat(session, parsed.file, parsed.as);
    if (!result.downloaded) {
      process.stderr.write(
        `Sent ${result.name} to ${result.to}'s chat, but the bot did not download it: its answer in the Playground says why.\n`,
      );
      return 1;
    }
    process.stdout.write(
      `Uploaded ${result.name} into ${result.to}'s chat: the bot's answer is in the Playground.\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof UploadError || error instanceof NoLocalSessionError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
