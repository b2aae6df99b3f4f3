/**
 * For each top-level alternative of `pattern`, the runs of plain ASCII characters every match of
 * it contains, lowercased, longest first: a text whose lowercase lacks a run of every alternative
 * cannot match, so the search of a long paste for the catalogue's hundreds of patterns is skipped
 * where a fast substring check already says no. Only runs outside groups are taken; a pattern with
 * Unicode case folding, or an alternative without such a run, gives undefined (always searched).
 */
export function requiredFragments(pattern: RegExp): readonly (readonly string[])[] | undefined {
  if (/[uvgy]/.test(pattern.flags)) return undefined;
  const source = pattern.source;
  const alternatives: string[][] = [];
  let fragments: string[] = [];
  let run = '';
  const endRun = (): void => {
    if (run.length >= 3) fragments.push(run.toLowerCase());
    run = '';
  };
  let depth = 0;
  let index = 0;
  while (index < source.length) {
    const char = source[index] ?? '';
    if (char === '[') {
      endRun();
      index = endOfClass(source, index);
      continue;
    }
    if (char === '\\') {
      const escaped = source[index + 1] ?? '';
      const literal = /^[-.:/()[\]{}|?*+^$\\'"`,;=<>!@#%&~ ]$/.test(escaped) ? escaped : undefined;
      index = endOfEscape(source, index);
      if (depth === 0 && literal !== undefined) index = addLiteral(literal, index);
      else endRun();
      continue;
    }
    if (char === '(') {
      endRun();
      depth += 1;
      index += 1;
      continue;
    }
    if (char === ')') {
      depth -= 1;
      index += 1;
      continue;
    }
    if (char === '|') {
      if (depth === 0) {
        endRun();
        alternatives.push(fragments);
        fragments = [];
      }
      index += 1;
      continue;
    }
    const quantifier = /^\{\d+(?:,\d*)?\}/.exec(source.slice(index, index + 24));
    if (quantifier !== null) {
      endRun();
      index += quantifier[0].length;
      continue;
    }
    index += 1;
    if (depth === 0 && /^[A-Za-z0-9 '",:;=<>!@#%&~_/-]$/.test(char))
      index = addLiteral(char, index);
    else endRun();
  }
  endRun();
  alternatives.push(fragments);
  if (alternatives.some((alternative) => alternative.length === 0)) return undefined;
  return alternatives.map((alternative) =>
    [...new Set(alternative)].sort((a, b) => b.length - a.length),
  );

  /** Adds a literal character unless a quantifier makes it optional; a repeated one ends the run. */
  function addLiteral(literal: string, next: number): number {
    const quantifier = /^(?:[?*+]|\{(\d+)(?:,\d*)?\})/.exec(source.slice(next, next + 24));
    if (quantifier === null) {
      run += literal;
      return next;
    }
    const optional = quantifier[0] === '?' || quantifier[0] === '*' || quantifier[1] === '0';
    if (!optional) run += literal;
    endRun();
    return next;
  }
}

/** The index after the character class starting at `start`. */
function endOfClass(source: string, start: number): number {
  let index = start + 1;
  while (index < source.length && source[index] !== ']') index += source[index] === '\\' ? 2 : 1;
  return index + 1;
}

/** The index after the escape starting at `start` (a backslash). */
function endOfEscape(source: string, start: number): number {
  const letter = source[start + 1] ?? '';
  const rest = source.slice(start + 2, start + 12);
  const length =
    letter === 'u'
      ? (/^(?:[0-9A-Fa-f]{4}|\{[0-9A-Fa-f]+\})/.exec(rest)?.[0].length ?? 0)
      : letter === 'x'
        ? (/^[0-9A-Fa-f]{2}/.exec(rest)?.[0].length ?? 0)
        : letter === 'c'
          ? 1
          : letter === 'k'
            ? source.indexOf('>', start) - start - 1
            : /^\d$/.test(letter)
              ? (/^\d*/.exec(rest)?.[0].length ?? 0)
              : 0;
  return start + 2 + Math.max(0, length);
}

/** A lowercased text and the three-character sequences it holds, to rule fragments out without a search. */
export interface FragmentIndex {
  lowercase: string;
  /** One bit per hash of each three consecutive characters. */
  trigrams: Uint8Array;
}

const trigramBits = 1 << 16;

function trigramHash(text: string, at: number): number {
  return (
    (text.charCodeAt(at) * 961 + text.charCodeAt(at + 1) * 31 + text.charCodeAt(at + 2)) &
    (trigramBits - 1)
  );
}

/** The index of a text: one pass, after which a fragment absent from the text is usually ruled out at once. */
export function fragmentIndexOf(text: string): FragmentIndex {
  const lowercase = text.toLowerCase();
  const trigrams = new Uint8Array(trigramBits / 8);
  for (let at = 0; at + 2 < lowercase.length; at += 1) {
    const hash = trigramHash(lowercase, at);
    trigrams[hash >> 3] = (trigrams[hash >> 3] ?? 0) | (1 << (hash & 7));
  }
  return { lowercase, trigrams };
}

function mayHold(index: FragmentIndex, fragment: string): boolean {
  for (let at = 0; at + 2 < fragment.length; at += 1) {
    const hash = trigramHash(fragment, at);
    if (((index.trigrams[hash >> 3] ?? 0) & (1 << (hash & 7))) === 0) return false;
  }
  return index.lowercase.includes(fragment);
}

/** False when the text lacks a fragment of every alternative: the pattern cannot match it. */
export function mayMatch(
  fragments: readonly (readonly string[])[] | undefined,
  index: FragmentIndex,
): boolean {
  return (
    fragments === undefined ||
    fragments.some((alternative) => alternative.every((fragment) => mayHold(index, fragment)))
  );
}
