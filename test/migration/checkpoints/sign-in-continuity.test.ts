import { describe, expect, it } from 'vitest';
import { evaluateCheckpoint } from '../../../migration/evaluate-checkpoint';
import type { FactValue } from '../../../migration/judgment';
import { item, messages, on, remediations, runsWith } from '../support/evidence-builders';
import { realFixture, realFixtureNames } from '../support/real-fixtures';

const scheduler = item(realFixture(realFixtureNames.schedulerStagingOff));
const threshold = item(realFixture(realFixtureNames.deletionThresholdDefault));
const firstExport = item(
  runsWith([{ connector: 'contoso.onmicrosoft.com - AAD', profile: 'Export', result: 'success' }]),
);
const syncState = (status: string, ended = '2025-09-29T07:48:24.203'): string =>
  realFixture(realFixtureNames.partitionPasswordSyncState)
    .replace(': Successful', `: ${status}`)
    .replace(
      'PasswordSyncLastSuccessfulCycleEndTimestamp   : 2022-03-10T18:48:24.203',
      `PasswordSyncLastSuccessfulCycleEndTimestamp   : ${ended}`,
    );
const writeback = (enabled: string, status: string): string =>
  `Enabled                  : ${enabled}\nServiceStatus            : ${status}\nOnboardingRequiredStatus : NotRequired`;

/** The real active scheduler output is due on 29 September 2025: judged on that day. */
function judge(evidence: readonly string[], recorded: Record<string, FactValue>) {
  return evaluateCheckpoint(
    'new-server-active',
    [threshold, scheduler, firstExport, ...evidence.map((text) => item(text))],
    on('2025-09-29', { 'old.stagingModeEnabled': true, ...recorded }),
  );
}

const phs = { 'signIn.signInMethod': 'phs' };
const writebackUsed = { 'signIn.signInMethod': 'phs', 'signIn.feature.passwordWriteback': true };

describe('sign-in keeps working after the switch (new-server-active)', () => {
  it.each([
    ['no sign-in facts recorded', [], {}, 'pass'],
    ['federation, which needs neither', [], { 'signIn.signInMethod': 'adfs' }, 'pass'],
    ['password hash sync running on the new server', [syncState('Successful')], phs, 'pass'],
    ['password hash sync not shown', [], phs, 'warn'],
    ['password hash sync failing', [syncState('Failed')], phs, 'fail'],
    [
      'password hash sync last run long before the switch',
      [syncState('Successful', '2025-09-01T07:00:00')],
      phs,
      'warn',
    ],
    [
      'password hash sync as a backup of federation',
      [],
      { 'signIn.signInMethod': 'adfs', 'signIn.feature.passwordHashSync': true },
      'warn',
    ],
    [
      'writeback on and started',
      [syncState('Successful'), writeback('True', 'Started')],
      writebackUsed,
      'pass',
    ],
    ['writeback not shown', [syncState('Successful')], writebackUsed, 'warn'],
    [
      'writeback off on the new server',
      [syncState('Successful'), writeback('False', 'Stopped')],
      writebackUsed,
      'fail',
    ],
    [
      'writeback on but its service stopped',
      [syncState('Successful'), writeback('True', 'Stopped')],
      writebackUsed,
      'warn',
    ],
    [
      'pass-through authentication, always confirmed by a person',
      [],
      { 'signIn.signInMethod': 'pta' },
      'warn',
    ],
  ] as const)('judges %s', (_case, evidence, recorded, status) => {
    expect(judge(evidence, recorded).status).toBe(status);
  });

  it('reads the method from the old server’s settings when no answers were given', () => {
    const judgment = judge([], { 'old.signInMethod': 'phs' });

    expect(messages(judgment, 'warning').join('\n')).toContain(
      'Password hash sync is used, but it is not shown running on the new server',
    );
    expect(remediations(judgment)).toContain('Get-ADSyncPartitionPasswordSyncState');
  });

  it('names the failing partition and how to troubleshoot it', () => {
    const judgment = judge([syncState('Failed')], phs);

    expect(messages(judgment, 'error')).toContain(
      "Password hash sync's last cycle for DC=test,DC=example,DC=com is Failed, not Successful: password changes are not reaching Microsoft Entra ID.",
    );
    expect(remediations(judgment)).toContain('Invoke-ADSyncDiagnostics -PasswordSync');
  });

  it('tells a pass-through authentication tenant to check the other agents are Active', () => {
    const judgment = judge([], { 'signIn.signInMethod': 'pta' });

    expect(remediations(judgment)).toContain('Pass-through authentication');
    expect(messages(judgment, 'warning').join('\n')).toContain(
      'never falls back to password hash sync',
    );
  });
});
