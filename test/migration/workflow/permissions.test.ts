import { describe, expect, it } from 'vitest';
import { initialMigrationStatus, type MigrationStatus } from '../../../migration/migration-status';
import {
  actionApplies,
  actionRules,
  mayAct,
  roleIn,
  signalAllowed,
  whoMay,
  type MigrationRole,
  type WorkflowAction,
} from '../../../migration/workflow/permissions';
import { alex, megan, start, wednesday10 } from './support/workflow-fixtures';

const base = initialMigrationStatus(start, wednesday10);
const status = (change: Partial<MigrationStatus>): MigrationStatus => ({ ...base, ...change });

describe('who may do what', () => {
  const table: readonly [WorkflowAction, readonly MigrationRole[]][] = [
    ['view', ['owner', 'approver', 'viewer']],
    ['snooze', ['owner', 'approver']],
    ['pause', ['owner']],
    ['resume', ['owner']],
    ['cancel', ['owner']],
    ['continue-anyway', ['owner']],
    ['confirm-old-server-offline', ['owner']],
    ['request-approval', ['owner']],
    ['decide-cutover', ['approver']],
    ['check-in', ['owner', 'approver']],
    ['resume-monitoring', ['owner']],
    ['confirm-rollback', ['owner']],
    ['confirm-decommission', ['owner', 'approver']],
    ['send-evidence', ['owner', 'approver']],
    ['retry', ['owner', 'approver']],
  ];

  it('covers every action', () => {
    expect(table.map(([action]) => action).sort()).toEqual(Object.keys(actionRules).sort());
  });

  it.each(table)('%s: %j', (action, roles) => {
    for (const role of ['owner', 'approver', 'viewer'] as const) {
      expect(mayAct(action, role), `${role} on ${action}`).toBe(roles.includes(role));
    }
  });

  it.each([
    ['pause', 'the owner (Alex Wilber)'],
    ['snooze', 'the owner or an approver'],
    ['decide-cutover', 'an approver named when the migration started'],
    ['view', 'anyone in the migration'],
  ] as const)('names who may %s', (action, who) => {
    expect(whoMay(action, 'Alex Wilber')).toBe(who);
  });
});

const syncStopped = {
  rule: 'sync-stopped',
  version: '2.2.1.0',
  minimum: '2.5.79.0',
  since: '2026-09-30',
  wizardSignInFails: true,
} as const;

const atOldServerStaging = status({
  checkpoint: 'old-server-staging',
  awaiting: 'evidence',
  oldServerCutoff: syncStopped,
});

describe('when an action applies', () => {
  const warned = status({
    checkpoint: 'tls12',
    awaiting: 'confirmation',
    lastJudgment: { checkpoint: 'tls12', status: 'warn', at: '' },
  });
  it.each<[string, WorkflowAction, MigrationStatus, object, boolean]>([
    ['continue after a warning', 'continue-anyway', warned, { checkpointId: 'tls12' }, true],
    ['continue from any step by command', 'continue-anyway', warned, {}, true],
    ['retry with nothing undone', 'retry', base, {}, false],
    [
      'retry what was left undone',
      'retry',
      status({
        undone: [{ key: 'post:x', what: 'send a message', why: 'Teams did not answer', at: '' }],
      }),
      {},
      true,
    ],
    [
      'continue a step that is not current',
      'continue-anyway',
      warned,
      { checkpointId: 'target-os' },
      false,
    ],
    [
      'continue after a fail',
      'continue-anyway',
      {
        ...warned,
        lastJudgment: { checkpoint: 'tls12', status: 'fail', at: '' },
        awaiting: 'evidence',
      },
      {},
      false,
    ],
    [
      'decide the open round',
      'decide-cutover',
      status({ awaiting: 'approval', decisionId: 'd-2' }),
      { decisionId: 'd-2' },
      true,
    ],
    [
      'decide an older round',
      'decide-cutover',
      status({ awaiting: 'approval', decisionId: 'd-2' }),
      { decisionId: 'd-1' },
      false,
    ],
    [
      'decide with no round open',
      'decide-cutover',
      status({ awaiting: 'confirmation', decisionId: null }),
      { decisionId: 'd-1' },
      false,
    ],
    [
      'ask again after a rejection',
      'request-approval',
      status({ checkpoint: 'cutover-approval', awaiting: 'confirmation' }),
      {},
      true,
    ],
    [
      'ask again while a round is open (to those it missed)',
      'request-approval',
      status({ checkpoint: 'cutover-approval', awaiting: 'approval' }),
      {},
      true,
    ],
    [
      'check in during monitoring',
      'check-in',
      status({ monitoring: { day: 1, of: 7, problem: null } }),
      {},
      true,
    ],
    ['check in before the cutover', 'check-in', base, {}, false],
    [
      'resume with a problem open',
      'resume-monitoring',
      status({ monitoring: { day: 1, of: 7, problem: 'x' } }),
      {},
      true,
    ],
    [
      'roll back with no problem open',
      'confirm-rollback',
      status({ monitoring: { day: 1, of: 7, problem: null } }),
      {},
      false,
    ],
    [
      'roll back to an old server shut down below a version cutoff',
      'confirm-rollback',
      status({
        monitoring: { day: 1, of: 7, problem: 'Exports fail.' },
        oldServerOffline: { how: 'shut-down', by: 'Alex Wilber', at: '2026-11-23T09:00:00Z' },
      }),
      {},
      false,
    ],
    [
      'roll back to an old server below a version cutoff',
      'confirm-rollback',
      status({
        monitoring: { day: 1, of: 7, problem: 'Exports fail.' },
        oldServerCutoff: syncStopped,
      }),
      {},
      false,
    ],
    [
      'confirm a checklist item in decommission',
      'confirm-decommission',
      status({ checkpoint: 'decommission' }),
      {},
      true,
    ],
    ['confirm a checklist item earlier', 'confirm-decommission', base, {}, false],
    ['snooze at any time', 'snooze', base, {}, true],
    [
      'send evidence the step waits for',
      'send-evidence',
      status({ checkpoint: 'tls12', awaiting: 'evidence' }),
      {},
      true,
    ],
    ['send better evidence after a warning', 'send-evidence', warned, {}, true],
    [
      'send evidence to the approval',
      'send-evidence',
      status({ checkpoint: 'cutover-approval', awaiting: 'approval' }),
      {},
      false,
    ],
    [
      'send evidence during monitoring',
      'send-evidence',
      status({ checkpoint: 'monitoring', awaiting: 'nothing' }),
      {},
      true,
    ],
    ['send evidence before the first step', 'send-evidence', base, {}, false],
    [
      'confirm the old server is offline while it waits, below a cutoff',
      'confirm-old-server-offline',
      atOldServerStaging,
      { checkpointId: 'old-server-staging' },
      true,
    ],
    [
      'confirm the old server is offline after a failed scheduler paste',
      'confirm-old-server-offline',
      {
        ...atOldServerStaging,
        lastJudgment: { checkpoint: 'old-server-staging', status: 'fail', at: '' },
      },
      {},
      true,
    ],
    [
      'confirm the old server is offline for a server the wizard can switch',
      'confirm-old-server-offline',
      { ...atOldServerStaging, oldServerCutoff: null },
      {},
      false,
    ],
    [
      'confirm the old server is offline for a summary written before the cutoff was known',
      'confirm-old-server-offline',
      status({ checkpoint: 'old-server-staging', awaiting: 'evidence' }),
      {},
      false,
    ],
    [
      'confirm the old server is offline at another step',
      'confirm-old-server-offline',
      { ...atOldServerStaging, checkpoint: 'new-server-active' },
      {},
      false,
    ],
    [
      'confirm the old server is offline with a card of another step',
      'confirm-old-server-offline',
      atOldServerStaging,
      { checkpointId: 'tls12' },
      false,
    ],
    [
      'confirm the old server is offline a second time',
      'confirm-old-server-offline',
      {
        ...atOldServerStaging,
        oldServerOffline: { how: 'shut-down', by: 'Alex Wilber', at: '' },
      },
      {},
      false,
    ],
  ])('%s: %s', (_name, action, current, target, applies) => {
    expect(actionApplies(action, current, target)).toBe(applies);
  });
});

describe('roles and the orchestration’s own check', () => {
  const party = { ownerAadObjectId: 'alex-oid', approvers: start.plan.approvers };

  it.each([
    ['the owner', { aadObjectId: 'alex-oid' }, 'owner'],
    ['an approver by object id', { aadObjectId: 'megan-oid' }, 'approver'],
    [
      'an approver by Teams user id',
      { aadObjectId: 'x', teamsUserId: 'lee.gu@contoso.com' },
      'approver',
    ],
    ['anyone else', { aadObjectId: 'eve-oid', teamsUserId: '29:eve' }, 'viewer'],
  ] as const)('%s is %s', (_name, user, role) => {
    expect(roleIn(party, user)).toBe(role);
  });

  it('proves owner-only actions from the signal and leaves shared ones to the bot', () => {
    expect(signalAllowed('resume-monitoring', start, alex)).toBe(true);
    expect(signalAllowed('resume-monitoring', start, megan)).toBe(false);
    expect(signalAllowed('request-approval', start, megan)).toBe(false);
    expect(signalAllowed('snooze', start, megan)).toBe(true);
    expect(signalAllowed('confirm-old-server-offline', start, alex)).toBe(true);
    expect(signalAllowed('confirm-old-server-offline', start, megan)).toBe(false);
  });
});
