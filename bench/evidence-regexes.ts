// Every regular expression the evidence readers and judges run (migration/evidence and
// migration/checkpoints), and for each one the input that makes it work hardest: built by pumping
// parts of strings the expression matches (fast-check's stringMatching) and cutting them short so
// the match fails, as a backtracking attack does, then keeping the pump whose time grows fastest.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import ts from 'typescript';
import { knownPastedErrors } from '../migration/evidence/pasted-errors';

const root = fileURLToPath(new URL('..', import.meta.url));
const folders = ['migration/evidence', 'migration/checkpoints'];

/** A regular expression of the product and where it is written. */
export interface ProductRegex {
  where: string;
  regex: RegExp;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(root, folder)).flatMap((name) => {
    const relative = path.join(folder, name);
    if (statSync(path.join(root, relative)).isDirectory()) return sourceFiles(relative);
    return name.endsWith('.ts') ? [relative] : [];
  });
}

/** Every regular expression literal in the folders, plus the known errors' patterns built at run time. */
export function productRegexes(): ProductRegex[] {
  const found: ProductRegex[] = [];
  const seen = new Set<string>();
  const add = (where: string, regex: RegExp): void => {
    const key = `${regex.source}/${regex.flags}`;
    if (seen.has(key)) return;
    seen.add(key);
    found.push({ where, regex });
  };
  for (const file of folders.flatMap(sourceFiles)) {
    const text = readFileSync(path.join(root, file), 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const literal = node.getText(source);
        const end = literal.lastIndexOf('/');
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        add(`${file}:${String(line)}`, new RegExp(literal.slice(1, end), literal.slice(end + 1)));
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  for (const known of knownPastedErrors) {
    known.patterns.forEach((pattern, index) => {
      add(`known error ${known.id} pattern ${String(index + 1)}`, pattern);
    });
  }
  return found;
}

/** The input built against one expression: `prefix + unit × n + suffix`. */
export interface RegexAttack {
  prefix: string;
  unit: string;
  suffix: string;
}

/** The attack text of about `bytes` characters. */
export function attackText(attack: RegexAttack, bytes: number): string {
  const room = Math.max(1, bytes - attack.prefix.length - attack.suffix.length);
  return (
    attack.prefix +
    attack.unit.repeat(Math.max(1, Math.floor(room / attack.unit.length))) +
    attack.suffix
  );
}

const genericUnits = [' ', 'a', '1', '.', '\n', ' \n', 'a ', '1.', ': ', '\t', '-', 'A1 '];
const failingSuffixes = ['', '\u0001', '!\n'];

function samplesOf(regex: RegExp): string[] {
  try {
    const matcher = new RegExp(regex.source, regex.flags.replace(/[gyd]/g, ''));
    return fc
      .sample(fc.stringMatching(matcher, { size: 'small' }), { numRuns: 4, seed: 24 })
      .filter((sample) => sample.length <= 300);
  } catch {
    // stringMatching does not read every construct (lookbehinds, some escapes): pump from nothing.
    return [];
  }
}

function candidates(regex: RegExp): RegexAttack[] {
  const attacks: RegexAttack[] = [];
  for (const unit of genericUnits) {
    for (const suffix of failingSuffixes) attacks.push({ prefix: '', unit, suffix });
  }
  for (const sample of ['', ...samplesOf(regex)]) {
    const positions = new Set<number>();
    const step = Math.max(1, Math.floor(sample.length / 12));
    for (let index = 0; index < sample.length; index += step) positions.add(index);
    for (const index of positions) {
      const prefix = sample.slice(0, index);
      const units = new Set([sample.slice(index, index + 1), sample.slice(index, index + 2), ' ']);
      for (const unit of units) {
        if (unit === '') continue;
        attacks.push({ prefix, unit, suffix: '\u0001' });
        attacks.push({ prefix, unit, suffix: `${sample.slice(index + 1, index + 12)}\u0001` });
      }
    }
  }
  return attacks;
}

function timeOf(regex: RegExp, text: string, runs = 3): number {
  const search = new RegExp(regex.source, regex.flags.replace(/[gy]/g, ''));
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    search.exec(text);
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/** How an expression fares against the attack built for it. */
export interface RegexProbe extends ProductRegex {
  attack: RegexAttack;
  /** Milliseconds to search 10 KB and 100 KB of the attack (projected when a smaller size is already slow). */
  smallMs: number;
  largeMs: number;
  /** largeMs / smallMs: about 10 for a linear search, about 100 for a quadratic one. */
  growth: number;
  /** Grows faster than linearly and takes a noticeable time at 100 KB (below 10 ms, timer noise and the machine's load decide). */
  superLinear: boolean;
  /** True when the sizes up to 100 KB were too slow to wait for and were projected from smaller ones. */
  projected: boolean;
}

/** A search slower than this is not repeated nor run at the next size: the growth so far projects it. */
const patienceMs = 20;
const probeSizes = [256, 1_000, 3_000, 10_000, 30_000, 100_000];

/** Times the attack at growing sizes (best of three while quick), projecting the sizes past a slow one. */
function growthOf(regex: RegExp, attack: RegexAttack): { at: number[]; projected: boolean } {
  const at: number[] = [];
  let projected = false;
  for (const [index, size] of probeSizes.entries()) {
    const [beforeLast, last] = [at.at(-2), at.at(-1)];
    if (last !== undefined && last > patienceMs) {
      const ratio = probeSizes[1] === undefined ? 1 : size / (probeSizes[index - 1] ?? size);
      const stepRatio = (probeSizes[index - 1] ?? 1) / (probeSizes[index - 2] ?? 1);
      const exponent =
        beforeLast !== undefined && beforeLast >= 0.05
          ? Math.max(1, Math.log(last / beforeLast) / Math.log(stepRatio))
          : 2;
      at.push(last * ratio ** exponent);
      projected = true;
      continue;
    }
    const text = attackText(attack, size);
    const first = Math.max(timeOf(regex, text, 1), 0.001);
    // A slow first search is checked once more (a pause of the machine is no growth) unless very slow.
    at.push(first > patienceMs * 10 ? first : Math.min(first, timeOf(regex, text, 2)));
  }
  return { at, projected };
}

/** Finds, for one expression, the attack whose search time grows fastest. */
export function probeRegex(found: ProductRegex): RegexProbe {
  const screened = candidates(found.regex)
    .map((attack) => ({ attack, ms: timeOf(found.regex, attackText(attack, 256), 1) }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 3);
  let worst: RegexProbe | undefined;
  for (const { attack } of screened) {
    const { at, projected } = growthOf(found.regex, attack);
    const smallMs = at[3] ?? Number.NaN;
    const largeMs = at[5] ?? Number.NaN;
    const growth = largeMs / smallMs;
    const superLinear = growth > 12 && largeMs > 10;
    const probe = { ...found, attack, smallMs, largeMs, growth, projected, superLinear };
    if (worst === undefined || probe.largeMs > worst.largeMs) worst = probe;
  }
  if (worst === undefined) throw new Error(`no attack built for ${found.where}`);
  return worst;
}
