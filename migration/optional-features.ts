/**
 * The optional features of the Entra Connect wizard that a new server must reproduce.
 * Learn: how-to-connect-install-custom ("Optional features"); `parameter` is the
 * `Get-ADSyncGlobalSettings` parameter that records the choice, where one is known from real output.
 */
export const optionalFeatures = [
  {
    key: 'exchangeHybrid',
    label: 'Exchange hybrid deployment',
    parameter: 'Microsoft.OptionalFeature.HybridExchange',
  },
  {
    key: 'exchangeMailPublicFolders',
    label: 'Exchange mail public folders',
    parameter: 'Microsoft.OptionalFeature.ExchangeMailPublicFolder',
  },
  { key: 'passwordHashSync', label: 'Password hash synchronization', parameter: undefined },
  { key: 'passwordWriteback', label: 'Password writeback', parameter: undefined },
  {
    key: 'groupWriteback',
    label: 'Group writeback',
    parameter: 'Microsoft.OptionalFeature.GroupWriteBack',
  },
  {
    key: 'deviceWriteback',
    label: 'Device writeback',
    parameter: 'Microsoft.OptionalFeature.DeviceWriteBack',
  },
  {
    key: 'directoryExtensions',
    label: 'Directory extension attribute sync',
    parameter: 'Microsoft.OptionalFeature.DirectoryExtension',
  },
  {
    key: 'appAndAttributeFiltering',
    label: 'Microsoft Entra app and attribute filtering',
    parameter: undefined,
  },
] as const;

export type OptionalFeature = (typeof optionalFeatures)[number];
export type OptionalFeatureKey = OptionalFeature['key'];

/** The feature keys, in wizard order. */
export const optionalFeatureKeys = optionalFeatures.map((feature) => feature.key);
