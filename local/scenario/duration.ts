const unitMs = { w: 7 * 86_400_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 } as const;

const shorthand = /^(?:(\d+(?:\.\d+)?)(w|d|h|m|s))+$/i;
const shorthandPart = /(\d+(?:\.\d+)?)(w|d|h|m|s)/gi;
const iso =
  /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

/**
 * Milliseconds of a duration: ISO 8601 (`PT48H`, `P2DT16H30M`, `P1W`) or shorthand (`48h`, `3d`,
 * `2d16h30m`, `90s`). Undefined when the text is neither, or is zero.
 */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  let total: number | undefined;
  if (shorthand.test(trimmed)) {
    total = 0;
    for (const [, amount, unit] of trimmed.matchAll(shorthandPart)) {
      total += Number(amount) * unitMs[(unit ?? 's').toLowerCase() as keyof typeof unitMs];
    }
  } else {
    const match = iso.exec(trimmed);
    // A bare "P" or "PT" matches the pattern with no parts.
    if (match !== null && /\d/.test(trimmed)) {
      const [, weeks, days, hours, minutes, seconds] = match;
      total =
        Number(weeks ?? 0) * unitMs.w +
        Number(days ?? 0) * unitMs.d +
        Number(hours ?? 0) * unitMs.h +
        Number(minutes ?? 0) * unitMs.m +
        Number(seconds ?? 0) * unitMs.s;
    }
  }
  return total === undefined || total <= 0 ? undefined : Math.round(total);
}

/** A duration as the shorthand `parseDuration` reads, largest units first: `2d 16h 30m`. */
export function formatDuration(milliseconds: number): string {
  const parts: string[] = [];
  let rest = Math.round(milliseconds);
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    const amount = Math.floor(rest / unitMs[unit]);
    if (amount > 0) parts.push(`${String(amount)}${unit}`);
    rest -= amount * unitMs[unit];
  }
  if (rest > 0 || parts.length === 0) parts.push(`${String(rest)}ms`);
  return parts.join(' ');
}
