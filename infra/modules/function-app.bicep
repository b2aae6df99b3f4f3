// The function app on a Flex Consumption plan: Linux, Node 22, identity-based storage for the host
// and for the deployment package. Settings come from main.bicep, which holds the app's contract.

param planName string

param name string

param location string

param tags object

@description('Resource id of the user-assigned managed identity.')
param identityId string

@description('URL of the blob container that holds the deployment package.')
param deploymentContainerUrl string

@description('Instances the app may scale out to.')
param maximumInstanceCount int

@description('Instances kept warm for the HTTP functions.')
param alwaysReadyHttpInstances int

@description('Instances kept warm for the Durable Functions triggers.')
param alwaysReadyDurableInstances int

@description('The app settings, names and values.')
param appSettings object

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    // Linux.
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  // azd deploys the service `bot` to the resource carrying this tag.
  tags: union(tags, { 'azd-service-name': 'bot' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
    }
    // Flex Consumption takes the runtime, scale and package location from here; it refuses the
    // FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION app settings.
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      runtime: {
        name: 'node'
        version: '22'
      }
      scaleAndConcurrency: {
        instanceMemoryMB: 2048
        maximumInstanceCount: maximumInstanceCount
        // Teams waits 10-15 s for an invoke (card click) answer: a warm `http` instance keeps a
        // cold start out of that window. `durable` is the group of the orchestration, entity and
        // activity triggers, which scale together on Flex Consumption.
        alwaysReady: [
          {
            name: 'http'
            instanceCount: alwaysReadyHttpInstances
          }
          {
            name: 'durable'
            instanceCount: alwaysReadyDurableInstances
          }
        ]
      }
    }
  }
}

resource settings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'appsettings'
  properties: appSettings
}

output name string = site.name

@description('The host name Azure gave the app; new apps may get a hashed, region-qualified one.')
output defaultHostName string = site.properties.defaultHostName
