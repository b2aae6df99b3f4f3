/** A PowerShell boolean as printed (`True`/`False`), from the first word of a value; undefined otherwise. */
export function readPowerShellBoolean(value: string | undefined): boolean | undefined {
  const word = value
    ?.trim()
    .split(/\s+/)[0]
    ?.replace(/[,;.]+$/, '')
    .toLowerCase();
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
  const word = value?.trim().split(/\s+/)[0];
  return word === undefined || word === '' ? undefined : word;
}

/** A whole number printed on its own (`500`), or undefined. */
export function readWholeNumber(value: string | undefined): number | undefined {
  const digits = /^\d+$/.exec(value?.trim() ?? '')?.[0];
  return digits === undefined ? undefined : Number(digits);
}
