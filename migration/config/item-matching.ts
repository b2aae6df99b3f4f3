/** Old and new items paired up, and those left on one side only. */
export interface ItemMatching<T> {
  pairs: (readonly [T, T])[];
  removed: T[];
  added: T[];
}

/** A way to say which items are "the same entry": items with equal keys are paired. */
export type ItemKey<T> = (item: T) => string;

/**
 * Pairs old and new items by each key in turn, strongest first (a name, then the content), using
 * only what the items are, never where they stand: reordering either list never changes the result.
 * Within a key, identical items pair first and the rest pair in canonical order. Linear apart from
 * sorting items that share a key.
 */
export function matchItems<T>(
  oldItems: readonly T[],
  newItems: readonly T[],
  keys: readonly ItemKey<T>[],
  formOf: (item: T) => string,
): ItemMatching<T> {
  const pairs: (readonly [T, T])[] = [];
  let oldLeft: readonly T[] = oldItems;
  let newLeft: readonly T[] = newItems;
  for (const keyOf of keys) {
    if (oldLeft.length === 0 || newLeft.length === 0) break;
    const oldGroups = groupBy(oldLeft, keyOf);
    const newGroups = groupBy(newLeft, keyOf);
    const nextOld: T[] = [];
    const nextNew: T[] = [];
    for (const [key, olds] of oldGroups) {
      const news = newGroups.get(key);
      if (news === undefined) {
        appendAll(nextOld, olds);
      } else {
        pairGroup(olds, news, formOf, pairs, nextOld, nextNew);
      }
    }
    for (const [key, news] of newGroups) {
      if (!oldGroups.has(key)) appendAll(nextNew, news);
    }
    oldLeft = nextOld;
    newLeft = nextNew;
  }
  return { pairs, removed: [...oldLeft], added: [...newLeft] };
}

function pairGroup<T>(
  olds: readonly T[],
  news: readonly T[],
  formOf: (item: T) => string,
  pairs: (readonly [T, T])[],
  oldLeft: T[],
  newLeft: T[],
): void {
  const [onlyOld] = olds;
  const [onlyNew] = news;
  if (olds.length === 1 && news.length === 1 && onlyOld !== undefined && onlyNew !== undefined) {
    pairs.push([onlyOld, onlyNew]);
    return;
  }
  const unmatchedOld = groupBy(olds, formOf);
  const unmatchedNew: { item: T; form: string }[] = [];
  for (const item of news) {
    const form = formOf(item);
    const twin = unmatchedOld.get(form)?.pop();
    if (twin === undefined) {
      unmatchedNew.push({ item, form });
    } else {
      pairs.push([twin, item]);
    }
  }
  const restOld = [...unmatchedOld].flatMap(([form, items]) =>
    items.map((item) => ({ item, form })),
  );
  restOld.sort(byForm);
  unmatchedNew.sort(byForm);
  const paired = Math.min(restOld.length, unmatchedNew.length);
  for (let index = 0; index < restOld.length || index < unmatchedNew.length; index += 1) {
    const oldEntry = restOld[index];
    const newEntry = unmatchedNew[index];
    if (index < paired && oldEntry !== undefined && newEntry !== undefined) {
      pairs.push([oldEntry.item, newEntry.item]);
    } else {
      if (oldEntry !== undefined) oldLeft.push(oldEntry.item);
      if (newEntry !== undefined) newLeft.push(newEntry.item);
    }
  }
}

function byForm(a: { form: string }, b: { form: string }): number {
  return a.form < b.form ? -1 : a.form > b.form ? 1 : 0;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) {
      groups.set(key, [item]);
    } else {
      group.push(item);
    }
  }
  return groups;
}

// push(...items) passes every item as an argument and overflows the stack on long lists.
function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
