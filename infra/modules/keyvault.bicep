// Only for a client secret chosen instead of the managed identity (Graph app registration, or a
// single-tenant bot): the secret lives here, and the function app reads it through a Key Vault
// reference resolved with the bot's identity, so no app setting holds it.

param name string

param location string

param tags object

@description('Name of the user-assigned managed identity (same resource group) that reads the secrets.')
param identityName string

@secure()
@description('Client secret of the Graph app registration; empty: no such secret.')
param graphClientSecret string

@secure()
@description('Client secret of the single-tenant bot app registration; empty: no such secret.')
param botAppPassword string

var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource vault 'Microsoft.KeyVault/vaults@2026-05-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    // The shortest retention: a vault of a torn-down environment blocks its name only this long,
    // unless it is purged. No purge protection, so that `azd down --purge` purges it and `azd up`
    // of the same environment can create it again at once (a purge-protected vault cannot be
    // purged, and azd skips it). Left unset rather than false: Azure refuses false, and a vault
    // created with purge protection by an earlier version keeps it.
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource graphSecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = if (!empty(graphClientSecret)) {
  parent: vault
  name: 'graph-client-secret'
  properties: {
    value: graphClientSecret
  }
}

resource botSecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = if (!empty(botAppPassword)) {
  parent: vault
  name: 'bot-app-password'
  properties: {
    value: botAppPassword
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, identity.id, keyVaultSecretsUser)
  properties: {
    description: 'Key Vault Secrets User for the bot\'s managed identity (Key Vault references)'
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
  }
}

@description('e.g. https://<vault>.vault.azure.net/ (with the trailing slash).')
output vaultUri string = vault.properties.vaultUri
