import { absentEvidence, parsedEvidence, type EvidenceParse } from './evidence-parse';
import { readListFields } from './format-list';
import { normalizePastedText } from './pasted-text';
import { firstWordOf, readPowerShellBoolean } from './powershell-values';

/** What `Get-ADSyncAADPasswordResetConfiguration` printed for the Microsoft Entra connector. */
export interface PasswordWriteback {
  enabled: boolean;
  /** ServiceStatus: `Started` when the writeback service is running on this server. */
  serviceStatus?: string;
}

/**
 * Reads `Get-ADSyncAADPasswordResetConfiguration -Connector "<tenant> - AAD"` (Enabled,
 * ServiceStatus, OnboardingRequiredStatus). Learn (how-to-connect-sync-staging-server): a staging
 * server runs no password writeback; disabling staging mode enables it.
 */
export function parsePasswordWriteback(text: string): EvidenceParse<PasswordWriteback> {
  const normalized = normalizePastedText(text);
  const values = new Map(
    readListFields(normalized, ['Enabled', 'ServiceStatus', 'OnboardingRequiredStatus']).map(
      (field) => [field.field, field.value],
    ),
  );
  // Enabled alone is too common a word: the writeback configuration also prints ServiceStatus or OnboardingRequiredStatus.
  const enabled = readPowerShellBoolean(values.get('Enabled'));
  if (
    enabled === undefined ||
    (!values.has('ServiceStatus') && !values.has('OnboardingRequiredStatus'))
  ) {
    return absentEvidence(
      'No Get-ADSyncAADPasswordResetConfiguration output (Enabled, ServiceStatus) was found.',
    );
  }
  const writeback: PasswordWriteback = { enabled };
  const status = firstWordOf(values.get('ServiceStatus'));
  if (status !== undefined) writeback.serviceStatus = status;
  return parsedEvidence(writeback, status === undefined ? ['ServiceStatus'] : []);
}
