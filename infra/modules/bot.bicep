// The Azure Bot registration with the Microsoft Teams channel. Multi-tenant bots can no longer be
// created (since 2025-07-31): the bot is the managed identity, or a single-tenant app registration.

param name string

param tags object

@allowed([
  'UserAssignedMSI'
  'SingleTenant'
])
param appType string

@description('The bot id: the managed identity\'s client id, or the single-tenant app\'s id.')
param appId string

@description('Tenant of the bot\'s identity or app registration.')
param tenantId string

@description('Resource id of the managed identity; used with UserAssignedMSI only.')
param identityId string

@description('The messaging endpoint, https://<host>/api/messages.')
param endpoint string

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: 'F0'
  }
  properties: {
    displayName: 'Entra Connect Migration'
    description: 'Guides the swing migration of Microsoft Entra Connect Sync to a new server.'
    endpoint: endpoint
    msaAppId: appId
    msaAppType: appType
    msaAppTenantId: tenantId
    msaAppMSIResourceId: appType == 'UserAssignedMSI' ? identityId : null
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      enableCalling: false
      isEnabled: true
    }
  }
}

output name string = bot.name
