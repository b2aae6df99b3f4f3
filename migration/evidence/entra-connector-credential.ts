import { absentEvidence, parsedEvidence, type EvidenceParse } from './evidence-parse';
import { readListFields } from './format-list';
import { readTableRows } from './format-table';
import { normalizePastedText } from './pasted-text';
import { setDefined } from './set-defined';

/** How the Microsoft Entra connector signs in, from Get-ADSyncEntraConnectorCredential. */
export interface EntraConnectorCredential {
  /**
   * Learn (authenticate-application-id): "This command returns the `ConnectorIdentityType` value
   * currently in use. The value can be `ServiceAccount` or `Application`."
   */
  identityType?: 'ServiceAccount' | 'Application';
  /** The ConnectorIdentityType as printed, when it is neither documented value. */
  identityTypeText?: string;
  /** The application (client) ID, when the output shows one (`{AppID}@tenant.onmicrosoft.com` or an id field). */
  applicationId?: string;
  /** A `Sync_...@tenant.onmicrosoft.com` directory synchronization account, when the output shows one. */
  serviceAccount?: string;
}

const identityField = 'ConnectorIdentityType';
const guid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
// Learn documents ConnectorIdentityType only and shows the rest as a screenshot: these names are guesses, never required.
const applicationIdFields = ['ApplicationId', 'AppId', 'ClientId', 'ApplicationClientId'];

/**
 * Reads Get-ADSyncEntraConnectorCredential output as a list (`ConnectorIdentityType : Application`)
 * or a table (ConnectorIdentityType as a column header). Only ConnectorIdentityType is documented,
 * so it alone makes the text this kind of evidence; an application id or account is read when shown.
 */
export function parseEntraConnectorCredential(
  text: string,
): EvidenceParse<EntraConnectorCredential> {
  const normalized = normalizePastedText(text);
  if (!new RegExp(`(?<![\\w.$-])${identityField}(?![\\w-])`, 'i').test(normalized)) {
    return absentEvidence(
      'No ConnectorIdentityType (Get-ADSyncEntraConnectorCredential) was found.',
    );
  }
  const printed = listedIdentityType(normalized) ?? tabledIdentityType(normalized);
  const credential: EntraConnectorCredential = {};
  const identityType = documentedIdentityType(printed);
  setDefined(credential, 'identityType', identityType);
  if (identityType === undefined) setDefined(credential, 'identityTypeText', printed);
  setDefined(credential, 'applicationId', applicationIdOf(normalized));
  setDefined(
    credential,
    'serviceAccount',
    /(?<![\w.-])Sync_[\w-]+@[\w.-]+\.onmicrosoft\.com\b/i.exec(normalized)?.[0],
  );
  return parsedEvidence(credential, identityType === undefined ? [identityField] : []);
}

/** The first word after `ConnectorIdentityType :`; a flattened list runs on into the next field. */
function listedIdentityType(text: string): string | undefined {
  return readListFields(text, [identityField])
    .map((field) => field.value.split(/\s+/)[0] ?? '')
    .find((value) => value !== '');
}

/** The cell under the ConnectorIdentityType header, or the first documented value after it. */
function tabledIdentityType(text: string): string | undefined {
  const cell = readTableRows(text, [identityField])[0]?.get(identityField)?.split(/\s+/)[0];
  if (cell !== undefined && cell !== '') return cell;
  const header = text.search(new RegExp(`(?<!\\S)${identityField}(?!\\S)`));
  if (header === -1) return undefined;
  return /\b(ServiceAccount|Application)\b/i.exec(text.slice(header + identityField.length))?.[1];
}

function documentedIdentityType(
  printed: string | undefined,
): EntraConnectorCredential['identityType'] {
  if (printed === undefined) return undefined;
  if (/^ServiceAccount$/i.test(printed)) return 'ServiceAccount';
  if (/^Application$/i.test(printed)) return 'Application';
  return undefined;
}

/** Learn (authenticate-application-id): "The username format is `{AppID}@tenantName.onmicrosoft.com`." */
function applicationIdOf(text: string): string | undefined {
  const listed = readListFields(text, applicationIdFields)
    .map((field) => new RegExp(`^${guid}`, 'i').exec(field.value)?.[0])
    .find((value) => value !== undefined);
  if (listed !== undefined) return listed;
  return new RegExp(`(?<![\\w-])(${guid})@[\\w.-]+\\.onmicrosoft\\.com\\b`, 'i').exec(text)?.[1];
}
