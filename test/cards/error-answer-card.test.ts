import { describe, expect, it } from 'vitest';
import { renderCheckpointResultCard } from '../../cards/checkpoint-result-card';
import { pastedEvidence } from '../../cards/samples/result-samples';
import {
  sampleMigrationId,
  sampleServers,
  sampleTimeZone,
} from '../../cards/samples/sample-migration';
import { evaluateCheckpoint } from '../../migration/evaluate-checkpoint';
import { realFixture, realFixtureNames } from '../migration/support/real-fixtures';
import { allText } from './card-json';

const base = { migrationId: sampleMigrationId, servers: sampleServers, timeZone: sampleTimeZone };

function cardFor(text: string): string {
  const judgment = evaluateCheckpoint('staging-sync', [{ text }], { today: '2026-12-04' });
  return allText(renderCheckpointResultCard({ ...base, judgment, evidence: pastedEvidence }));
}

describe('the result card of a pasted error', () => {
  it('says the step failed on an error message and shows its cause and fix', () => {
    const text = cardFor(realFixture(realFixtureNames.exportPermissionIssue));

    expect(text).toContain(
      'The output you sent is an error message. The migration stays at this step',
    );
    expect(text).toContain('Export error permission-issue (8344)');
    expect(text).toContain('AdminSDHolder');
    expect(text).toContain('Fix: In the Entra Connect wizard select Troubleshoot');
  });

  it('says an error that shows nothing leaves the step not passed', () => {
    const text = cardFor(realFixture(realFixtureNames.syncAlreadyRunning));

    expect(text).toContain('shows nothing about this step, so the step is not passed');
  });

  it('shows the pasted line literally, never as markup', () => {
    const text = cardFor(
      'Start-ADSyncSyncCycle : Sync is already running. [click](https://evil.example) **now** ${x}',
    );

    expect(text).toContain('\\[click\\](https://evil.example) \\*\\*now\\*\\* $\\{x}');
  });
});
