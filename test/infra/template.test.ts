import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  LOCAL_AUTH_OFF,
  LOCAL_AUTH_SETTING,
  loadAppSettings,
  loadConfig,
  loadGraphSettings,
} from '../../platform/config';
import {
  evaluateDeployment,
  type DeployedResource,
  type EvaluatedDeployment,
} from './support/arm-deployment';
import { functionAppSettings, settingProblems } from './support/app-settings-contract';
import {
  FLEX_DEPRECATED_APP_SETTINGS,
  FLEX_DEPRECATED_SITE_PROPERTIES,
} from './support/flex-deprecations';
import {
  COMPILE_TIMEOUT_MS,
  DEPLOYMENT_TARGET,
  PARTNER_TENANT_ID,
  REQUIRED_PARAMETERS,
  TENANT_ID,
  compiledMainTemplate,
  deploy,
} from './support/compiled-infra';

const projectRoot = path.resolve(__dirname, '..', '..');
const read = (file: string): string => readFileSync(path.join(projectRoot, file), 'utf8');

// Built-in role ids: https://learn.microsoft.com/azure/role-based-access-control/built-in-roles
const ROLE = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b',
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88',
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3',
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb',
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6',
} as const;

const deprecatedSetting = (name: string): boolean =>
  (FLEX_DEPRECATED_APP_SETTINGS as readonly string[]).includes(name);
const deprecatedSiteProperty = (name: string): boolean =>
  FLEX_DEPRECATED_SITE_PROPERTIES.some((property) => property.toLowerCase() === name.toLowerCase());

const GRAPH_CLIENT_ID = '3c1e9a57-0000-4000-8000-00000000d004';
const GRAPH_SECRET = 'graph-secret-value-never-in-settings';
const BOT_APP_ID = '6d2f4b1a-0000-4000-8000-00000000e005';
const BOT_PASSWORD = 'bot-password-value-never-in-settings';

/** App registrations with client secrets, for the Graph and the bot, instead of the identity. */
const secretParameters = {
  graphCredential: 'clientSecret',
  graphClientId: GRAPH_CLIENT_ID,
  graphClientSecret: GRAPH_SECRET,
  botAppType: 'SingleTenant',
  botAppId: BOT_APP_ID,
  botAppPassword: BOT_PASSWORD,
};

let template: unknown;
let compileError: Error | undefined;

// Compiled once for the file. A template that does not compile (or a Bicep CLI that is missing)
// fails every test with its reason: a failing beforeAll would only mark them skipped.
beforeAll(async () => {
  try {
    template = await compiledMainTemplate();
  } catch (error) {
    compileError = error instanceof Error ? error : new Error(String(error));
  }
}, COMPILE_TIMEOUT_MS);

beforeEach(() => {
  if (compileError !== undefined) throw compileError;
});

function record(value: unknown): Record<string, unknown> {
  expect(value).toBeTypeOf('object');
  expect(value).not.toBeNull();
  return value as Record<string, unknown>;
}

function only(deployment: EvaluatedDeployment, type: string): DeployedResource {
  const matches = deployment.resources.filter((resource) => resource.type === type);
  expect(matches.map((resource) => resource.name)).toHaveLength(1);
  return matches[0]!;
}

function ofType(deployment: EvaluatedDeployment, type: string): DeployedResource[] {
  return deployment.resources.filter((resource) => resource.type === type);
}

function properties(resource: DeployedResource): Record<string, unknown> {
  return record(resource.properties);
}

function runtimeString(resource: DeployedResource, name: string): string {
  const value = resource.runtime[name];
  expect(value).toBeTypeOf('string');
  return value as string;
}

/** The role assignments on a resource: role definition id (the GUID) to principal ids. */
function rolesOn(deployment: EvaluatedDeployment, scope: string): Map<string, string[]> {
  const roles = new Map<string, string[]>();
  for (const assignment of ofType(deployment, 'Microsoft.Authorization/roleAssignments')) {
    if (assignment.scope !== scope) continue;
    const props = properties(assignment);
    const role = String(props.roleDefinitionId).split('/').at(-1) ?? '';
    roles.set(role, [...(roles.get(role) ?? []), String(props.principalId)]);
  }
  return roles;
}

function identityOf(deployment: EvaluatedDeployment): {
  id: string;
  clientId: string;
  principalId: string;
} {
  const identity = only(deployment, 'Microsoft.ManagedIdentity/userAssignedIdentities');
  return {
    id: identity.id,
    clientId: runtimeString(identity, 'clientId'),
    principalId: runtimeString(identity, 'principalId'),
  };
}

describe('the function app settings', () => {
  it('are everything platform/config needs, with the managed identity for bot, storage and Graph', () => {
    const deployment = deploy(template);
    const settings = functionAppSettings(deployment);
    expect(settingProblems(settings)).toEqual([]);

    const { clientId } = identityOf(deployment);
    const env = settings as Record<string, string>;
    const bot = loadConfig(env);
    expect(bot.auth).toEqual({
      mode: 'bot-framework',
      appId: clientId,
      appType: 'UserAssignedMSI',
      appTenantId: TENANT_ID,
    });
    expect(bot.allowedTenantIds).toEqual([TENANT_ID, PARTNER_TENANT_ID]);
    expect(loadGraphSettings(env)).toEqual({
      credential: { kind: 'managed-identity', clientId },
      graphEndpoint: 'https://graph.microsoft.com',
    });
    const app = loadAppSettings(env);
    expect([app.reminderAfterHours, app.approvalReminderHours]).toEqual([48, 8]);
    expect([app.escalateAfterHours, app.approvalExpiresAfterHours]).toEqual([24, 72]);
    expect(app.escalationChannelId).toBeUndefined();
    expect(settings).not.toHaveProperty('ESCALATION_CHANNEL_ID');
    expect(app.teamsAppCatalogId).toBeUndefined();
    expect(settings).not.toHaveProperty('TEAMS_APP_CATALOG_ID');
  });

  it('reach storage with the identity: the account the template creates, no key anywhere', () => {
    const deployment = deploy(template);
    const settings = functionAppSettings(deployment);
    const storage = only(deployment, 'Microsoft.Storage/storageAccounts');
    const { clientId } = identityOf(deployment);

    expect(settings.AzureWebJobsStorage__accountName).toBe(storage.name);
    expect(settings.AzureWebJobsStorage__credential).toBe('managedidentity');
    expect(settings.AzureWebJobsStorage__clientId).toBe(clientId);
    expect(settings).not.toHaveProperty('AzureWebJobsStorage');
    expect(loadAppSettings(settings as Record<string, string>).storage).toEqual({
      kind: 'identity',
      blobServiceUri: `https://${storage.name}.blob.core.windows.net`,
      tableServiceUri: `https://${storage.name}.table.core.windows.net`,
      clientId,
    });
    for (const [name, value] of Object.entries(settings)) {
      expect(String(value), name).not.toMatch(/AccountKey=|SharedAccessSignature=|sig=/i);
    }
  });

  it('leave out every setting Learn lists as deprecated on Flex Consumption', () => {
    for (const parameters of [{}, secretParameters]) {
      const settings = Object.keys(functionAppSettings(deploy(template, parameters)));
      expect(settings.filter((name) => deprecatedSetting(name))).toEqual([]);
    }
    expect(deprecatedSetting('FUNCTIONS_WORKER_RUNTIME')).toBe(true);
  });

  it('send telemetry with the identity to a component that takes nothing else', () => {
    const deployment = deploy(template);
    const settings = functionAppSettings(deployment);
    const component = only(deployment, 'Microsoft.Insights/components');
    const workspace = only(deployment, 'Microsoft.OperationalInsights/workspaces');
    const { clientId } = identityOf(deployment);

    expect(settings.APPLICATIONINSIGHTS_CONNECTION_STRING).toBe(component.runtime.ConnectionString);
    expect(settings.APPLICATIONINSIGHTS_AUTHENTICATION_STRING).toBe(
      `ClientId=${clientId};Authorization=AAD`,
    );
    expect(properties(component)).toMatchObject({
      DisableLocalAuth: true,
      WorkspaceResourceId: workspace.id,
    });
  });

  it('carry the workflow timings, the escalation channel and the catalog id when they are given', () => {
    const channel = '19:escalations@thread.tacv2';
    const catalogId = 'c9b0a1d2-7777-4888-9999-000011112222';
    const settings = functionAppSettings(
      deploy(template, {
        reminderAfterHours: 24,
        approvalReminderHours: 4,
        escalateAfterHours: 12,
        approvalExpiresAfterHours: 48,
        escalationChannelId: channel,
        teamsAppCatalogId: catalogId,
      }),
    );
    expect(settingProblems(settings)).toEqual([]);
    const app = loadAppSettings(settings as Record<string, string>);
    expect(app).toMatchObject({
      reminderAfterHours: 24,
      approvalReminderHours: 4,
      escalateAfterHours: 12,
      approvalExpiresAfterHours: 48,
      escalationChannelId: channel,
      teamsAppCatalogId: catalogId,
    });
  });

  it('never turn authentication off: no local-only setting, whatever the parameters', () => {
    expect(JSON.stringify(template)).not.toContain(LOCAL_AUTH_SETTING);
    for (const parameters of [{}, secretParameters, { graphCredential: 'none' }]) {
      const settings = functionAppSettings(deploy(template, parameters)) as Record<string, string>;
      expect(settings).not.toHaveProperty(LOCAL_AUTH_SETTING);
      expect(Object.values(settings).map(String)).not.toContain(LOCAL_AUTH_OFF);
      // As the app reads them in Azure, beside what the platform sets itself.
      const inAzure = { ...settings, WEBSITE_SITE_NAME: 'func-bot' };
      expect(loadConfig(inAzure).auth.mode).toBe('bot-framework');
      // And were the setting ever added by hand, the app would refuse it there.
      expect(settingProblems({ ...inAzure, [LOCAL_AUTH_SETTING]: LOCAL_AUTH_OFF })).toEqual([
        'BOT_AUTHENTICATION is for a developer machine and is refused in Azure (WEBSITE_SITE_NAME set by the platform): remove it and set MicrosoftAppId',
      ]);
    }
  });

  it('turn Graph off entirely with graphCredential none', () => {
    const settings = functionAppSettings(deploy(template, { graphCredential: 'none' }));
    expect(settingProblems(settings)).toEqual([]);
    expect(Object.keys(settings).filter((name) => name.startsWith('GRAPH_'))).toEqual([]);
    expect(loadGraphSettings(settings as Record<string, string>)).toBeUndefined();
  });
});

describe('client secrets instead of the identity', () => {
  it('are kept in a Key Vault the app reads with its identity, never in a setting', () => {
    const deployment = deploy(template, secretParameters);
    const settings = functionAppSettings(deployment);
    expect(settingProblems(settings)).toEqual([]);

    const vault = only(deployment, 'Microsoft.KeyVault/vaults');
    expect(properties(vault)).toMatchObject({
      enableRbacAuthorization: true,
      enableSoftDelete: true,
      softDeleteRetentionInDays: 7,
    });
    // Purge protection would keep `azd down --purge` from purging the vault, and its name from a
    // new `azd up` of the same environment for the retention period. Azure refuses `false`.
    expect(properties(vault)).not.toHaveProperty('enablePurgeProtection');
    const secrets = new Map(
      ofType(deployment, 'Microsoft.KeyVault/vaults/secrets').map((secret) => [
        secret.name.split('/')[1],
        secret,
      ]),
    );
    expect(properties(secrets.get('graph-client-secret')!).value).toBe(GRAPH_SECRET);
    expect(properties(secrets.get('bot-app-password')!).value).toBe(BOT_PASSWORD);

    const reference = (secret: string): string =>
      `@Microsoft.KeyVault(SecretUri=${runtimeString(vault, 'vaultUri')}secrets/${secret}/)`;
    expect(settings.GRAPH_CLIENT_SECRET).toBe(reference('graph-client-secret'));
    expect(settings.MicrosoftAppPassword).toBe(reference('bot-app-password'));
    expect(JSON.stringify(settings)).not.toContain(GRAPH_SECRET);
    expect(JSON.stringify(settings)).not.toContain(BOT_PASSWORD);

    const { id, principalId } = identityOf(deployment);
    expect(rolesOn(deployment, vault.id).get(ROLE.keyVaultSecretsUser)).toEqual([principalId]);
    expect(properties(only(deployment, 'Microsoft.Web/sites')).keyVaultReferenceIdentity).toBe(id);
  });

  it('make a single-tenant bot of the given app registration, in this tenant', () => {
    const deployment = deploy(template, secretParameters);
    const settings = functionAppSettings(deployment);
    expect(loadConfig(settings as Record<string, string>).auth).toMatchObject({
      mode: 'bot-framework',
      appId: BOT_APP_ID,
      appType: 'SingleTenant',
      appTenantId: TENANT_ID,
    });
    expect(properties(only(deployment, 'Microsoft.BotService/botServices'))).toMatchObject({
      msaAppId: BOT_APP_ID,
      msaAppType: 'SingleTenant',
      msaAppTenantId: TENANT_ID,
    });
    expect(loadGraphSettings(settings as Record<string, string>)).toMatchObject({
      tenantId: TENANT_ID,
      clientId: GRAPH_CLIENT_ID,
    });
    expect(deployment.outputs.BOT_ID).toBe(BOT_APP_ID);
  });

  it('need no Key Vault when the identity does everything', () => {
    const deployment = deploy(template);
    expect(ofType(deployment, 'Microsoft.KeyVault/vaults')).toEqual([]);
    expect(functionAppSettings(deployment)).not.toHaveProperty('MicrosoftAppPassword');
  });
});

describe('the role assignments', () => {
  it('give the identity blob, queue and table data on the storage account and telemetry publishing', () => {
    const deployment = deploy(template);
    const { principalId } = identityOf(deployment);
    const storage = only(deployment, 'Microsoft.Storage/storageAccounts');
    const component = only(deployment, 'Microsoft.Insights/components');

    const onStorage = rolesOn(deployment, storage.id);
    expect(onStorage.get(ROLE.storageBlobDataOwner)).toEqual([principalId]);
    expect(onStorage.get(ROLE.storageQueueDataContributor)).toEqual([principalId]);
    expect(onStorage.get(ROLE.storageTableDataContributor)).toEqual([principalId]);
    expect(rolesOn(deployment, component.id).get(ROLE.monitoringMetricsPublisher)).toEqual([
      principalId,
    ]);
    for (const assignment of ofType(deployment, 'Microsoft.Authorization/roleAssignments')) {
      expect(properties(assignment).principalType).toBe('ServicePrincipal');
    }
  });

  it('have names that stay the same on every deployment and differ between environments', () => {
    const names = (environmentName: string): string[] =>
      ofType(deploy(template, { environmentName }), 'Microsoft.Authorization/roleAssignments')
        .map((assignment) => assignment.name)
        .sort();
    const prod = names('prod');
    expect(new Set(prod).size).toBe(prod.length);
    for (const name of prod) expect(name).toMatch(/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/);
    expect(names('prod')).toEqual(prod);
    expect(names('test').filter((name) => prod.includes(name))).toEqual([]);
  });
});

describe('the hosting', () => {
  it('is a Flex Consumption plan with always-ready http and durable instances', () => {
    const deployment = deploy(template);
    const plan = only(deployment, 'Microsoft.Web/serverfarms');
    expect(plan.sku).toEqual({ name: 'FC1', tier: 'FlexConsumption' });
    expect(plan.kind).toBe('functionapp');
    expect(properties(plan).reserved).toBe(true);

    const site = only(deployment, 'Microsoft.Web/sites');
    const config = record(properties(site).functionAppConfig);
    expect(config.runtime).toEqual({ name: 'node', version: '22' });
    expect(config.scaleAndConcurrency).toEqual({
      instanceMemoryMB: 2048,
      maximumInstanceCount: 40,
      alwaysReady: [
        { name: 'http', instanceCount: 1 },
        { name: 'durable', instanceCount: 1 },
      ],
    });
    const scaled = deploy(template, {
      alwaysReadyHttpInstances: 0,
      alwaysReadyDurableInstances: 2,
      maximumInstanceCount: 100,
    });
    expect(
      record(properties(only(scaled, 'Microsoft.Web/sites')).functionAppConfig).scaleAndConcurrency,
    ).toMatchObject({
      maximumInstanceCount: 100,
      alwaysReady: [
        { name: 'http', instanceCount: 0 },
        { name: 'durable', instanceCount: 2 },
      ],
    });
  });

  it('deploys the package from the storage container with the identity, on Linux, https only', () => {
    const deployment = deploy(template);
    const site = only(deployment, 'Microsoft.Web/sites');
    const storage = only(deployment, 'Microsoft.Storage/storageAccounts');
    const container = only(deployment, 'Microsoft.Storage/storageAccounts/blobServices/containers');
    const { id } = identityOf(deployment);
    const blobEndpoint = String(record(storage.runtime.primaryEndpoints).blob);

    expect(site.kind).toBe('functionapp,linux');
    expect(site.identity).toEqual({ type: 'UserAssigned', userAssignedIdentities: { [id]: {} } });
    expect(record(properties(site).functionAppConfig).deployment).toEqual({
      storage: {
        type: 'blobContainer',
        value: `${blobEndpoint}${container.name.split('/').at(-1) ?? ''}`,
        authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: id },
      },
    });
    expect(properties(site)).toMatchObject({ httpsOnly: true });
    expect(record(site.tags)['azd-service-name']).toBe('bot');
  });

  it('sets on the Flex site only what Flex Consumption takes', () => {
    const site = only(deploy(template), 'Microsoft.Web/sites');
    const siteConfig = record(properties(site).siteConfig);
    // Nothing on Learn's deprecation list, on the site or in its siteConfig: newer stamps
    // refuse the whole site for one (ARM error 51021), FTPS state included.
    const set = [...Object.keys(properties(site)), ...Object.keys(siteConfig)];
    expect(set.filter((name) => deprecatedSiteProperty(name))).toEqual([]);
    expect(deprecatedSiteProperty('FtpsState')).toBe(true);
    // And in siteConfig only the TLS floors, which Microsoft's Flex quickstart sets too; no
    // http20Enabled, which no Microsoft source shows Flex taking.
    expect(siteConfig).toEqual({ minTlsVersion: '1.2', scmMinTlsVersion: '1.2' });
  });

  it('keeps the storage account keyless, private and on TLS 1.2', () => {
    const storage = only(deploy(template), 'Microsoft.Storage/storageAccounts');
    expect(storage.kind).toBe('StorageV2');
    expect(storage.sku).toEqual({ name: 'Standard_LRS' });
    expect(properties(storage)).toMatchObject({
      allowSharedKeyAccess: false,
      allowBlobPublicAccess: false,
      minimumTlsVersion: 'TLS1_2',
      supportsHttpsTrafficOnly: true,
    });
  });

  it('puts everything in the resource group rg-<environment>, tagged for azd', () => {
    const deployment = deploy(template);
    const group = only(deployment, 'Microsoft.Resources/resourceGroups');
    expect(group.name).toBe('rg-prod');
    expect(group.tags).toEqual({ 'azd-env-name': 'prod' });
    expect(deployment.outputs.AZURE_RESOURCE_GROUP).toBe('rg-prod');
    const inGroup = deployment.resources.filter(
      (resource) => resource.type !== 'Microsoft.Resources/resourceGroups',
    );
    for (const resource of inGroup) {
      expect(resource.id, resource.name).toMatch(/\/resourceGroups\/rg-prod\//);
    }
  });
});

describe('the Azure Bot', () => {
  it('is the managed identity, reached at the host name Azure assigned the function app', () => {
    const deployment = deploy(template);
    const site = only(deployment, 'Microsoft.Web/sites');
    const bot = only(deployment, 'Microsoft.BotService/botServices');
    const { id, clientId } = identityOf(deployment);

    // The messages function's route, under the host's route prefix (default `api`).
    const route = /app\.http\(\s*'messages',\s*\{[^}]*?route:\s*'([^']+)'/s.exec(
      read('functions/messages.ts'),
    )?.[1];
    const host = record(JSON.parse(read('host.json')));
    const routePrefix = record(record(host.extensions ?? {}).http ?? {}).routePrefix;
    const prefix = typeof routePrefix === 'string' ? routePrefix : 'api';
    const endpoint = `https://${runtimeString(site, 'defaultHostName')}/${prefix}/${route ?? ''}`;

    expect(route).toBe('messages');
    expect(properties(bot).endpoint).toBe(endpoint);
    expect(deployment.outputs.BOT_ENDPOINT).toBe(endpoint);
    expect(endpoint).not.toContain(`//${site.name}.azurewebsites.net`);
    expect(bot.location).toBe('global');
    expect(bot.kind).toBe('azurebot');
    expect(bot.sku).toEqual({ name: 'F0' });
    expect(properties(bot)).toMatchObject({
      msaAppType: 'UserAssignedMSI',
      msaAppId: clientId,
      msaAppTenantId: TENANT_ID,
      msaAppMSIResourceId: id,
    });
    expect(deployment.outputs.BOT_ID).toBe(clientId);
  });

  it('has the Microsoft Teams channel, without calling', () => {
    const channel = only(deploy(template), 'Microsoft.BotService/botServices/channels');
    expect(channel.name.split('/')[1]).toBe('MsTeamsChannel');
    expect(properties(channel)).toEqual({
      channelName: 'MsTeamsChannel',
      properties: { enableCalling: false, isEnabled: true },
    });
  });
});

describe('the deployment outputs and parameters', () => {
  it('give azd and the next steps what they need, and hold no secret', () => {
    const deployment = deploy(template, secretParameters);
    const { principalId } = identityOf(deployment);
    const site = only(deployment, 'Microsoft.Web/sites');
    expect(deployment.outputs).toMatchObject({
      AZURE_FUNCTION_APP_NAME: site.name,
      AZURE_TENANT_ID: TENANT_ID,
      IDENTITY_PRINCIPAL_ID: principalId,
    });
    const component = only(deployment, 'Microsoft.Insights/components');
    const outputs = JSON.stringify(deployment.outputs);
    for (const secret of [GRAPH_SECRET, BOT_PASSWORD, String(component.runtime.ConnectionString)]) {
      expect(outputs).not.toContain(secret);
    }
    expect(outputs).not.toMatch(/AccountKey=|InstrumentationKey=/);
  });

  it('declare every secret secure, with no default that holds one', () => {
    const parameters = record(record(template).parameters);
    for (const name of ['graphClientSecret', 'botAppPassword']) {
      expect(record(parameters[name])).toMatchObject({ type: 'securestring', defaultValue: '' });
    }
    for (const [name, declaration] of Object.entries(parameters)) {
      if (/secret|password|key/i.test(name)) {
        expect(record(declaration).type, name).toBe('securestring');
      }
    }
  });

  it('refuse a deployment without the tenants to answer, or with a multi-tenant bot', () => {
    const { environmentName, location } = REQUIRED_PARAMETERS;
    expect(() =>
      evaluateDeployment(template, { environmentName, location }, DEPLOYMENT_TARGET),
    ).toThrow(/allowedTenantIds is required/);
    expect(() => deploy(template, { allowedTenantIds: '' })).toThrow(
      /allowedTenantIds is shorter than 36/,
    );
    expect(() => deploy(template, { botAppType: 'MultiTenant' })).toThrow(
      /botAppType is not one of its allowed values/,
    );
  });

  it('refuse parameters that only work together, naming the azd variable to set', () => {
    const singleTenant = { botAppType: 'SingleTenant', botAppId: BOT_APP_ID };
    const graphSecret = { graphCredential: 'clientSecret', graphClientId: GRAPH_CLIENT_ID };
    const refusals: [Record<string, unknown>, RegExp][] = [
      [
        { botAppType: 'SingleTenant', botAppPassword: BOT_PASSWORD },
        /set BOT_APP_ID \(azd env set BOT_APP_ID/,
      ],
      [
        { ...singleTenant, botAppId: '0'.repeat(36), botAppPassword: BOT_PASSWORD },
        /botAppId \(BOT_APP_ID\) must be .* a GUID/,
      ],
      [singleTenant, /set BOT_APP_PASSWORD \(azd env set-secret BOT_APP_PASSWORD\)/],
      [
        { graphCredential: 'clientSecret', graphClientSecret: GRAPH_SECRET },
        /set GRAPH_CLIENT_ID \(azd env set GRAPH_CLIENT_ID/,
      ],
      [
        { ...graphSecret, graphClientId: 'graph', graphClientSecret: GRAPH_SECRET },
        /graphClientId \(GRAPH_CLIENT_ID\) must be/,
      ],
      [graphSecret, /set GRAPH_CLIENT_SECRET \(azd env set-secret GRAPH_CLIENT_SECRET\)/],
      [
        { escalateAfterHours: 72, approvalExpiresAfterHours: 72 },
        /escalateAfterHours \(ESCALATE_AFTER_HOURS\) must be shorter than approvalExpiresAfterHours \(APPROVAL_EXPIRES_AFTER_HOURS\)/,
      ],
    ];
    const mapped = record(record(JSON.parse(read('infra/main.parameters.json'))).parameters);
    const variableOf = (name: string): string | undefined =>
      /^\$\{([A-Z_]+)/.exec(String(record(mapped[name]).value))?.[1];
    for (const [parameters, refusal] of refusals) {
      expect(() => deploy(template, parameters), JSON.stringify(parameters)).toThrow(refusal);
    }
    // Each message names the variable main.parameters.json really maps to its parameter.
    for (const name of [
      'botAppId',
      'botAppPassword',
      'graphClientId',
      'graphClientSecret',
      'escalateAfterHours',
      'approvalExpiresAfterHours',
    ]) {
      const variable = variableOf(name);
      expect(variable, name).toBeDefined();
      const named = refusals.some(([, refusal]) => refusal.source.includes(variable ?? '?'));
      expect(named, `${name} (${variable ?? '?'})`).toBe(true);
    }
    // A client id or secret given without choosing it is not asked for.
    expect(() =>
      deploy(template, { botAppPassword: BOT_PASSWORD, graphClientId: 'x' }),
    ).not.toThrow();
  });

  it('map every parameter without a default to an azd environment variable', () => {
    const declared = record(record(template).parameters);
    const file = record(JSON.parse(read('infra/main.parameters.json')));
    const mapped = record(file.parameters);
    expect(Object.keys(mapped).filter((name) => !(name in declared))).toEqual([]);
    const required = Object.entries(declared)
      .filter(([, declaration]) => !('defaultValue' in record(declaration)))
      .map(([name]) => name);
    expect(required.sort()).toEqual(['allowedTenantIds', 'environmentName', 'location']);
    for (const name of required) expect(record(mapped[name]).value).toMatch(/^\$\{[A-Z_]+\}$/);
    expect(mapped.environmentName).toEqual({ value: '${AZURE_ENV_NAME}' });
    expect(mapped.location).toEqual({ value: '${AZURE_LOCATION}' });
    expect(mapped.allowedTenantIds).toEqual({ value: '${ALLOWED_TENANT_IDS}' });
    // azd fills `${NAME=default}` from the environment; the default must be the template's.
    for (const [name, entry] of Object.entries(mapped)) {
      const fallback = /^\$\{[A-Z_]+=(.*)\}$/.exec(String(record(entry).value))?.[1];
      if (fallback !== undefined) {
        expect(fallback, name).toBe(String(record(declared[name]).defaultValue));
      }
    }
  });
});
