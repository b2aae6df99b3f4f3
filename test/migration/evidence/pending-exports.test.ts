import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { identifyEvidence } from '../../../migration/evidence/identify-evidence';
import {
  parsePendingExports,
  pendingExportsCommand,
} from '../../../migration/evidence/pending-exports';
import { pendingExportsWith } from '../support/evidence-builders';
import { flattened } from '../support/real-fixtures';

const scenarioSummary = readFileSync(
  new URL('../../scenarios/evidence/staging-pending-exports.txt', import.meta.url),
  'utf8',
);

describe('parsePendingExports', () => {
  it('reads the summary the staging step asks for, with the command lines before it', () => {
    expect(parsePendingExports(scenarioSummary)).toEqual({
      status: 'parsed',
      value: {
        connector: 'contoso.onmicrosoft.com - AAD',
        adds: 0,
        updates: 0,
        deletes: 0,
        other: 0,
      },
      missing: [],
    });
  });

  it('reads counts when Teams lost the line breaks', () => {
    const text = pendingExportsWith({ adds: 4, updates: 310, deletes: 27, other: 1 });

    expect(parsePendingExports(flattened(text))).toMatchObject({
      value: { adds: 4, updates: 310, deletes: 27, other: 1 },
    });
  });

  it('reads the summary printed as a table', () => {
    const table = [
      'PendingAdds PendingUpdates PendingDeletes PendingOther',
      '----------- -------------- -------------- ------------',
      '          2             15            600            0',
    ].join('\n');

    expect(parsePendingExports(table)).toMatchObject({
      value: { adds: 2, updates: 15, deletes: 600, other: 0 },
    });
  });

  it('reads the export counts of Get-ADSyncConnectorStatistics', () => {
    const statistics = [
      'ExportAdds      : 1',
      'ExportUpdates   : 9',
      'ExportDeletes   : 3',
      'ImportAdds      : 0',
      'ImportUpdates   : 0',
      'ImportDeletes   : 0',
      'ImportNoChange  : 0',
      'TotalConnectors : 4183',
    ].join('\n');

    expect(parsePendingExports(statistics)).toMatchObject({
      value: { adds: 1, updates: 9, deletes: 3, other: 0 },
    });
  });

  it('is absent when a count is missing: a summary without its deletes hides the risk', () => {
    expect(parsePendingExports('PendingAdds : 0\nPendingUpdates : 4').status).toBe('absent');
  });

  it('is absent when the commands were pasted without their output', () => {
    expect(parsePendingExports(pendingExportsCommand).status).toBe('absent');
  });

  it('is identified without being told', () => {
    expect(identifyEvidence(scenarioSummary)).toBe('pending-exports');
    expect(identifyEvidence(pendingExportsWith({ deletes: 3 }))).toBe('pending-exports');
  });
});
