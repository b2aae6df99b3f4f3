import type { CatalogueRow, TypedRow, WithoutPublishedSample } from './catalogue-row';

/** The outputs of the commands the fixes ask for: nltest, Test-NetConnection, Get-Service. */
export const outputsRows: readonly CatalogueRow[] = [
  {
    fixture: 'outputs-01-nltest-dsgetdc-success.txt',
    letter: 'A',
    ids: [],
    kind: 'dc-locator',
    says: [],
  },
  {
    fixture: 'outputs-01-nltest-dsgetdc-success.txt',
    letter: 'B',
    ids: [],
    kind: 'dc-locator',
    says: [],
  },
  ...(['A', 'B', 'C'] as const).map((letter): CatalogueRow => ({
    fixture: 'outputs-02-nltest-dsgetdc-failure-1355.txt',
    letter,
    ids: ['output-dc-not-found'],
    kind: 'dc-locator',
    says: ['ERROR_NO_SUCH_DOMAIN', 'ipconfig /registerdns', 'nltest /dsgetdc:<domain>'],
  })),
  ...(['A', 'B'] as const).map((letter): CatalogueRow => ({
    fixture: 'outputs-03-test-netconnection-port.txt',
    letter,
    ids: [],
    kind: 'port-test',
    says: [],
  })),
  ...(['C', 'D'] as const).map((letter): CatalogueRow => ({
    fixture: 'outputs-03-test-netconnection-port.txt',
    letter,
    ids: ['output-port-unreachable'],
    kind: 'port-test',
    says: ['TcpTestSucceeded', 'LDAP (389)', 'TcpTestSucceeded is True'],
  })),
  ...(['A', 'B'] as const).map((letter): CatalogueRow => ({
    fixture: 'outputs-04-get-service-adsync.txt',
    letter,
    ids: [],
    kind: 'service-status',
    says: [],
  })),
];

export const outputsWithoutSample: WithoutPublishedSample = {
  'output-adsync-service-stopped':
    'No published Get-Service ADSync output with Status Stopped was found: searched find_string "Stopped  ADSync", the code, pages and issues corpora for Get-Service ADSync outputs (only Running ones exist).',
  'output-service-does-not-exist':
    'No published Get-Service error for a missing ADSync service was found: searched find_string "Cannot find any service with service name \'ADSync\'" and the pages corpus.',
};

export const outputsTyped: readonly TypedRow[] = [
  {
    text: 'Status   Name               DisplayName\n------   ----               -----------\nStopped  ADSync             Microsoft Azure AD Sync',
    ids: ['output-adsync-service-stopped'],
  },
  {
    text: "Get-Service : Cannot find any service with service name 'ADSync'.",
    ids: ['output-service-does-not-exist'],
  },
];
