import { z } from 'zod';
import { calendarDateAt, formatCalendarDate, type CalendarDate } from './calendar-date';
import { factKey, factNames } from './checkpoints/recorded-facts';
import { compareVersions, isConnectVersion } from './connect-version';
import type { MigrationJournal } from './migration-journal';
import type { OldServerOfflineMode } from './migration-signals';
import { enforcedMinimum, wizardSignInMinimum } from './version-policy';

/**
 * Why the old server can no longer be switched to staging mode with the wizard, nor taken back:
 * `sync-stopped` below 2.5.79.0 from 30 September 2026 (its synchronization fails), `wizard-sign-in`
 * below 2.4.18.0 from 30 April 2025 until then (its wizard cannot sign in; sync still runs).
 */
export const oldServerCutoffSchema = z.object({
  rule: z.enum(['sync-stopped', 'wizard-sign-in']),
  version: z.string(),
  /** The lowest version the rule lets through. */
  minimum: z.string(),
  /** The day the rule took effect. */
  since: z.string(),
  /** True when the wizard's sign-in fails too (below 2.4.18.0). */
  wizardSignInFails: z.boolean(),
});
export type OldServerCutoff = z.infer<typeof oldServerCutoffSchema>;

/** What the old server is after the cutover, for a server below a cutoff: why, and how it left service. */
export interface OldServerStanding {
  readonly cutoff: OldServerCutoff;
  /** Shut down or isolated as confirmed by the owner; null when it was put in staging mode. */
  readonly offline: OldServerOfflineMode | null;
}

/** The cutoff in force on `today` for the old server's recorded version, or null (none, or version unknown). */
export function oldServerCutoffOf(
  recorded: MigrationJournal['recorded'],
  today: CalendarDate,
): OldServerCutoff | null {
  const version = recorded[factKey('old', factNames.version)];
  if (typeof version !== 'string' || !isConnectVersion(version)) return null;
  const wizardSignInFails =
    compareVersions(version, wizardSignInMinimum.version) < 0 && today >= wizardSignInMinimum.since;
  if (compareVersions(version, enforcedMinimum.version) < 0 && today >= enforcedMinimum.since) {
    return { rule: 'sync-stopped', version, ...minimumOf(enforcedMinimum), wizardSignInFails };
  }
  if (wizardSignInFails) {
    return {
      rule: 'wizard-sign-in',
      version,
      ...minimumOf(wizardSignInMinimum),
      wizardSignInFails,
    };
  }
  return null;
}

function minimumOf(rule: { readonly version: string; readonly since: string }) {
  return { minimum: rule.version, since: rule.since };
}

/** The cutoff in force at `at` (the orchestration's clock) for the journal's old server, or null. */
export function oldServerCutoffAt(journal: MigrationJournal, at: Date): OldServerCutoff | null {
  return oldServerCutoffOf(journal.recorded, calendarDateAt(at));
}

/** The old server's standing at `at` (the orchestration's clock), or null when no cutoff applies. */
export function oldServerStandingOf(journal: MigrationJournal, at: Date): OldServerStanding | null {
  const cutoff = oldServerCutoffAt(journal, at);
  if (cutoff === null) return null;
  return { cutoff, offline: journal.oldServerOffline?.how ?? null };
}

/** Why the wizard cannot help with the old server, in one sentence naming the rule and its date. */
export function cutoffReason(cutoff: OldServerCutoff, oldServer: string): string {
  const since = formatCalendarDate(cutoff.since);
  if (cutoff.rule === 'sync-stopped') {
    const wizard = cutoff.wizardSignInFails
      ? `; its Connect wizard cannot sign in to Microsoft Entra ID either (below ${wizardSignInMinimum.version}, since ${formatCalendarDate(wizardSignInMinimum.since)})`
      : '';
    return `${oldServer} runs ${cutoff.version}, below ${cutoff.minimum}: since ${since} all synchronization services of Entra Connect Sync below that version fail${wizard}.`;
  }
  return `${oldServer} runs ${cutoff.version}, below ${cutoff.minimum}: since ${since} every sign-in to Microsoft Entra ID from its Connect wizard fails, configuring staging mode included (its sync keeps running until ${formatCalendarDate(enforcedMinimum.since)}).`;
}

/** How the old server is out of service, in words: `verb` says whether it is so or stays so. */
export function offlineText(
  offline: OldServerOfflineMode | null,
  oldServer: string,
  verb: 'is' | 'stays' = 'is',
): string {
  switch (offline) {
    case 'shut-down':
      return `${oldServer} ${verb} shut down`;
    case 'isolated':
      return `${oldServer} ${verb} isolated (ADSync stopped and disabled, no outbound connection to Microsoft Entra ID)`;
    case null:
      return `${oldServer} ${verb} in staging mode`;
  }
}

/** Why going back to the old server is no way out of a problem on the new one. */
export function noWayBackText(standing: OldServerStanding, oldServer: string): string {
  const head =
    standing.cutoff.rule === 'sync-stopped'
      ? `Going back to ${oldServer} restores nothing: it cannot synchronise.`
      : `Going back to ${oldServer} is no way out: its wizard cannot switch it back.`;
  return `${head} ${cutoffReason(standing.cutoff, oldServer)}`;
}
