/** A list as one fact value: `a; b; c`, at most `limit` names, then how many more. Semicolons, because DNs contain commas. */
export function listFact(names: readonly string[], limit = 20): string {
  const shown = names.slice(0, limit).join('; ');
  return names.length > limit ? `${shown}; and ${names.length - limit} more` : shown;
}
