/**
 * The Microsoft Entra connector always has this identifier (Learn uses it in its
 * Add-ADSyncAADServiceAccount example), whatever the tenant's name.
 */
export const entraConnectorId = 'b891884f-051e-4a83-95af-2544101c9083';

/** PowerShell that gives the Microsoft Entra connector's name on the server it runs on. */
export const entraConnectorNameCommand = `(Get-ADSyncConnector | Where-Object Identifier -eq '${entraConnectorId}').Name`;

/**
 * The Microsoft Entra connector as Get-ADSyncRunProfileResult and Get-ADSyncConnector name it:
 * `contoso.onmicrosoft.com - AAD` (older builds: `... - Windows Azure Active Directory`).
 */
export function isEntraConnectorName(name: string): boolean {
  return /\s-\s*(?:AAD|Microsoft Entra ID|(?:Windows )?Azure Active Directory)\s*$|\.onmicrosoft\.(?:com|us|de)\b|\.partner\.onmschina\.cn\b/i.test(
    name,
  );
}
