/** Every object in a card's JSON, depth first (actions inside ShowCard cards and refresh included). */
export function allObjects(json: unknown): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      found.push(record);
      Object.values(record).forEach(visit);
    }
  };
  visit(json);
  return found;
}

/** Every action of a card (Action.Execute, Action.Submit, ...), wherever it sits. */
export function allActions(json: unknown): Record<string, unknown>[] {
  return allObjects(json).filter(
    (object) => typeof object.type === 'string' && object.type.startsWith('Action.'),
  );
}

/** Every string a card shows or carries, joined: for asserting on text. */
export function allText(json: unknown): string {
  const strings: string[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string') strings.push(value);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(visit);
  };
  visit(json);
  return strings.join('\n');
}

/** The elements of a card with this input id or element id. */
export function elementById(json: unknown, id: string): Record<string, unknown> | undefined {
  return allObjects(json).find((object) => object.id === id);
}
