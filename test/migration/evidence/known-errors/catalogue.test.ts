import { describe, expect, it } from 'vitest';
import { evaluateCheckpoint, isPeopleCheckpoint } from '../../../../migration/evaluate-checkpoint';
import { identifyEvidence } from '../../../../migration/evidence/identify-evidence';
import {
  knownPastedErrors,
  recognizePastedErrors,
  verdictAt,
} from '../../../../migration/evidence/pasted-errors';
import { checkpointIds, type CheckpointId } from '../../../../migration/runbook';
import { item, on } from '../../support/evidence-builders';
import {
  fixtureSection,
  flattened,
  realFixture,
  withCrlf,
  withoutHeader,
} from '../../support/real-fixtures';
import type { CatalogueRow, TypedRow } from './catalogue-row';
import { engineRows, engineTyped, engineWithoutSample } from './engine.rows';
import { outputsRows, outputsTyped, outputsWithoutSample } from './outputs.rows';
import { phsRows, phsTyped, phsWithoutSample } from './phs.rows';
import { setupRows, setupTyped, setupWithoutSample } from './setup.rows';
import { writebackRows, writebackTyped, writebackWithoutSample } from './writeback.rows';

const rows: readonly CatalogueRow[] = [
  ...phsRows,
  ...writebackRows,
  ...engineRows,
  ...setupRows,
  ...outputsRows,
];
const typed: readonly TypedRow[] = [
  ...phsTyped,
  ...writebackTyped,
  ...engineTyped,
  ...setupTyped,
  ...outputsTyped,
];
const withoutSample: Readonly<Record<string, string>> = {
  ...phsWithoutSample,
  ...writebackWithoutSample,
  ...engineWithoutSample,
  ...setupWithoutSample,
  ...outputsWithoutSample,
};
const evidenceCheckpoints = checkpointIds.filter(
  (id): id is Exclude<CheckpointId, 'cutover-approval' | 'decommission'> => !isPeopleCheckpoint(id),
);
const today = on('2026-12-07');

function textOf(row: CatalogueRow): string {
  const text = realFixture(row.fixture);
  return row.letter === undefined ? text : fixtureSection(text, row.letter);
}

const rowName = (row: CatalogueRow): string =>
  `${row.fixture}${row.letter === undefined ? '' : ` (${row.letter})`}`;
const named = rows.map((row) => [rowName(row), row] as const);
const ids = (text: string): string[] =>
  recognizePastedErrors(text)
    .map((error) => error.id)
    .sort();

describe('the catalogue of known failures, on real published texts', () => {
  it.each(named)('%s is recognised as its errors, with their cause and fix', (_name, row) => {
    const errors = recognizePastedErrors(textOf(row));

    expect(errors.map((error) => error.id).sort()).toEqual([...row.ids].sort());
    const said = errors.map((error) => `${error.cause} ${error.fix} ${error.excerpt}`).join(' ');
    for (const words of row.says) expect(said).toContain(words);
  });

  it.each(named)('%s reads the same with its line breaks lost or as a Windows file', (_n, row) => {
    const text = withoutHeader(textOf(row));

    expect(ids(flattened(text))).toEqual([...row.ids].sort());
    expect(ids(withCrlf(text))).toEqual([...row.ids].sort());
  });

  it.each(named)('%s is identified as its kind without being told the step', (_name, row) => {
    expect(identifyEvidence(textOf(row))).toBe(row.kind);
  });

  it.each(named)('%s never passes a step, and decides the steps its errors name', (_n, row) => {
    const errors = recognizePastedErrors(textOf(row));
    for (const checkpoint of evidenceCheckpoints) {
      const judgment = evaluateCheckpoint(checkpoint, [item(textOf(row))], today);
      const fails = errors.some((error) => verdictAt(error, checkpoint) === 'fail');

      expect(['unknown', 'fail'], checkpoint).toContain(judgment.status);
      if (fails) expect(judgment.status, checkpoint).toBe('fail');
      for (const error of errors) {
        const finding = judgment.findings.find((f) => f.pastedError === error.id);
        expect(finding?.message, checkpoint).toContain(error.cause);
        expect(finding?.remediation, checkpoint).toContain(error.fix);
      }
    }
  });
});

describe('errors without a real published text', () => {
  it.each(typed.map((row) => [row.text, row] as const))('recognises “%s”', (_text, row) => {
    expect(ids(row.text)).toEqual([...row.ids].sort());
  });
});

describe('the catalogue', () => {
  it('has every id once, each with a cause, a fix, a Learn page and the steps it decides', () => {
    const all = knownPastedErrors.map((error) => error.id);
    expect(new Set(all).size).toBe(all.length);
    for (const error of knownPastedErrors) {
      expect(error.cause.length, error.id).toBeGreaterThan(40);
      expect(error.fix.length, error.id).toBeGreaterThan(40);
      expect(error.learn, error.id).toMatch(/^https:\/\/learn\.microsoft\.com\//);
      expect(error.patterns.length, error.id).toBeGreaterThan(0);
      if (error.checkpoints !== 'any') {
        for (const checkpoint of error.checkpoints) expect(checkpointIds).toContain(checkpoint);
      }
      for (const explained of error.explains ?? []) expect(all, error.id).toContain(explained);
    }
  });

  it('has a real published text for every entry, or says where none was found and types its words', () => {
    const sampled = new Set(rows.flatMap((row) => row.ids));
    const typedIds = new Set(typed.flatMap((row) => row.ids));
    const areaFiles = knownPastedErrors.filter((error) => !legacyIds.has(error.id));
    for (const error of areaFiles) {
      if (sampled.has(error.id)) continue;
      expect(
        withoutSample[error.id]?.length ?? 0,
        `${error.id} has no sample and no reason`,
      ).toBeGreaterThan(40);
      expect(typedIds.has(error.id), `${error.id} has no typed row`).toBe(true);
    }
  });
});

/** The errors of commands and runs, tested with their own fixtures in pasted-errors.test.ts. */
const legacyIds = new Set([
  'tls12-not-configured',
  'settings-import-file-missing',
  'run-permission-issue',
  'run-no-start-connection',
  'run-stopped-extension-dll-exception',
  'sync-already-running',
  'adsync-module-not-loaded',
  'sync-account-interactive-sign-in',
  'aadsts-conditional-access-blocked',
  'aadsts-certificate-not-registered',
  'aadsts-application-not-found',
  'aadsts-invalid-client-secret',
  'entra-token-failure',
  'run-completed-with-errors',
  'run-stopped',
  'adsync-cmdlet-error',
]);
