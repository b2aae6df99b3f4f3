import { daysBetween, formatCalendarDate, isCalendarDate } from '../calendar-date';
import type { EvaluationContext, EvidenceItem } from '../evidence/evidence-item';
import { evidenceKindGuides } from '../evidence/evidence-kind-guide';
import { findEvidence } from '../evidence/text-evidence';
import type { Finding } from '../judgment';
import { expectedProfile } from './sign-in-profile';

const passwordSyncTroubleshooting =
  'On the new server run Import-Module ADSyncDiagnostics; Invoke-ADSyncDiagnostics -PasswordSync, and look in the Application log for "Directory synchronization" events 611, 652 and 655 (Learn: tshoot-connect-password-hash-synchronization).';

/**
 * Sign-in keeps working once the new server is active. Learn (how-to-connect-sync-staging-server):
 * a staging server runs neither password hash sync nor password writeback; clearing staging mode
 * starts both, so they are shown running on the new server. Learn (how-to-connect-pta-faq): pass-through
 * authentication has no fallback to password hash sync, and removing an agent with no other one
 * active stops sign-ins.
 */
export function signInContinuityFindings(
  items: readonly EvidenceItem[],
  context: EvaluationContext,
): Finding[] {
  const expected = expectedProfile(context);
  if (expected === undefined) return [];
  const findings: Finding[] = [];
  if (expected.method === 'phs' || expected.features.passwordHashSync === true) {
    findings.push(...passwordHashSyncFindings(items, context));
  }
  if (expected.features.passwordWriteback === true) {
    findings.push(...passwordWritebackFindings(items));
  }
  if (expected.method === 'pta') {
    findings.push({
      severity: 'warning',
      message:
        'Sign-in uses pass-through authentication: it keeps working only while at least one authentication agent other than the old server’s is active, and it never falls back to password hash sync.',
      remediation:
        'In the Microsoft Entra admin center > Entra ID > Entra Connect > Connect Sync > Pass-through authentication, check that the new server’s agent (Learn recommends three agents in production) shows Active before the old server or its agent goes; then continue anyway.',
    });
  }
  return findings;
}

function passwordHashSyncFindings(
  items: readonly EvidenceItem[],
  context: EvaluationContext,
): Finding[] {
  const state = findEvidence(items, 'password-sync-state')?.value;
  if (state === undefined) {
    return [
      {
        severity: 'warning',
        message:
          'Password hash sync is used, but it is not shown running on the new server (a staging server runs none until staging mode is cleared).',
        remediation: evidenceKindGuides['password-sync-state'].howToGet,
      },
    ];
  }
  return state.partitions.map((partition): Finding => {
    const name = partition.partition ?? 'a partition';
    if (
      partition.lastCycleStatus === undefined ||
      !/^Successful$/i.test(partition.lastCycleStatus)
    ) {
      return {
        severity: 'error',
        message: `Password hash sync's last cycle for ${name} is ${partition.lastCycleStatus ?? 'not shown'}, not Successful: password changes are not reaching Microsoft Entra ID.`,
        remediation: passwordSyncTroubleshooting,
      };
    }
    const ended = partition.lastSuccessfulCycleEnd?.slice(0, 10);
    if (ended !== undefined && isCalendarDate(ended) && daysBetween(ended, context.today) > 1) {
      return {
        severity: 'warning',
        message: `Password hash sync last succeeded for ${name} on ${formatCalendarDate(ended)}: not since the new server became active.`,
        remediation: `Wait a few minutes after clearing staging mode and run Get-ADSyncPartitionPasswordSyncState again. ${passwordSyncTroubleshooting}`,
      };
    }
    return {
      severity: 'info',
      message: `Password hash sync runs on the new server: its last cycle for ${name} was Successful.`,
    };
  });
}

function passwordWritebackFindings(items: readonly EvidenceItem[]): Finding[] {
  const writeback = findEvidence(items, 'password-writeback')?.value;
  if (writeback === undefined) {
    return [
      {
        severity: 'warning',
        message:
          'Password writeback is used, but it is not shown working on the new server (a staging server runs none until staging mode is cleared).',
        remediation: evidenceKindGuides['password-writeback'].howToGet,
      },
    ];
  }
  if (!writeback.enabled) {
    return [
      {
        severity: 'error',
        message:
          'Password writeback is off on the new server, but the old one used it: password resets and changes made in the cloud no longer reach Active Directory.',
        remediation:
          'Run Microsoft Entra Connect on the new server > Customize synchronization options > Optional features, tick Password writeback, and send the output again.',
      },
    ];
  }
  if (writeback.serviceStatus !== undefined && !/^Started$/i.test(writeback.serviceStatus)) {
    return [
      {
        severity: 'warning',
        message: `Password writeback is on, but its service is ${writeback.serviceStatus}, not Started.`,
        remediation:
          'Restart the ADSync service on the new server (Restart-Service ADSync), wait a few minutes and send the output again; only one active server can use password writeback at a time.',
      },
    ];
  }
  return [{ severity: 'info', message: 'Password writeback is on and started on the new server.' }];
}
