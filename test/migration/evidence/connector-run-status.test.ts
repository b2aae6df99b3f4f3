import { describe, expect, it } from 'vitest';
import { parseConnectorRunStatus } from '../../../migration/evidence/connector-run-status';

describe('parseConnectorRunStatus', () => {
  it.each([
    [
      'an empty result at a prompt (idle)',
      'PS C:\\> Get-ADSyncConnectorRunStatus\nPS C:\\>',
      { state: 'idle' },
    ],
    [
      'an empty result, line breaks lost',
      'PS C:\\> Get-ADSyncConnectorRunStatus PS C:\\>',
      { state: 'idle' },
    ],
    [
      'a busy connector as a table',
      'RunState ConnectorName\n-------- -------------\nBusy     contoso.onmicrosoft.com - AAD',
      { state: 'busy', connectors: ['contoso.onmicrosoft.com - AAD'] },
    ],
    [
      'a busy run as a list',
      'RunspaceId    : 4d1e2a7c-0000-4000-8000-000000000000\nConnectorName : contoso.com\nRunState      : Busy',
      { state: 'busy', connectors: ['contoso.com'] },
    ],
    ['an explicit idle run state', 'RunState : Idle', { state: 'idle' }],
  ])('reads %s', (_case, text, expected) => {
    expect(parseConnectorRunStatus(text)).toEqual({
      status: 'parsed',
      value: expected,
      missing: [],
    });
  });

  it.each([
    ['empty text', ''],
    [
      'the command typed without a prompt (not a transcript)',
      'Start-ADSyncSyncCycle -PolicyType Initial\nGet-ADSyncConnectorRunStatus',
    ],
    [
      'the command followed by other output',
      'PS C:\\> Get-ADSyncConnectorRunStatus\nsomething else',
    ],
  ])('does not take %s as an idle engine', (_case, text) => {
    expect(parseConnectorRunStatus(text).status).toBe('absent');
  });
});
