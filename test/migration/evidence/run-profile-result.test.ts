import { describe, expect, it } from 'vitest';
import { evaluateCheckpoint } from '../../../migration/evaluate-checkpoint';
import { parseConnectorRunStatus } from '../../../migration/evidence/connector-run-status';
import { identifyEvidence } from '../../../migration/evidence/identify-evidence';
import { parseRunProfileResult } from '../../../migration/evidence/run-profile-result';
import { item, messages, on, pendingExportsWith } from '../support/evidence-builders';
import { flattened, realFixture, realFixtureNames, withoutHeader } from '../support/real-fixtures';

const real = realFixture(realFixtureNames.runProfileNoStartConnection);

/**
 * The real record with other values, layout kept, without its step details (as printed without
 * -RunStepDetails): a builder for results the real output lacks.
 */
function recordWith(values: Record<string, string>): string {
  const lines = withoutHeader(real).split('\n');
  return lines
    .slice(
      0,
      lines.findIndex((line) => line.includes('RunStepResults')),
    )
    .map((line) => {
      const field = /^\s*(\w+)\s+:/.exec(line)?.[1];
      return field !== undefined && field in values
        ? `    ${field.padEnd(18)}: ${values[field] ?? ''}`
        : line;
    })
    .join('\n');
}

describe('parseRunProfileResult', () => {
  it('reads the real record: connector, run profile, run number and the status whole', () => {
    expect(parseRunProfileResult(real)).toEqual({
      status: 'parsed',
      value: {
        runs: [
          {
            connector: 'garage.mcardletech.com',
            runProfile: 'Export',
            runNumber: 26285,
            complete: true,
            result: 'no-start-connection',
            startDate: '2022-04-08T20:13:31.163',
            endDate: '2022-04-08T20:13:52.187',
          },
        ],
      },
      missing: [],
    });
  });

  it('reads the real record the same with its line breaks lost', () => {
    expect(parseRunProfileResult(flattened(withoutHeader(real)))).toMatchObject({
      value: { runs: [{ connector: 'garage.mcardletech.com', result: 'no-start-connection' }] },
    });
  });

  it.each([
    ['a Microsoft Entra connector name with its " - AAD" suffix', 'contoso.onmicrosoft.com - AAD'],
    ['a connector name with dots and spaces', 'corp.contoso.com (EMEA forest)'],
  ])('keeps %s as printed', (_case, connector) => {
    const text = recordWith({ ConnectorName: connector, Result: 'completed-export-errors' });

    expect(parseRunProfileResult(text)).toMatchObject({
      value: { runs: [{ connector, result: 'completed-export-errors' }] },
    });
    expect(parseRunProfileResult(flattened(text))).toMatchObject({
      value: { runs: [{ connector, result: 'completed-export-errors' }] },
    });
  });

  it('reads several records, and a table of selected columns', () => {
    const two = `${recordWith({ Result: 'success' })}\n\n${recordWith({ RunProfileName: 'Delta Import', IsRunComplete: 'False', Result: 'in-progress' })}`;
    expect(parseRunProfileResult(two)).toMatchObject({
      value: {
        runs: [
          { runProfile: 'Export', result: 'success', complete: true },
          { runProfile: 'Delta Import', result: 'in-progress', complete: false },
        ],
      },
    });
    const table = [
      'ConnectorName                 RunProfileName       Result                  StartDate',
      '-------------                 --------------       ------                  ---------',
      'contoso.onmicrosoft.com - AAD Export               completed-export-errors 2026-12-03T10:01:02',
      'corp.contoso.com              Delta Synchronization success                 2026-12-03T10:00:40',
    ].join('\n');
    expect(parseRunProfileResult(table)).toMatchObject({
      value: {
        runs: [
          {
            connector: 'contoso.onmicrosoft.com - AAD',
            runProfile: 'Export',
            result: 'completed-export-errors',
          },
          { connector: 'corp.contoso.com', runProfile: 'Delta Synchronization', result: 'success' },
        ],
      },
    });
  });

  it('is not a Start-ADSyncSyncCycle answer or a running connector', () => {
    expect(
      parseRunProfileResult('PS C:\\> Start-ADSyncSyncCycle\n\nResult\n------\nSuccess').status,
    ).toBe('absent');
    expect(parseConnectorRunStatus(real).status).toBe('absent');
  });

  it('is identified as run results when every run succeeded', () => {
    expect(identifyEvidence(recordWith({ Result: 'success' }))).toBe('run-profile-result');
    expect(identifyEvidence(real)).toBe('pasted-error');
  });
});

describe('run results in the judgments', () => {
  const today = on('2026-12-04');
  const succeeded = item(recordWith({ Result: 'success' }));
  const initial = item(
    'PS C:\\> Start-ADSyncSyncCycle -PolicyType Initial\n\nResult\n------\nSuccess',
  );

  it('shows that a staging cycle finished when its runs succeeded', () => {
    const judgment = evaluateCheckpoint(
      'staging-sync',
      [initial, succeeded, item(pendingExportsWith({}))],
      today,
    );

    expect(judgment.status).toBe('pass');
    expect(messages(judgment, 'info')).toContain(
      'Export on connector “garage.mcardletech.com” (run 26285) ended success.',
    );
  });

  it('fails a run that ended with errors, naming the run and its connector', () => {
    const failed = item(
      recordWith({
        ConnectorName: 'contoso.onmicrosoft.com - AAD',
        Result: 'completed-export-errors',
      }),
    );
    const judgment = evaluateCheckpoint('staging-sync', [initial, failed], today);

    expect(judgment.status).toBe('fail');
    expect(messages(judgment, 'error')).toContain(
      'Export on connector “contoso.onmicrosoft.com - AAD” (run 26285) ended completed-export-errors.',
    );
    expect(judgment.findings.some((f) => f.pastedError === 'run-completed-with-errors')).toBe(true);
  });

  it('waits for a run still going', () => {
    const running = item(recordWith({ IsRunComplete: 'False', Result: 'in-progress' }));

    expect(evaluateCheckpoint('staging-sync', [initial, running], today).status).toBe('unknown');
  });
});
