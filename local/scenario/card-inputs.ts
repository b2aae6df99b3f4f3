import type { CardInput } from './card-reading';

/** What a scenario may put into an input. */
export type InputValue = string | number | boolean | readonly (string | number)[];

/** The values a click sends, or why the client would refuse to send them. */
export type FilledInputs =
  | { readonly ok: true; readonly values: Record<string, string> }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * Fills a card's inputs the way the Adaptive Cards renderer in Teams and the Playground does: given
 * values replace what the card shows, every value is sent as a string, inputs left empty are left
 * out, and a click whose inputs fail validation (required, regex, number range, length, choices)
 * is not sent at all.
 */
export function fillInputs(
  inputs: readonly CardInput[],
  given: Readonly<Record<string, InputValue>>,
): FilledInputs {
  const problems: string[] = [];
  for (const id of Object.keys(given)) {
    if (!inputs.some((input) => input.id === id)) {
      problems.push(
        `the card has no input "${id}"; its inputs are: ${inputs.map((input) => input.id).join(', ') || '(none)'}`,
      );
    }
  }
  const values: Record<string, string> = {};
  for (const input of inputs) {
    const raw = given[input.id];
    const value = raw === undefined ? { ok: true as const, text: input.value } : asText(input, raw);
    if (!value.ok) {
      problems.push(`${nameOf(input)}: ${value.problem}`);
      continue;
    }
    const invalid = validate(input, value.text);
    if (invalid !== undefined) {
      problems.push(`${nameOf(input)}: ${invalid}`);
      continue;
    }
    if (isSet(input, value.text)) values[input.id] = value.text;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, values };
}

function nameOf(input: CardInput): string {
  return input.label === undefined ? `"${input.id}"` : `"${input.label}" [${input.id}]`;
}

type Converted = { ok: true; text: string } | { ok: false; problem: string };

function asText(input: CardInput, raw: InputValue): Converted {
  const parts = Array.isArray(raw)
    ? raw.map(String)
    : typeof raw === 'string' && input.type === 'Input.ChoiceSet'
      ? raw.split(',').map((part) => part.trim())
      : [String(raw)];
  switch (input.type) {
    case 'Input.Toggle': {
      const [part] = parts;
      if (part === 'true' || part === input.valueOn) return { ok: true, text: input.valueOn };
      if (part === 'false' || part === input.valueOff) return { ok: true, text: input.valueOff };
      return { ok: false, problem: `a toggle takes true or false, not "${parts.join(',')}"` };
    }
    case 'Input.ChoiceSet':
      return choose(
        input,
        parts.filter((part) => part !== ''),
      );
    default:
      return parts.length === 1
        ? { ok: true, text: parts[0] ?? '' }
        : { ok: false, problem: 'takes one value, not a list' };
  }
}

function choose(input: CardInput, parts: string[]): Converted {
  if (parts.length > 1 && !input.isMultiSelect) {
    return { ok: false, problem: 'takes one choice, not a list' };
  }
  const picked: string[] = [];
  for (const part of parts) {
    // People write the title they see; the client sends the choice's value.
    const choice =
      input.choices.find((c) => c.value === part) ??
      input.choices.find((c) => c.title.toLowerCase() === part.toLowerCase());
    if (choice !== undefined) picked.push(choice.value);
    else if (input.dynamicChoices) picked.push(part);
    else {
      const offered = input.choices.map((c) => `${c.title} (${c.value})`).join(', ');
      return { ok: false, problem: `"${part}" is not one of its choices: ${offered}` };
    }
  }
  return { ok: true, text: picked.join(',') };
}

function isSet(input: CardInput, value: string): boolean {
  if (input.type === 'Input.Toggle' && input.isRequired) return value === input.valueOn;
  return value !== '';
}

function validate(input: CardInput, value: string): string | undefined {
  const refusal = input.errorMessage ?? 'not accepted by the card';
  if (input.isRequired && !isSet(input, value)) return `required (${refusal})`;
  if (value === '') return undefined;
  if (input.maxLength !== undefined && value.length > input.maxLength) {
    return `longer than its ${String(input.maxLength)} characters`;
  }
  if (
    input.type === 'Input.Text' &&
    input.regex !== undefined &&
    !new RegExp(input.regex).test(value)
  ) {
    return `does not match ${input.regex} (${refusal})`;
  }
  if (input.type === 'Input.Number') {
    const number = Number(value);
    if (!Number.isFinite(number)) return `"${value}" is not a number`;
    if (
      (input.min !== undefined && number < input.min) ||
      (input.max !== undefined && number > input.max)
    ) {
      return `${value} is outside ${String(input.min ?? '…')} to ${String(input.max ?? '…')} (${refusal})`;
    }
  }
  return undefined;
}
