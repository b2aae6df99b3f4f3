import type { EvaluationContext, EvidenceItem } from '../evidence/evidence-item';
import { findEvidence } from '../evidence/text-evidence';
import type { Finding, Judgment } from '../judgment';
import { tls12FixCommand, tls12SettingLabel } from '../tls12-policy';
import { tls12EnforcementRange, tls12NotEnforcedFrom } from '../version-policy';
import { incompleteEvidenceFinding, missingEvidenceJudgment } from './evidence-requests';
import { judgmentFrom } from './judgment-from-findings';
import { factKey, factNames } from './recorded-facts';

/** Learn: reference-connect-tls-enforcement: "you must restart the Windows server for the changes to take effect". */
const restart = 'Restart the server, then run the check script again and send its output.';

/** Judges tls12: all eight registry values as Learn's enable script sets them, naming each wrong one. */
export function judgeTls12(items: readonly EvidenceItem[], _context: EvaluationContext): Judgment {
  const found = findEvidence(items, 'tls12-check');
  if (found === undefined) {
    return missingEvidenceJudgment('tls12', ['tls12-check']);
  }
  const findings: Finding[] = [];
  for (const { setting, reading } of found.value.readings) {
    if (reading === undefined) continue;
    if (reading.kind === 'value' && reading.value === setting.expected) continue;
    const actual =
      reading.kind === 'not-found' ? 'Not Found (the value is not set)' : String(reading.value);
    findings.push({
      severity: 'error',
      message: `${tls12SettingLabel(setting)} is ${actual}; it must be ${setting.expected}.`,
      remediation: `${tls12FixCommand(setting)}\n${restart}`,
    });
  }
  const wrong = findings.length;
  if (found.missing.length > 0)
    findings.push(incompleteEvidenceFinding('tls12-check', found.missing));
  if (found.value.outputs > 1) {
    findings.push({
      severity: 'info',
      message: `The paste holds ${found.value.outputs} outputs of the check script; the last one was judged.`,
    });
  }
  if (wrong === 0 && found.missing.length === 0) {
    findings.push({
      severity: 'info',
      message: 'All eight TLS 1.2 registry values are set as Learn requires.',
      remediation:
        'If any value was changed since the last restart, restart the server before installing Entra Connect.',
    });
  }
  findings.push({
    severity: 'info',
    message: `Learn requires TLS 1.2 enforcement before installing ${tls12EnforcementRange.from} through ${tls12EnforcementRange.to}; ${tls12NotEnforcedFrom} and later no longer enforce it at installation, but Learn (harden-update-ad-fs-pingfederate) still lists TLS 1.2 among the requirements of 2.5.79.0.`,
  });
  return judgmentFrom({
    checkpoint: 'tls12',
    findings,
    facts: { [factKey('new', factNames.tls12Enforced)]: wrong === 0 && found.missing.length === 0 },
    undetermined: found.missing.length > 0,
  });
}
