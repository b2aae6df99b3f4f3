import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { AUDIT_DETAIL_MAX_CHARS, AuditLog, type AuditEntry } from '../../platform/audit-log';
import { TableAccess } from '../../platform/table-access';
import { useAzurite } from '../support/azurite-suite';
import { alex } from '../support/playground-people';

const azurite = useAzurite('audit-log');

const actor = { aadObjectId: alex.aadObjectId, name: alex.name };

function logIn(table: string): AuditLog {
  return new AuditLog(new TableAccess(azurite().connectionString, table));
}

function entry(migrationId: string, at: string, changes: Partial<AuditEntry> = {}): AuditEntry {
  return {
    migrationId,
    kind: 'submission',
    at,
    actor,
    summary: 'Evidence submitted for source-version',
    ...changes,
  };
}

describe('the audit log in Azure Tables', () => {
  it('lists a migration’s entries oldest first, whatever order they were appended in', async () => {
    const log = logIn('AuditA');
    const id = 'migration/with#reserved?chars';
    await log.append(entry(id, '2026-11-21T10:00:02.000Z', { kind: 'judgment', actor: undefined }));
    await log.append(entry(id, '2026-11-21T10:00:00Z'));
    await log.append(
      entry(id, '2026-11-21T10:00:01.5Z', {
        kind: 'decision',
        detail: { approve: true, comment: 'looks right' },
      }),
    );
    const entries = await log.list(id);
    expect(entries.map((e) => [e.at, e.kind])).toEqual([
      ['2026-11-21T10:00:00.000Z', 'submission'],
      ['2026-11-21T10:00:01.500Z', 'decision'],
      ['2026-11-21T10:00:02.000Z', 'judgment'],
    ]);
    expect(entries[0]).toEqual({
      migrationId: id,
      kind: 'submission',
      at: '2026-11-21T10:00:00.000Z',
      actor,
      summary: 'Evidence submitted for source-version',
    });
    expect(entries[1]?.detail).toEqual({ approve: true, comment: 'looks right' });
    expect(entries[2]?.actor).toBeUndefined();
    expect(await log.list('another-migration')).toEqual([]);
  });

  it('writes an entry with an idempotency key once, even when the rerun has another time', async () => {
    const log = logIn('AuditB');
    const reminder = entry('m1', '2026-11-21T10:00:00.000Z', {
      kind: 'reminder',
      actor: undefined,
      summary: 'Reminded Alex Wilber about tls12',
      idempotencyKey: 'm1:reminder:tls12:1',
    });
    expect(await log.append(reminder)).toEqual({ appended: true });
    expect(await log.append(reminder)).toEqual({ appended: false });
    expect(await log.append({ ...reminder, at: '2026-11-21T10:05:00.000Z' })).toEqual({
      appended: false,
    });
    const entries = await log.list('m1');
    expect(entries).toHaveLength(1);
    expect(entries[0]?.idempotencyKey).toBe('m1:reminder:tls12:1');
  });

  it('lets only one of several simultaneous appends with the same key through', async () => {
    const log = logIn('AuditC');
    const snooze = entry('m2', '2026-11-21T11:00:00.000Z', {
      kind: 'snooze',
      idempotencyKey: 'activity-42',
    });
    const results = await Promise.all([1, 2, 3, 4].map(() => log.append(snooze)));
    expect(results.filter((r) => r.appended)).toHaveLength(1);
    expect(await log.list('m2')).toHaveLength(1);
  });

  it('keeps entries without a key apart, even at the same instant', async () => {
    const log = logIn('AuditD');
    const at = '2026-11-21T12:00:00.000Z';
    await Promise.all([1, 2, 3].map(() => log.append(entry('m3', at, { kind: 'command' }))));
    expect(await log.list('m3')).toHaveLength(3);
  });

  it('keeps a detail over the size cap as a marked preview', async () => {
    const log = logIn('AuditE');
    const big = { findings: 'x"\\'.repeat(AUDIT_DETAIL_MAX_CHARS) };
    await log.append(entry('m4', '2026-11-21T13:00:00.000Z', { kind: 'judgment', detail: big }));
    const [stored] = await log.list('m4');
    expect(stored?.detail).toMatchObject({
      truncated: true,
      chars: JSON.stringify(big).length,
      preview: JSON.stringify(big).slice(0, 10_000),
    });
  });

  it('refuses an entry that does not fit the schema', async () => {
    const log = logIn('AuditF');
    await expect(
      log.append({ ...entry('m5', '2026-11-21T14:00:00.000Z'), kind: 'bogus' as 'notice' }),
    ).rejects.toBeInstanceOf(ZodError);
    await expect(log.append(entry('m5', 'yesterday'))).rejects.toBeInstanceOf(ZodError);
    expect(await log.list('m5')).toEqual([]);
  });
});
