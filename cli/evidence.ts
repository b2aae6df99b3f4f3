// `npm run --silent evidence -- <checkpoint-id> <file>... [--today YYYY-MM-DD]` prints the judgment as
// JSON; `... identify <file>` prints the evidence kind. Exit 0 for any judgment, 2 for input it
// cannot use or a checkpoint people decide, 1 for a bug.
import { runEvidenceCommand } from './evidence-command';

/** Today in the local time zone: the date the admin reading the output means. */
function localToday(): string {
  const now = new Date();
  return [now.getFullYear(), now.getMonth() + 1, now.getDate()]
    .map((part, index) => String(part).padStart(index === 0 ? 4 : 2, '0'))
    .join('-');
}

runEvidenceCommand(process.argv.slice(2), localToday())
  .then(({ exitCode, stdout, stderr }) => {
    process.stdout.write(stdout);
    process.stderr.write(stderr);
    process.exitCode = exitCode;
  })
  .catch((error: unknown) => {
    console.error('evidence: internal error (a bug, please report it):', error);
    process.exit(1);
  });
