import type { ConfigDocument } from './config-document';

/** The Entra Connect version that wrote the document (policyMetadata.azureADConnectVersion). */
export function azureADConnectVersionOf(document: ConfigDocument): string | undefined {
  return nonBlank(document.policyMetadata?.azureADConnectVersion);
}

/** The FQDN of the server that wrote the document (deploymentMetadata.hostName). */
export function hostNameOf(document: ConfigDocument): string | undefined {
  return nonBlank(document.deploymentMetadata?.hostName);
}

/** When the document was written (policyMetadata.timeCreated), as the file says it. */
export function timeCreatedOf(document: ConfigDocument): string | undefined {
  return nonBlank(document.policyMetadata?.timeCreated);
}

function nonBlank(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
