import { describe, expect, it } from 'vitest';
import {
  evaluateCheckpointEvidence,
  isPeopleCheckpoint,
  peopleCheckpointIds,
} from '../../migration/evaluate-checkpoint';
import { judgmentSchema } from '../../migration/judgment';
import { checkpointIds, runbook } from '../../migration/runbook';
import { item, on } from './support/evidence-builders';
import { realFixture, realFixtureNames } from './support/real-fixtures';

const today = on('2026-11-21');

describe('evaluateCheckpointEvidence', () => {
  it('knows exactly the checkpoints the runbook says people decide', () => {
    const people = runbook
      .filter((checkpoint) => checkpoint.decidedBy === 'people')
      .map((c) => c.id);

    expect([...peopleCheckpointIds]).toEqual(people);
    expect(checkpointIds.filter(isPeopleCheckpoint)).toEqual(people);
  });

  it.each(peopleCheckpointIds)('returns a people decision for %s, whatever the evidence', (id) => {
    const evaluation = evaluateCheckpointEvidence(id, [item('2.5.79.0')], today);

    expect(evaluation.kind).toBe('decided-by-people');
  });

  it.each(checkpointIds.filter((id) => !isPeopleCheckpoint(id)))(
    'judges %s without evidence as unknown, naming what to provide, as unusable input',
    (id) => {
      const evaluation = evaluateCheckpointEvidence(id, [], today);

      expect(evaluation.kind).toBe('no-usable-evidence');
      if (evaluation.kind !== 'no-usable-evidence') return;
      expect(judgmentSchema.parse(evaluation.judgment).checkpoint).toBe(id);
      expect(['unknown', 'fail']).toContain(evaluation.judgment.status);
      expect(evaluation.judgment.findings.length).toBeGreaterThan(0);
    },
  );

  it('says what a file of the wrong kind is', () => {
    const evaluation = evaluateCheckpointEvidence(
      'tls12',
      [item(realFixture(realFixtureNames.schedulerStagingOn), 'scheduler.txt')],
      today,
    );

    expect(evaluation.kind === 'no-usable-evidence' && evaluation.problems).toEqual([
      'scheduler.txt is Get-ADSyncScheduler output, not output of the TLS 1.2 check script.',
    ]);
  });

  it('judges usable evidence as a plain JSON judgment', () => {
    const evaluation = evaluateCheckpointEvidence(
      'old-server-staging',
      [item(realFixture(realFixtureNames.schedulerStagingOn))],
      today,
    );

    expect(evaluation.kind).toBe('judged');
    if (evaluation.kind !== 'judged') return;
    expect(JSON.parse(JSON.stringify(evaluation.judgment))).toEqual(evaluation.judgment);
    expect(judgmentSchema.safeParse(evaluation.judgment).success).toBe(true);
  });

  it('hands configuration files to the configuration judgments', () => {
    const migratedPolicy = JSON.stringify({
      policyMetadata: { type: 'migration', azureADConnectVersion: '1.4.38.0' },
      deploymentMetadata: { hostName: 'aadc-old.contoso.com' },
    });
    const exported = evaluateCheckpointEvidence(
      'config-export',
      [item(migratedPolicy, 'MigratedPolicy.json')],
      today,
    );
    const version = evaluateCheckpointEvidence(
      'source-version',
      [item(migratedPolicy, 'MigratedPolicy.json')],
      today,
    );

    expect(exported.kind).toBe('judged');
    expect(exported.kind === 'judged' && exported.judgment.checkpoint).toBe('config-export');
    expect(version.kind === 'judged' && version.judgment.facts['old.version']).toBe('1.4.38.0');
  });

  it('needs two configuration files for config-match', () => {
    const evaluation = evaluateCheckpointEvidence('config-match', [item('{}', 'old.json')], today);

    expect(evaluation.kind).toBe('no-usable-evidence');
  });
});
