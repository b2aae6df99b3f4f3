import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateCheckpoint } from '../../../migration/evaluate-checkpoint';
import { item, on } from '../support/evidence-builders';
import { realFixture, realFixtureNames } from '../support/real-fixtures';

// A step that needs several outputs, sent one at a time, is not "could not judge": it says what it
// has and what it still waits for, and never claims an output it received was not found.

const evidence = (file: string): string =>
  readFileSync(path.resolve(__dirname, '../../scenarios/evidence', file), 'utf8');
const today = on('2026-11-23');

describe('a step judged from some of its outputs', () => {
  it('lists what it received and what is still missing, at the install step given only the version', () => {
    const judgment = evaluateCheckpoint(
      'target-install',
      [item(evidence('new-server-version.txt'))],
      today,
    );

    expect(judgment.status).toBe('unknown');
    expect(judgment.progress).toEqual({
      received: ['global settings (Get-ADSyncGlobalSettings)'],
      missing: [
        'Get-ADSyncScheduler output or global settings (Get-ADSyncGlobalSettings), for staging mode',
        'Get-ADSyncEntraConnectorCredential output, to confirm application-based authentication',
      ],
    });
    // Global settings were sent, only without StagingMode: said as such, not "none was found".
    const messages = judgment.findings.map((finding) => finding.message);
    expect(messages).toContain(
      'What you sent as global settings (Get-ADSyncGlobalSettings) does not show what is needed for staging mode: send the whole Get-ADSyncScheduler output or global settings (Get-ADSyncGlobalSettings).',
    );
    expect(messages.join('\n')).not.toMatch(/No .*global settings.* was found/);
  });

  it('counts down as outputs arrive, and has no progress once the step is judged', () => {
    const version = item(evidence('new-server-version.txt'));
    const credential = item(evidence('new-server-entra-connector-credential.txt'));
    const scheduler = item(realFixture(realFixtureNames.schedulerStagingOn));

    const two = evaluateCheckpoint('target-install', [version, credential], today);
    expect(two.progress?.received).toHaveLength(2);
    expect(two.progress?.missing).toEqual([
      'Get-ADSyncScheduler output or global settings (Get-ADSyncGlobalSettings), for staging mode',
    ]);

    const all = evaluateCheckpoint('target-install', [version, credential, scheduler], today);
    expect(all.status).not.toBe('unknown');
    expect(all.progress).toBeUndefined();
  });

  it('waits for the two other outputs of the staging sync check after the first', () => {
    const judgment = evaluateCheckpoint(
      'staging-sync',
      [item(evidence('staging-initial-sync.txt'))],
      today,
    );
    expect(judgment.status).toBe('unknown');
    expect(judgment.progress?.received).toEqual(['Start-ADSyncSyncCycle result']);
    expect(judgment.progress?.missing).toEqual([
      'Get-ADSyncConnectorRunStatus output, to show the cycle finished',
      'pending-export summary of the Microsoft Entra connector, to review what the cutover would export',
    ]);
  });

  it('stays "could not judge" for text this step does not take at all', () => {
    const judgment = evaluateCheckpoint(
      'target-install',
      [item('hello, is this thing on?')],
      today,
    );
    expect(judgment.status).toBe('unknown');
    expect(judgment.progress).toBeUndefined();
  });
});
