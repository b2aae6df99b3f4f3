// Everything the bot needs in Azure, in one resource group: `azd up` deploys it (azure.yaml), or
// `az deployment sub create --location <region> --template-file infra/main.bicep --parameters
// environmentName=<name> location=<region> allowedTenantIds=<tenant id>` without azd.
//
// App settings: the contract with platform/config/. Set here: the identity-based storage
// (AzureWebJobsStorage__accountName, __credential, __clientId), the bot (MicrosoftAppId,
// MicrosoftAppType, MicrosoftAppTenantId, MicrosoftAppPassword for SingleTenant only),
// ALLOWED_TENANT_IDS, Graph (GRAPH_MANAGED_IDENTITY_CLIENT_ID, or GRAPH_TENANT_ID, GRAPH_CLIENT_ID
// and GRAPH_CLIENT_SECRET), the workflow hours, ESCALATION_CHANNEL_ID and TEAMS_APP_CATALOG_ID when given, and Application
// Insights. Left out on purpose:
// - AzureWebJobsStorage (a connection string): shared keys are off; the identity is used.
// - AzureWebJobsStorage__blobServiceUri, __queueServiceUri, __tableServiceUri: derived from
//   __accountName (public cloud), by the host and the app alike.
// - AzureWebJobsStorage__managedIdentityResourceId, __serviceUri: refused by the app.
// - ToBotFromChannelOpenIdMetadataUrl, ToBotFromChannelTokenIssuer,
//   ToBotFromEmulatorOpenIdMetadataUrl, ToChannelFromBotLoginUrl, ToChannelFromBotOAuthScope,
//   OAuthUrl, CallerId, ValidateAuthority: botbuilder's public-cloud defaults apply.
// - GRAPH_AUTHORITY_HOST, GRAPH_ENDPOINT: the public-cloud defaults apply.
// - GRAPH_CERTIFICATE_THUMBPRINT_SHA256, GRAPH_CERTIFICATE_PRIVATE_KEY_PATH: a certificate file
//   is not part of the deployment package; the identity or a Key Vault secret is offered instead.
// - LOCAL_* and FUNCTIONS_PORT, PLAYGROUND_PORT: the local runtime's own settings.
// - FUNCTIONS_WORKER_RUNTIME, FUNCTIONS_EXTENSION_VERSION: Flex Consumption refuses them; the
//   runtime is functionAppConfig.runtime.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; names the resource group and seeds the resource names.')
param environmentName string

@minLength(1)
@description('Azure region of the resources; one that offers Flex Consumption.')
param location string

@description('Resource group to create; empty: rg-<environmentName>.')
param resourceGroupName string = ''

// One tenant id is 36 characters: anything shorter cannot name one.
@minLength(36)
@description('Comma-separated ids of the tenants whose users the bot answers.')
param allowedTenantIds string

@allowed([
  'managedIdentity'
  'clientSecret'
  'none'
])
@description('How the bot reads Microsoft Graph: the managed identity, an app registration\'s client secret (kept in Key Vault), or not at all.')
param graphCredential string = 'managedIdentity'

@description('Application (client) id of the Graph app registration; with graphCredential clientSecret.')
param graphClientId string = ''

@secure()
@description('Client secret of the Graph app registration; with graphCredential clientSecret.')
param graphClientSecret string = ''

@allowed([
  'UserAssignedMSI'
  'SingleTenant'
])
@description('The bot\'s identity: the managed identity, or a single-tenant app registration with a client secret (kept in Key Vault).')
param botAppType string = 'UserAssignedMSI'

@description('Application (client) id of the single-tenant bot app registration; with botAppType SingleTenant.')
param botAppId string = ''

@secure()
@description('Client secret of the single-tenant bot app registration; with botAppType SingleTenant.')
param botAppPassword string = ''

// The ranges are the ones platform/config/app-settings.ts accepts.
@minValue(1)
@maxValue(336)
@description('Hours without evidence before a reminder.')
param reminderAfterHours int = 48

@minValue(1)
@maxValue(144)
@description('Hours between reminders to the approvers.')
param approvalReminderHours int = 8

@minValue(1)
@maxValue(336)
@description('Hours without a cutover decision before the owner and the escalation channel are told; shorter than approvalExpiresAfterHours.')
param escalateAfterHours int = 24

@minValue(1)
@maxValue(720)
@description('Hours after which an approval request expires.')
param approvalExpiresAfterHours int = 72

@description('A Teams channel (conversation id, bot installed there) that also gets escalations; empty: none.')
param escalationChannelId string = ''

@description('The app\'s id in the tenant\'s app catalog (npm run publish:app prints it): the bot installs itself for an approver without it (Graph TeamsAppInstallation.ReadWriteSelfForUser.All); empty: it does not.')
param teamsAppCatalogId string = ''

@minValue(1)
@maxValue(1000)
@description('Instances the function app may scale out to.')
param maximumInstanceCount int = 40

@minValue(0)
@maxValue(10)
@description('Always-ready instances for the HTTP functions; 0 scales to zero, and a card click after a quiet spell then waits for a cold start.')
param alwaysReadyHttpInstances int = 1

@minValue(0)
@maxValue(10)
@description('Always-ready instances for the Durable Functions triggers.')
param alwaysReadyDurableInstances int = 1

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var useGraphSecret = graphCredential == 'clientSecret'
var singleTenantBot = botAppType == 'SingleTenant'
var useKeyVault = useGraphSecret || singleTenantBot

// Parameters that only work together are refused while Azure validates the deployment, before
// anything is created, with the azd environment variable to set: these variables use parameters
// alone, and ARM evaluates only the branch of a condition that is taken. An application id is a
// GUID: 36 characters in five groups.
var singleTenantBotAppId = !singleTenantBot
  ? ''
  : empty(botAppId)
      ? fail('botAppType SingleTenant needs the bot app registration\'s application (client) id: set BOT_APP_ID (azd env set BOT_APP_ID <application id>), or the parameter botAppId.')
      : length(botAppId) != 36 || length(split(botAppId, '-')) != 5
          ? fail('botAppId (BOT_APP_ID) must be the bot app registration\'s application (client) id, a GUID.')
          : botAppId
var singleTenantBotPassword = singleTenantBot && empty(botAppPassword)
  ? fail('botAppType SingleTenant needs the bot app registration\'s client secret: set BOT_APP_PASSWORD (azd env set-secret BOT_APP_PASSWORD), or the parameter botAppPassword.')
  : singleTenantBot ? botAppPassword : ''
var graphSecretClientId = !useGraphSecret
  ? ''
  : empty(graphClientId)
      ? fail('graphCredential clientSecret needs the Graph app registration\'s application (client) id: set GRAPH_CLIENT_ID (azd env set GRAPH_CLIENT_ID <application id>), or the parameter graphClientId.')
      : length(graphClientId) != 36 || length(split(graphClientId, '-')) != 5
          ? fail('graphClientId (GRAPH_CLIENT_ID) must be the Graph app registration\'s application (client) id, a GUID.')
          : graphClientId
var graphSecretValue = useGraphSecret && empty(graphClientSecret)
  ? fail('graphCredential clientSecret needs the Graph app registration\'s client secret: set GRAPH_CLIENT_SECRET (azd env set-secret GRAPH_CLIENT_SECRET), or the parameter graphClientSecret.')
  : useGraphSecret ? graphClientSecret : ''
var approvalTimings = escalateAfterHours < approvalExpiresAfterHours
  ? {
      ESCALATE_AFTER_HOURS: string(escalateAfterHours)
      APPROVAL_EXPIRES_AFTER_HOURS: string(approvalExpiresAfterHours)
    }
  : fail('escalateAfterHours (ESCALATE_AFTER_HOURS) must be shorter than approvalExpiresAfterHours (APPROVAL_EXPIRES_AFTER_HOURS): the owner is told before the request expires.')
var identityName = 'id-${resourceToken}'
var storageAccountName = 'st${resourceToken}'
var applicationInsightsName = 'appi-${resourceToken}'

resource resourceGroup 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: empty(resourceGroupName) ? 'rg-${environmentName}' : resourceGroupName
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  scope: resourceGroup
  params: {
    name: identityName
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  scope: resourceGroup
  params: {
    name: storageAccountName
    location: location
    tags: tags
    deploymentContainerName: 'app-package'
    identityName: identityName
  }
  // The role assignments read the identity by name: it must exist first.
  dependsOn: [
    identity
  ]
}

module monitoring 'modules/monitoring.bicep' = {
  scope: resourceGroup
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: applicationInsightsName
    location: location
    tags: tags
    identityName: identityName
  }
  // The role assignments read the identity by name: it must exist first.
  dependsOn: [
    identity
  ]
}

module keyVault 'modules/keyvault.bicep' = if (useKeyVault) {
  scope: resourceGroup
  params: {
    name: 'kv-${resourceToken}'
    location: location
    tags: tags
    identityName: identityName
    graphClientSecret: graphSecretValue
    botAppPassword: singleTenantBotPassword
  }
  dependsOn: [
    identity
  ]
}

// Read after the monitoring module created it; its connection string is no credential with local
// authentication off, and it stays out of every output.
resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  scope: resourceGroup
  name: applicationInsightsName
  dependsOn: [
    monitoring
  ]
}

var vaultUri = useKeyVault ? keyVault!.outputs.vaultUri : ''
var botAppIdValue = singleTenantBot ? singleTenantBotAppId : identity.outputs.clientId

var storageSettings = {
  AzureWebJobsStorage__accountName: storage.outputs.name
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identity.outputs.clientId
}

var botSettings = union(
  {
    MicrosoftAppId: botAppIdValue
    MicrosoftAppType: botAppType
    MicrosoftAppTenantId: tenant().tenantId
    ALLOWED_TENANT_IDS: allowedTenantIds
  },
  singleTenantBot
    ? {
        MicrosoftAppPassword: '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/bot-app-password/)'
      }
    : {}
)

var graphSettings = graphCredential == 'managedIdentity'
  ? {
      GRAPH_MANAGED_IDENTITY_CLIENT_ID: identity.outputs.clientId
    }
  : useGraphSecret
      ? {
          GRAPH_TENANT_ID: tenant().tenantId
          GRAPH_CLIENT_ID: graphSecretClientId
          GRAPH_CLIENT_SECRET: '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/graph-client-secret/)'
        }
      : {}

var workflowSettings = union(
  {
    REMINDER_AFTER_HOURS: string(reminderAfterHours)
    APPROVAL_REMINDER_HOURS: string(approvalReminderHours)
  },
  approvalTimings,
  empty(escalationChannelId)
    ? {}
    : {
        ESCALATION_CHANNEL_ID: escalationChannelId
      },
  empty(teamsAppCatalogId)
    ? {}
    : {
        TEAMS_APP_CATALOG_ID: teamsAppCatalogId
      }
)

var monitoringSettings = {
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
  // Telemetry is sent with the identity's Entra token: the component takes nothing else.
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.outputs.clientId};Authorization=AAD'
}

module functionApp 'modules/function-app.bicep' = {
  scope: resourceGroup
  params: {
    planName: 'plan-${resourceToken}'
    name: 'func-${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    maximumInstanceCount: maximumInstanceCount
    alwaysReadyHttpInstances: alwaysReadyHttpInstances
    alwaysReadyDurableInstances: alwaysReadyDurableInstances
    appSettings: union(storageSettings, botSettings, graphSettings, workflowSettings, monitoringSettings)
  }
}

// functions/messages.ts serves route `messages` under the host's default /api prefix. The host
// name is the one Azure assigned: new apps may get a hashed, region-qualified name.
var botEndpoint = 'https://${functionApp.outputs.defaultHostName}/api/messages'

module bot 'modules/bot.bicep' = {
  scope: resourceGroup
  params: {
    name: 'bot-${resourceToken}'
    tags: tags
    appType: botAppType
    tenantId: tenant().tenantId
    appId: botAppIdValue
    identityId: identity.outputs.id
    endpoint: botEndpoint
  }
}

@description('The bot id (Teams manifest bots[0].botId): the managed identity\'s client id, or the single-tenant app\'s id.')
output BOT_ID string = botAppIdValue

@description('The Azure Bot\'s messaging endpoint.')
output BOT_ENDPOINT string = botEndpoint

output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name

output AZURE_RESOURCE_GROUP string = resourceGroup.name

output AZURE_TENANT_ID string = tenant().tenantId

@description('Object id of the managed identity\'s service principal: the principal of the Graph Organization.Read.All grant.')
output IDENTITY_PRINCIPAL_ID string = identity.outputs.principalId

output AZURE_BOT_NAME string = bot.outputs.name
