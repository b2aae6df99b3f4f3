import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffConfigurations, perInstallKeys, perInstallSections } from '../../../migration/config';
import {
  newInstall,
  oldInstall,
  sameVersionNewInstall,
  syntheticExport,
  type Json,
  type SyntheticExportSpec,
} from '../../fixtures/synthetic/config-export-builder';
import { leavesOf, shuffledEverywhere, withLeaf, type JsonLeaf } from './support/json-leaves';
import { parsedDocument } from './support/parsed-document';
import { defined } from '../../support/defined';

// _synthetic: true — the exports here are generated from the synthetic builder's specs.

const specs: fc.Arbitrary<SyntheticExportSpec> = fc
  .record({
    forests: fc.integer({ min: 1, max: 3 }),
    partitions: fc.integer({ min: 1, max: 3 }),
    inclusions: fc.integer({ min: 0, max: 3 }),
    exclusions: fc.integer({ min: 0, max: 3 }),
    customRules: fc.integer({ min: 0, max: 3 }),
    standardRules: fc.integer({ min: 0, max: 3 }),
    mappings: fc.integer({ min: 0, max: 4 }),
    azureCustomRules: fc.integer({ min: 0, max: 2 }),
  })
  .map((counts) => ({
    directories: Array.from({ length: counts.forests }, (_, forest) => {
      const root = `DC=forest${forest},DC=example`;
      return {
        forest: `forest${forest}.example`,
        partitions: Array.from({ length: counts.partitions }, (_, partition) => ({
          distinguishedName: partition === 0 ? root : `DC=child${partition},${root}`,
          inclusions: Array.from({ length: counts.inclusions }, (_, ou) => `OU=In${ou},${root}`),
          exclusions: Array.from({ length: counts.exclusions }, (_, ou) => `OU=Out${ou},${root}`),
        })),
        customRules: Array.from({ length: counts.customRules }, (_, rule) => ({
          name: `Custom ${rule}`,
          precedence: rule,
          mappings: counts.mappings,
        })),
        standardRules: Array.from({ length: counts.standardRules }, (_, rule) => ({
          name: `Standard ${rule}`,
          precedence: 100 + rule,
          mappings: counts.mappings,
        })),
      };
    }),
    azureCustomRules: Array.from({ length: counts.azureCustomRules }, (_, rule) => ({
      name: `Custom out ${rule}`,
      direction: 'Outbound' as const,
      mappings: counts.mappings,
    })),
  }));

const ignoredSections = new Set(perInstallSections.map((setting) => setting.key));
const ignoredKeys = new Set(perInstallKeys.map((setting) => setting.key));

function isIgnored(leaf: JsonLeaf): boolean {
  const [section] = leaf.path;
  return (
    (typeof section === 'string' && ignoredSections.has(section)) ||
    leaf.path.some((step) => typeof step === 'string' && ignoredKeys.has(step))
  );
}

function changedValue(value: string | number | boolean): Json {
  if (typeof value === 'string') return `${value}~changed`;
  if (typeof value === 'number') return value + 1000;
  return !value;
}

function diff(oldJson: Json, newJson: Json) {
  return diffConfigurations(parsedDocument(oldJson), parsedDocument(newJson));
}

describe('diffConfigurations properties', () => {
  it('never finds a difference when only the order of lists differs', () => {
    fc.assert(
      fc.property(specs, fc.integer(), (spec, seed) => {
        const oldJson = syntheticExport(spec, oldInstall);
        const newJson = shuffledEverywhere(syntheticExport(spec, newInstall), seed);
        expect(diff(oldJson, newJson)).toEqual([]);
        expect(diff(newJson, oldJson)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('finds exactly one difference, with both values, for one changed value', () => {
    fc.assert(
      fc.property(specs, fc.nat(), fc.integer(), (spec, pick, seed) => {
        const oldJson = syntheticExport(spec, oldInstall);
        const newJson = syntheticExport(spec, sameVersionNewInstall);
        const compared = leavesOf(newJson).filter((leaf) => !isIgnored(leaf));
        const leaf = defined(compared[pick % compared.length], 'a compared leaf');
        const changed = shuffledEverywhere(
          withLeaf(newJson, leaf.path, changedValue(leaf.value)),
          seed,
        );
        const found = diff(oldJson, changed);
        expect(found).toHaveLength(1);
        expect(found[0]).toMatchObject({
          kind: 'changed',
          oldValue: leaf.value,
          newValue: changedValue(leaf.value),
        });
      }),
      { numRuns: 300 },
    );
  });

  it('finds no difference when only a per-install value changes', () => {
    fc.assert(
      fc.property(specs, fc.nat(), (spec, pick) => {
        const oldJson = syntheticExport(spec, oldInstall);
        const newJson = syntheticExport(spec, sameVersionNewInstall);
        const ignored = leavesOf(newJson).filter(isIgnored);
        const leaf = defined(ignored[pick % ignored.length], 'a per-install leaf');
        expect(diff(oldJson, withLeaf(newJson, leaf.path, changedValue(leaf.value)))).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
