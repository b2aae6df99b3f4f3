import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  judgeConfigExport,
  judgeConfigMatch,
  parseConfigDocument,
} from '../../../migration/config';
import { syntheticFixtureFiles } from '../../fixtures/synthetic/config-export-builder';

// _synthetic: true — these files are built, not captured (test/fixtures/synthetic/README.md).

const folder = new URL('../../fixtures/synthetic/', import.meta.url);
const context = { today: '2026-06-01' };

function fixture(file: string): { text: string; name: string } {
  return { text: readFileSync(new URL(file, folder), 'utf8'), name: file };
}

describe('synthetic fixture files', () => {
  it.each(syntheticFixtureFiles.map(({ file, build }) => [file, build] as const))(
    '%s is exactly what the builder produces',
    (file, build) => {
      expect(JSON.parse(fixture(file).text)).toEqual(build());
    },
  );

  it.each([
    ['Exported-SynchronizationPolicy-synthetic-old.json', 'config-export'],
    ['Applied-SynchronizationPolicy-synthetic-new-matching.json', 'config-export'],
    ['Applied-SynchronizationPolicy-synthetic-new-drifted.json', 'config-export'],
    ['MigratedPolicy-synthetic.json', 'migrated-policy'],
  ])('%s reads as %s', (file, kind) => {
    expect(parseConfigDocument(fixture(file).text).kind).toBe(kind);
  });

  it('the old export passes the config-export checkpoint', () => {
    const judgment = judgeConfigExport(
      [fixture('Exported-SynchronizationPolicy-synthetic-old.json')],
      context,
    );
    expect(judgment.status).toBe('pass');
  });

  it.each([
    ['Applied-SynchronizationPolicy-synthetic-new-matching.json', 'pass', 0],
    ['Applied-SynchronizationPolicy-synthetic-new-drifted.json', 'fail', 2],
  ])('config-match of the old export with %s is %s', (file, status, critical) => {
    const judgment = judgeConfigMatch(
      [fixture('Exported-SynchronizationPolicy-synthetic-old.json'), fixture(file)],
      context,
    );
    expect(judgment.status).toBe(status);
    expect(judgment.facts.criticalDifferences).toBe(critical);
  });
});
