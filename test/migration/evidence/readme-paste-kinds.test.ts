import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evidenceKinds } from '../../../migration/runbook';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

/** The README's table of what the bot reads in a paste. */
function pasteKindsTable(): string {
  const start = readme.indexOf('### What the bot reads in a paste');
  const end = readme.indexOf('\n\nThe catalogue of known failures', start);
  if (start === -1 || end === -1) throw new Error('The README has no table of paste kinds');
  return readme.slice(start, end);
}

describe('the README says which kinds of paste the bot reads', () => {
  it.each(evidenceKinds.filter((kind) => kind !== 'unknown'))(
    'names `%s`, the kind identify prints',
    (kind) => {
      const rows = pasteKindsTable()
        .split('\n')
        .filter((line) => line.startsWith('| `'));
      expect(rows.some((row) => row.split('|')[1]?.includes(`\`${kind}\``))).toBe(true);
    },
  );
});
