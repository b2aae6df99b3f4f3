import type { Judgment, JudgmentStatus } from '../../../../migration/judgment';
import { emptyJournal } from '../../../../migration/migration-journal';
import type { MigrationSignal, MigrationSignalOf } from '../../../../migration/migration-signals';
import type { MigrationStart } from '../../../../migration/migration-start';
import { initialMigrationStatus } from '../../../../migration/migration-status';
import type { CheckpointId } from '../../../../migration/runbook';
import type {
  Decision,
  Effect,
  Input,
  MigrationRecord,
  StepRules,
} from '../../../../migration/workflow/workflow';

/** Alex runs the migration; Megan and Lee approve. Berlin office hours, Monday to Friday. */
export const alex = { aadObjectId: 'alex-oid', name: 'Alex Wilber' };
export const megan = { aadObjectId: 'megan-oid', name: 'Megan Bowen' };
export const eve = { aadObjectId: 'eve-oid', name: 'Eve Intruder' };

export const start: MigrationStart = {
  migrationId: 'm-1',
  tenantId: 'tenant-1',
  owner: { id: '29:alex', ...alex },
  plan: {
    oldServer: 'AADC01',
    newServer: 'AADC02',
    approvers: [
      { id: 'megan-oid', name: 'Megan Bowen' },
      { id: 'lee.gu@contoso.com', name: 'Lee Gu' },
    ],
    monitoringDays: 3,
    timeZone: 'Europe/Berlin',
    workingHours: { start: '08:00', end: '17:00', days: [1, 2, 3, 4, 5] },
  },
  conversationKey: 'conversation-1',
  escalationConversationKey: 'channel-1',
  timing: {
    reminderAfterHours: 48,
    approvalReminderHours: 4,
    escalateAfterHours: 24,
    approvalExpiresAfterHours: 72,
  },
};

/** Wednesday 2026-11-18, 10:00 in Berlin. */
export const wednesday10 = new Date('2026-11-18T09:00:00Z');

export function at(iso: string): Date {
  return new Date(iso);
}

export function hoursAfter(from: Date, hours: number): Date {
  return new Date(from.getTime() + hours * 3600_000);
}

export function freshRecord(when: Date = wednesday10): MigrationRecord {
  return { status: initialMigrationStatus(start, when), journal: emptyJournal() };
}

const evidenceRef = (n: number): MigrationSignalOf<'evidence'>['evidence'] => ({
  blobName: `tenant-1/${String(n)}`,
  sha256: String(n).padStart(64, '0'),
  bytes: 100 + n,
});

export function evidence(
  checkpoint: CheckpointId,
  n: number,
  when: Date = wednesday10,
): MigrationSignalOf<'evidence'> {
  return {
    type: 'evidence',
    checkpoint,
    kind: 'scheduler',
    evidence: evidenceRef(n),
    by: alex,
    at: when.toISOString(),
  };
}

export function judgment(checkpoint: CheckpointId, status: JudgmentStatus): Judgment {
  return {
    checkpoint,
    status,
    findings:
      status === 'pass'
        ? []
        : [{ severity: status === 'warn' ? 'warning' : 'error', message: 'Look at this.' }],
    facts: { [`${checkpoint}.seen`]: true },
  };
}

export function signal<T extends MigrationSignal['type']>(
  type: T,
  fields: Omit<MigrationSignalOf<T>, 'type' | 'by' | 'at'> & { by?: MigrationSignal['by'] },
  when: Date = wednesday10,
): Input {
  return {
    kind: 'signal',
    signal: { by: alex, ...fields, type, at: when.toISOString() } as MigrationSignal,
  };
}

export const time: Input = { kind: 'time' };

/** Runs a step's rules over inputs, each at its time; returns every decision in order. */
export function play<S>(
  rules: StepRules<S>,
  record: MigrationRecord,
  beginAt: Date,
  inputs: readonly (readonly [Input, Date])[],
): Decision<S>[] {
  const decisions: Decision<S>[] = [rules.begin(start, record, beginAt)];
  for (const [input, when] of inputs) {
    const last = decisions.at(-1);
    if (last === undefined) throw new Error('no decision');
    decisions.push(rules.on(start, last.record, last.state, input, when));
  }
  return decisions;
}

/** The last of a list, or a clear failure. */
export function last<T>(items: readonly T[]): T {
  const item = items.at(-1);
  if (item === undefined) throw new Error('expected at least one item');
  return item;
}

/** What each effect is, as `kind:purpose-or-key`, for reading a decision at a glance. */
export function effectNames(effects: readonly Effect[]): string[] {
  return effects.map((effect) => {
    switch (effect.kind) {
      case 'post':
        return `post:${effect.purpose}`;
      case 'audit':
        return `audit:${effect.key}`;
      case 'replace':
        return `replace:${effect.to.kind}`;
      case 'post-config-diff':
        return `diff:${effect.purpose}`;
    }
  });
}
