import type { EvaluationContext, EvidenceItem } from '../../../migration/evidence/evidence-item';
import type { FactValue, Judgment } from '../../../migration/judgment';
import { realFixture, realFixtureNames, withoutHeader } from './real-fixtures';

/** An evidence item from text, named like an uploaded file when a name is given. */
export function item(text: string, name?: string): EvidenceItem {
  return name === undefined ? { text } : { text, name };
}

/** An evaluation context for a day, with facts recorded by earlier checkpoints. */
export function on(today: string, recorded?: Record<string, FactValue>): EvaluationContext {
  return recorded === undefined ? { today } : { today, recorded };
}

/** The real global settings output with some values replaced (or rows added), row format kept. */
export function globalSettingsWith(values: Record<string, string>): string {
  const rows = withoutHeader(realFixture(realFixtureNames.globalSettings)).split('\n');
  const replaced = rows.map((row) => {
    const name = /^(Microsoft\.\S+)/.exec(row)?.[1];
    return name !== undefined && name in values ? `${name.padEnd(55)}${values[name] ?? ''}` : row;
  });
  const added = Object.entries(values)
    .filter(([name]) => !rows.some((row) => row.startsWith(`${name} `) || row === name))
    .map(([name, value]) => `${name.padEnd(55)}${value}`);
  return [...replaced, ...added].join('\n');
}

/** The real Get-ADSyncScheduler output (staging on) with some fields replaced. */
export function schedulerWith(values: Record<string, string>): string {
  return withoutHeader(realFixture(realFixtureNames.schedulerStagingOn))
    .split('\n')
    .map((line) => {
      const field = /^(\w+)\s*:/.exec(line)?.[1];
      return field !== undefined && field in values
        ? `${field.padEnd(36)}: ${values[field] ?? ''}`
        : line;
    })
    .join('\n');
}

/** The messages of a judgment's findings of one severity. */
export function messages(judgment: Judgment, severity: 'info' | 'warning' | 'error'): string[] {
  return judgment.findings
    .filter((finding) => finding.severity === severity)
    .map((finding) => finding.message);
}

/** Every remediation of a judgment, joined, for "exactly what to run" assertions. */
export function remediations(judgment: Judgment): string {
  return judgment.findings.map((finding) => finding.remediation ?? '').join('\n');
}

/** The pending-export summary the staging-sync step asks for, as Format-List prints it. */
export function pendingExportsWith(counts: {
  adds?: number;
  updates?: number;
  deletes?: number;
  other?: number;
  connector?: string;
}): string {
  const rows: [string, string][] = [
    ['PendingExportConnector', counts.connector ?? 'contoso.onmicrosoft.com - AAD'],
    ['PendingAdds', String(counts.adds ?? 0)],
    ['PendingUpdates', String(counts.updates ?? 0)],
    ['PendingDeletes', String(counts.deletes ?? 0)],
    ['PendingOther', String(counts.other ?? 0)],
  ];
  return rows.map(([name, value]) => `${name.padEnd(23)}: ${value}`).join('\n');
}

/** Get-ADSyncRunProfileResult records (the fields the steps ask for), one per run, newest first. */
export function runsWith(
  runs: readonly { connector: string; profile: string; result: string; complete?: boolean }[],
): string {
  return runs
    .map((run) =>
      [
        `ConnectorName  : ${run.connector}`,
        `RunProfileName : ${run.profile}`,
        `IsRunComplete  : ${run.complete === false ? 'False' : 'True'}`,
        `Result         : ${run.result}`,
        'StartDate      : 12/1/2026 10:31:12 AM',
        'EndDate        : 12/1/2026 10:31:20 AM',
      ].join('\n'),
    )
    .join('\n\n');
}
