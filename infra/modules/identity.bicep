// The bot's user-assigned managed identity: the Azure Bot's app, and the function app's identity for
// storage, Application Insights, Key Vault references and Microsoft Graph. One identity, no secret.

@description('Name of the user-assigned managed identity.')
param name string

param location string

param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

@description('Resource id of the identity.')
output id string = identity.id

@description('Client (application) id: the bot id, MicrosoftAppId and every __clientId setting.')
output clientId string = identity.properties.clientId

@description('Object id of its service principal: the principal of role and Graph app-role assignments.')
output principalId string = identity.properties.principalId
