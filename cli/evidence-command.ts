import { isCalendarDate } from '../migration/calendar-date';
import {
  evaluateCheckpointEvidence,
  isPeopleCheckpoint,
  type CheckpointEvaluation,
} from '../migration/evaluate-checkpoint';
import { identifyEvidence } from '../migration/evidence/identify-evidence';
import { checkpointIdSchema } from '../migration/runbook';
import { readEvidenceFile, UnreadableEvidenceFile } from './evidence-files';

/** What the command prints and how it exits: 0 for any judgment, 2 for input it cannot use or a people decision. */
export interface CommandOutcome {
  exitCode: 0 | 2;
  stdout: string;
  stderr: string;
}

export const usage = [
  'usage: npm run --silent evidence -- <checkpoint-id> <file>... [--today YYYY-MM-DD]',
  '       npm run --silent evidence -- identify <file>...',
  `checkpoint ids: ${checkpointIdSchema.options.join(', ')}`,
].join('\n');

/** Runs `evidence` with its arguments; `today` is the default date when --today is not given. */
export async function runEvidenceCommand(
  args: readonly string[],
  today: string,
): Promise<CommandOutcome> {
  const parsed = parseArguments(args, today);
  if (!parsed.ok) return unusable(`${parsed.problem}\n${usage}`);
  if (parsed.command !== 'identify' && isPeopleCheckpoint(parsed.command)) {
    return outcomeOf(evaluateCheckpointEvidence(parsed.command, [], { today: parsed.today }));
  }
  try {
    const items = await Promise.all(parsed.files.map(readEvidenceFile));
    if (parsed.command === 'identify') {
      return {
        exitCode: 0,
        stdout: `${items.map((item) => identifyEvidence(item.text)).join('\n')}\n`,
        stderr: '',
      };
    }
    return outcomeOf(evaluateCheckpointEvidence(parsed.command, items, { today: parsed.today }));
  } catch (error) {
    if (error instanceof UnreadableEvidenceFile) return unusable(error.message);
    throw error;
  }
}

function outcomeOf(evaluation: CheckpointEvaluation): CommandOutcome {
  switch (evaluation.kind) {
    case 'judged':
      return {
        exitCode: 0,
        stdout: `${JSON.stringify(evaluation.judgment, null, 2)}\n`,
        stderr: '',
      };
    case 'no-usable-evidence': {
      const needed = evaluation.judgment.findings
        .map((finding) => [finding.message, finding.remediation].filter(Boolean).join(' '))
        .join('\n');
      return unusable(
        `No usable evidence for ${evaluation.judgment.checkpoint}:\n${evaluation.problems.join('\n')}\n${needed}`,
      );
    }
    case 'decided-by-people':
      return unusable(evaluation.message);
  }
}

type ParsedArguments =
  | { ok: true; command: 'identify' | CheckpointArgument; files: string[]; today: string }
  | { ok: false; problem: string };

type CheckpointArgument = Parameters<typeof evaluateCheckpointEvidence>[0];

function parseArguments(args: readonly string[], defaultToday: string): ParsedArguments {
  const positional: string[] = [];
  let today = defaultToday;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    const inline = /^--today=(.*)$/.exec(arg);
    if (arg === '--today' || inline !== null) {
      const value = inline?.[1] ?? args[++index];
      if (value === undefined || !isCalendarDate(value)) {
        return {
          ok: false,
          problem: `--today needs a date as YYYY-MM-DD, got ${value ?? 'nothing'}.`,
        };
      }
      today = value;
    } else if (arg.startsWith('--') && arg !== '--') {
      return { ok: false, problem: `Unknown option ${arg}.` };
    } else if (arg !== '--') {
      positional.push(arg);
    }
  }
  const [command, ...files] = positional;
  if (command === undefined) return { ok: false, problem: 'Name a checkpoint id or identify.' };
  const checkpoint = checkpointIdSchema.safeParse(command);
  if (command !== 'identify' && !checkpoint.success) {
    return { ok: false, problem: `Unknown checkpoint id ${command}.` };
  }
  const people = checkpoint.success && isPeopleCheckpoint(checkpoint.data);
  if (files.length === 0 && !people) {
    return { ok: false, problem: 'Give at least one evidence file.' };
  }
  return { ok: true, command: checkpoint.success ? checkpoint.data : 'identify', files, today };
}

function unusable(message: string): CommandOutcome {
  return { exitCode: 2, stdout: '', stderr: `${message}\n` };
}
