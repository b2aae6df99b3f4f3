const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// Building an Intl.DateTimeFormat loads locale and time zone data, far dearer than formatting with
// it; a migration has one time zone, so one formatter of each kind per zone serves every card.
const instantFormats = new Map<string, Intl.DateTimeFormat>();
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function formatIn(
  formats: Map<string, Intl.DateTimeFormat>,
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (format === undefined) {
    // Built before it is kept: an unknown zone throws here, as it did when built per call.
    format = new Intl.DateTimeFormat('en-GB', { ...options, timeZone });
    formats.set(timeZone, format);
  }
  return format;
}

/** "Wed 14 Oct 2026, 09:30 CEST": an instant as the migration's people read it, in their time zone. */
export function formatInstant(iso: string, timeZone: string): string {
  const parts = formatIn(instantFormats, timeZone, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}, ${part('hour')}:${part('minute')} ${part('timeZoneName')}`;
}

/** "14 Oct 2026": the day of an instant in a time zone. */
export function formatDay(iso: string, timeZone: string): string {
  return formatIn(dayFormats, timeZone, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(new Date(iso));
}

/** "3 days", "5 hours", "20 minutes": how long from one instant to a later one, roughly. */
export function formatElapsed(fromIso: string, toIso: string): string {
  const elapsed = Math.max(0, Date.parse(toIso) - Date.parse(fromIso));
  if (elapsed >= 1.5 * DAY) return `${Math.round(elapsed / DAY)} days`;
  if (elapsed >= DAY) return '1 day';
  if (elapsed >= 2 * HOUR) return `${Math.floor(elapsed / HOUR)} hours`;
  if (elapsed >= HOUR) return '1 hour';
  const minutes = Math.floor(elapsed / MINUTE);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/** A whole number of minutes as people write it: "4 hours", "1 day", "1 hour 30 minutes". */
export function formatMinutes(total: number): string {
  const units: readonly [number, string][] = [
    [24 * 60, 'day'],
    [60, 'hour'],
    [1, 'minute'],
  ];
  let left = Math.max(0, Math.round(total));
  const parts: string[] = [];
  for (const [size, name] of units) {
    const count = Math.floor(left / size);
    left -= count * size;
    if (count > 0) parts.push(`${String(count)} ${name}${count === 1 ? '' : 's'}`);
  }
  return parts.length === 0 ? '0 minutes' : parts.join(' ');
}
