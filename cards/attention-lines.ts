import { formatInstant } from './card-time';
import { cardText } from './card-text';

/** A group of app settings the app cannot use, as the settings report gives it. */
export interface SettingsNotice {
  readonly feature: string;
  /** Optional features are off until fixed; a required group stops the bot altogether. */
  readonly required: boolean;
  /** Each names settings, never their values. */
  readonly problems: readonly string[];
}

/** Work a migration could not carry out after its retries. */
export interface UndoneNotice {
  readonly what: string;
  readonly why: string;
  readonly at: string;
}

/** The lines in the Attention colour of the status and help cards, escaped for a TextBlock. */
export function attentionLines(
  input: {
    readonly settings?: readonly SettingsNotice[] | undefined;
    readonly undone?: readonly UndoneNotice[] | undefined;
  },
  timeZone: string,
): { text: string }[] {
  const undone = (input.undone ?? []).map(
    (work) =>
      `⚠️ Not done: ${work.what} (${work.why}, ${formatInstant(work.at, timeZone)}). The migration goes on; type retry to try again.`,
  );
  const settings = (input.settings ?? []).map((problem) =>
    problem.required
      ? `⛔ The settings of ${problem.feature} are not usable: ${problem.problems.join('; ')}.`
      : `⚠️ ${capitalized(problem.feature)} is off until its app settings are fixed: ${problem.problems.join('; ')}. Migrations go on without it.`,
  );
  return [...undone, ...settings].map((text) => ({ text: cardText(text, 800) }));
}

function capitalized(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
