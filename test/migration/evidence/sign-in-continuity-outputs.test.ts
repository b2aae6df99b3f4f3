import { describe, expect, it } from 'vitest';
import { identifyEvidence } from '../../../migration/evidence/identify-evidence';
import { parsePasswordSyncState } from '../../../migration/evidence/password-sync-state';
import { parsePasswordWriteback } from '../../../migration/evidence/password-writeback';
import { flattened, realFixture, realFixtureNames, withoutHeader } from '../support/real-fixtures';

const realState = realFixture(realFixtureNames.partitionPasswordSyncState);

// No raw paste of Get-ADSyncAADPasswordResetConfiguration is published: shaped from the property
// names code reads (Enabled, ServiceStatus, OnboardingRequiredStatus) and a lab note's values.
const writebackOn = [
  'PS C:\\> Get-ADSyncAADPasswordResetConfiguration -Connector "contoso.onmicrosoft.com - AAD"',
  '',
  'Enabled                  : True',
  'ServiceStatus            : Started',
  'OnboardingRequiredStatus : NotRequired',
].join('\n');

describe('parsePasswordSyncState', () => {
  it('reads the real record: the partition, its last status and when it last succeeded', () => {
    expect(parsePasswordSyncState(realState)).toEqual({
      status: 'parsed',
      value: {
        partitions: [
          {
            partition: 'DC=test,DC=example,DC=com',
            lastCycleStatus: 'Successful',
            lastSuccessfulCycleEnd: '2022-03-10T18:48:24.203',
          },
        ],
      },
      missing: [],
    });
  });

  it('reads every partition of a multi-domain forest, also with line breaks lost', () => {
    const body = withoutHeader(realState);
    const second = body
      .replace('DC=test,DC=example,DC=com', 'DC=emea,DC=example,DC=com')
      .replace(': Successful', ': Failed');
    const both = `${body}\n${second}`;

    expect(parsePasswordSyncState(flattened(both))).toMatchObject({
      value: {
        partitions: [
          { partition: 'DC=test,DC=example,DC=com', lastCycleStatus: 'Successful' },
          { partition: 'DC=emea,DC=example,DC=com', lastCycleStatus: 'Failed' },
        ],
      },
    });
  });

  it('is identified without being told', () => {
    expect(identifyEvidence(realState)).toBe('password-sync-state');
  });
});

describe('parsePasswordWriteback', () => {
  it('reads Enabled and the service status', () => {
    expect(parsePasswordWriteback(writebackOn)).toEqual({
      status: 'parsed',
      value: { enabled: true, serviceStatus: 'Started' },
      missing: [],
    });
    expect(parsePasswordWriteback(flattened(writebackOn))).toMatchObject({
      value: { enabled: true, serviceStatus: 'Started' },
    });
  });

  it('does not take a lone Enabled line of another output for the writeback configuration', () => {
    expect(parsePasswordWriteback('Name    : contoso.com\nEnabled : True').status).toBe('absent');
  });

  it('is identified without being told', () => {
    expect(identifyEvidence(writebackOn)).toBe('password-writeback');
  });
});
