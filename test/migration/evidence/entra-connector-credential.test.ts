import { describe, expect, it } from 'vitest';
import { parseEntraConnectorCredential } from '../../../migration/evidence/entra-connector-credential';
import { fixtureSection, flattened, withCrlf } from '../support/real-fixtures';
import { syntheticFixture, syntheticFixtureNames } from '../support/synthetic-fixtures';

const credential = syntheticFixture(syntheticFixtureNames.entraConnectorCredential);
const appId = '6c4f2a1e-93b7-4d58-a0e2-7f1b3c9d8e45';

describe('parseEntraConnectorCredential', () => {
  it.each([
    ['an application-based list', fixtureSection(credential, 'A'), 'Application'],
    ['a service-account list', fixtureSection(credential, 'B'), 'ServiceAccount'],
    ['a table', fixtureSection(credential, 'C'), 'Application'],
    [
      'a list with its line breaks lost',
      flattened(fixtureSection(credential, 'B')),
      'ServiceAccount',
    ],
    [
      'a table with its line breaks lost',
      flattened(fixtureSection(credential, 'C')),
      'Application',
    ],
    [
      'a list saved with Windows line ends',
      withCrlf(fixtureSection(credential, 'A')),
      'Application',
    ],
    [
      'a list with more properties, flattened',
      `ConnectorIdentityType : Application CertificateCredential : {${appId}}`,
      'Application',
    ],
    [
      'a table with more columns',
      'ConnectorIdentityType CertificateCredential\n--------------------- ---------------------\nServiceAccount',
      'ServiceAccount',
    ],
    ['lower case', 'connectoridentitytype : application', 'Application'],
  ])('reads ConnectorIdentityType from %s', (_case, text, identityType) => {
    const parsed = parseEntraConnectorCredential(text);

    expect(parsed).toMatchObject({ status: 'parsed', value: { identityType }, missing: [] });
  });

  it.each([
    ['an ApplicationId field', `ConnectorIdentityType : Application\nApplicationId : ${appId}`],
    [
      'a user name in the {AppID}@tenant form',
      `ConnectorIdentityType : Application\nUserName : ${appId}@contoso.onmicrosoft.com`,
    ],
  ])('reads the application id from %s when it is shown', (_case, text) => {
    const parsed = parseEntraConnectorCredential(text);

    expect(parsed.status === 'parsed' && parsed.value.applicationId).toBe(appId);
  });

  it('reads a directory synchronization account when it is shown', () => {
    const parsed = parseEntraConnectorCredential(
      'ConnectorIdentityType : ServiceAccount\nUserName : Sync_AADC01_1a2b3c4d5e6f@contoso.onmicrosoft.com',
    );

    expect(parsed.status === 'parsed' && parsed.value).toEqual({
      identityType: 'ServiceAccount',
      serviceAccount: 'Sync_AADC01_1a2b3c4d5e6f@contoso.onmicrosoft.com',
    });
  });

  it('reports an undocumented value as missing ConnectorIdentityType, keeping what was printed', () => {
    const parsed = parseEntraConnectorCredential('ConnectorIdentityType : Certificate');

    expect(parsed).toEqual({
      status: 'parsed',
      value: { identityTypeText: 'Certificate' },
      missing: ['ConnectorIdentityType'],
    });
  });

  it.each([
    ['other output', 'StagingModeEnabled : True'],
    ['a script that reads the property', '$result.ConnectorIdentityType'],
    ['the word application alone', 'Application'],
  ])('finds nothing in %s', (_case, text) => {
    expect(parseEntraConnectorCredential(text).status).toBe('absent');
  });
});
