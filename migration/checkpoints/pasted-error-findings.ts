import { compareVersions } from '../connect-version';
import type { EvaluationContext, EvidenceItem } from '../evidence/evidence-item';
import { identifyEvidence } from '../evidence/identify-evidence';
import {
  analysePaste,
  recognizePastedErrors,
  verdictOfErrors,
  type PastedError,
} from '../evidence/pasted-errors';
import { findEvidence, looksLikeJsonDocument } from '../evidence/text-evidence';
import type { Finding, Judgment, JudgmentStatus } from '../judgment';
import { isDiagnosticKind } from '../runbook';
import { enforcedMinimum } from '../version-policy';

/**
 * The errors that still stand among a checkpoint's items. An error is answered by any later
 * submission of the step's own output without one (the admin fixed it and sent the output again),
 * so an old error never keeps a step failed. The outputs a fix asks for (nltest, Test-NetConnection,
 * Get-Service) and events that report no fault answer nothing: they neither raise nor clear an
 * error. Uploaded JSON documents are settings, not command output.
 */
export function standingPastedErrors(items: readonly EvidenceItem[]): PastedError[] {
  const perItem = items.map((item) => ({
    errors: looksLikeJsonDocument(item.text) ? [] : recognizePastedErrors(item.text),
    neutral: !looksLikeJsonDocument(item.text) && isDiagnosticKind(identifyEvidence(item.text)),
  }));
  const lastClean = perItem.findLastIndex(({ errors, neutral }) => errors.length === 0 && !neutral);
  const seen = new Set<string>();
  return perItem.slice(lastClean + 1).flatMap(({ errors }) =>
    errors.filter((error) => {
      const key = `${error.id}:${error.excerpt}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }),
  );
}

/** The finding of a pasted error: what it is, its cause (with the line as printed) and the exact fix. */
export function pastedErrorFinding(error: PastedError): Finding {
  return {
    severity: error.verdict === 'fail' ? 'error' : 'warning',
    message: `${error.title}: ${printedAs(error)} ${error.cause}`,
    remediation: `${error.fix} (Microsoft Learn: ${error.learn})`,
    pastedError: error.id,
  };
}

/** Where the error was read: the event (source, id, time, machine) and its line as printed. */
function printedAs(error: PastedError): string {
  const event = error.event;
  if (event === undefined) return `The output says: “${error.excerpt}”.`;
  const details = [
    event.level,
    event.date === undefined ? undefined : `at ${event.date}`,
    event.computer === undefined ? undefined : `on ${event.computer}`,
  ].filter((part) => part !== undefined);
  const source = event.source === undefined ? '' : ` of ${event.source}`;
  return `Event ${String(event.id)}${source}${details.length === 0 ? '' : ` (${details.join(', ')})`} says: “${error.excerpt}”.`;
}

/**
 * A judgment with the standing errors of its evidence applied: their findings come first, and
 * the status is at best `unknown` (or `fail` for an error that breaks what the step checks). No
 * judge can pass evidence that holds an error. The outputs the fixes asked for are answered, and a
 * version an event names is reported as a fact about the server that logged it.
 */
export function withPastedErrors(
  judgment: Judgment,
  items: readonly EvidenceItem[],
  context: EvaluationContext,
): Judgment {
  const errors = standingPastedErrors(items);
  const verdict = verdictOfErrors(errors, judgment.checkpoint);
  const notes = [...answerFindings(items), ...eventVersionFindings(items, context)];
  if (verdict === undefined) {
    return notes.length === 0
      ? judgment
      : { ...judgment, findings: [...judgment.findings, ...notes] };
  }
  const status: JudgmentStatus =
    verdict === 'fail' || judgment.status === 'fail' ? 'fail' : 'unknown';
  return {
    ...judgment,
    status,
    findings: [...errors.map(pastedErrorFinding), ...judgment.findings, ...notes],
  };
}

/** What the healthy outputs of nltest, Test-NetConnection and Get-Service answer. */
function answerFindings(items: readonly EvidenceItem[]): Finding[] {
  const findings: Finding[] = [];
  const locator = findEvidence(items, 'dc-locator')?.value;
  if (locator?.found === true) {
    const where = [
      locator.address,
      locator.site === undefined ? undefined : `site ${locator.site}`,
    ].filter((part) => part !== undefined);
    findings.push({
      severity: 'info',
      message: `A domain controller of ${locator.forest ?? locator.domain ?? 'the domain'} answered this server: ${locator.dc}${where.length === 0 ? '' : ` (${where.join(', ')})`}. DNS and the DC locator work from here; a connector that still cannot connect points at a blocked port (Test-NetConnection ${locator.dc} -Port 389) or at the connector account's password.`,
    });
  }
  for (const test of findEvidence(items, 'port-test')?.value ?? []) {
    if (!test.succeeded) continue;
    const address =
      test.address === undefined || test.address === test.computer ? '' : ` (${test.address})`;
    findings.push({
      severity: 'info',
      message: `${test.computer}${address} answers on TCP ${String(test.port)}${portName(test.port)} from this server.`,
    });
  }
  const service = findEvidence(items, 'service-status')?.value;
  if (service?.running === true) {
    findings.push({
      severity: 'info',
      message: 'The ADSync service is running on this server.',
    });
  }
  return findings;
}

/** Learn: reference-connect-ports. */
function portName(port: number): string {
  const names: Readonly<Record<number, string>> = {
    53: 'DNS',
    88: 'Kerberos',
    135: 'RPC',
    389: 'LDAP',
    443: 'HTTPS',
    445: 'SMB',
    636: 'LDAPS',
    3268: 'global catalog',
  };
  const name = names[port];
  return name === undefined ? '' : ` (${name})`;
}

/**
 * Learn: how-to-connect-install-prerequisites: servers below 2.5.79.0 stop synchronizing on 30
 * September 2026. A version named in an event (`Azure AD Sync 1.5.45.0`) is that server's, never the
 * version a step asks for; below the minimum it is worth saying.
 */
function eventVersionFindings(
  items: readonly EvidenceItem[],
  context: EvaluationContext,
): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    for (const entry of analysePaste(item.text).events) {
      const version = versionInEvent.exec(entry.message)?.[1];
      if (version === undefined || compareVersions(version, enforcedMinimum.version) >= 0) continue;
      if (seen.has(version)) continue;
      seen.add(version);
      const server = entry.computer ?? 'the server that logged it';
      const stopped =
        context.today >= enforcedMinimum.since
          ? `it stopped synchronizing on ${enforcedMinimum.since}`
          : `it stops synchronizing on ${enforcedMinimum.since}`;
      findings.push({
        severity: 'warning',
        message: `Event ${String(entry.id)} names Entra Connect ${version} on ${server}: below ${enforcedMinimum.version}, ${stopped}. This is a fact about that server, not the version this step asks for.`,
        remediation: `If ${server} is the old server, the migration replaces it; if it is the new server, install the latest Entra Connect V2 build on it.`,
      });
    }
  }
  return findings;
}

/** A Connect build named by its product in an event's text: `Azure AD Sync 1.5.45.0`. */
const versionInEvent =
  /\b(?:Azure AD Sync|Azure AD Connect|Microsoft Entra Connect(?: Sync)?|Entra Connect(?: Sync)?|AADConnect)\s+(?:version\s+)?v?([12]\.\d{1,3}\.\d{1,5}\.\d{1,5})\b/i;
