/** A PowerShell boolean as printed (`True`/`False`), from the first word of a value; undefined otherwise. */
export function readPowerShellBoolean(value: string | undefined): boolean | undefined {
  const first = firstWordOf(value);
  const word = first === undefined ? first : withoutTrailingPunctuation(first).toLowerCase();
  if (word === 'true' || word === '$true') return true;
  if (word === 'false' || word === '$false') return false;
  return undefined;
}

/** Minutes in a .NET TimeSpan as PowerShell prints it (`00:30:00`, `7.00:00:00`, `1:00:00`), or undefined. */
export function readTimeSpanMinutes(value: string | undefined): number | undefined {
  const match = /^(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?!\d)/.exec(
    value?.trim() ?? '',
  );
  if (match === null) return undefined;
  const [days, hours, minutes, seconds] = [match[1], match[2], match[3], match[4]].map((part) =>
    Number(part ?? 0),
  );
  return (days ?? 0) * 1440 + (hours ?? 0) * 60 + (minutes ?? 0) + (seconds ?? 0) / 60;
}

/** The first word of a value, or undefined for an empty value. */
export function firstWordOf(value: string | undefined): string | undefined {
  // Only the first word is split off: a long value is not cut into all of its words.
  const word = value?.trim().split(/\s+/, 1)[0];
  return word === undefined || word === '' ? undefined : word;
}

/** A whole number printed on its own (`500`), or undefined. */
export function readWholeNumber(value: string | undefined): number | undefined {
  const digits = /^\d+$/.exec(value?.trim() ?? '')?.[0];
  return digits === undefined ? undefined : Number(digits);
}

/**
 * The word without the commas, semicolons and full stops that end it. A loop from the end, not
 * `/[,;.]+$/`: that expression retries from every mark of a long run of them, in quadratic time.
 */
export function withoutTrailingPunctuation(word: string): string {
  let end = word.length;
  while (end > 0 && ',;.'.includes(word.charAt(end - 1))) end -= 1;
  return word.slice(0, end);
}
