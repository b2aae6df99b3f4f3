import type { EvaluationContext, EvidenceItem } from '../evidence/evidence-item';
import { findEvidence, looksLikeJsonDocument } from '../evidence/text-evidence';
import type { Finding, Judgment } from '../judgment';
import {
  parseSignInAnswers,
  signInMethodLabels,
  type SignInAnswers,
  type SignInAnswersParse,
} from '../sign-in-answers';
import { judgmentFrom } from './judgment-from-findings';
import {
  profileDifferences,
  profileFacts,
  profileOfAnswers,
  profileOfSettings,
  recordedProfile,
  type SignInProfile,
} from './sign-in-profile';

/** How to fill in the answers when none (or broken ones) were given. */
export const signInAnswersHelp =
  'On the old server open Microsoft Entra Connect > Change user sign-in and note the selected option and Enable single sign-on, then the optional features (Configure > Customize synchronization options). Give them in the sign-in form, or as JSON such as {"method":"phs","seamlessSso":true,"features":{"passwordWriteback":true,"exchangeHybrid":false}}; method is one of phs, pta, adfs, pingfederate, none.';

/** The sign-in answers among the items: the last JSON that reads as answers, else the problems of the last JSON. */
export function findSignInAnswers(items: readonly EvidenceItem[]): SignInAnswersParse | undefined {
  const parses = items
    .filter((item) => looksLikeJsonDocument(item.text))
    .map((item) => parseSignInAnswers(item.text));
  return parses.findLast((parse) => parse.ok) ?? parses.at(-1);
}

/** Judges sign-in-settings: the answers must be possible and agree with the old server's global settings. */
export function judgeSignInSettings(
  items: readonly EvidenceItem[],
  context: EvaluationContext,
): Judgment {
  const parsed = findSignInAnswers(items);
  if (parsed?.ok !== true) {
    const problems = parsed === undefined ? [] : parsed.problems;
    return judgmentFrom({
      checkpoint: 'sign-in-settings',
      findings: [
        {
          severity: 'warning',
          message:
            problems.length === 0
              ? 'No sign-in answers were given.'
              : `The sign-in answers cannot be used: ${problems.join('; ')}.`,
          remediation: signInAnswersHelp,
        },
      ],
      undetermined: true,
    });
  }
  const answers = parsed.answers;
  const settings = findEvidence(items, 'global-settings')?.value;
  const reference: { profile: SignInProfile; source: string } | undefined =
    settings === undefined
      ? optionalReference(recordedProfile(context, 'old'), 'recorded at source-settings')
      : { profile: profileOfSettings(settings), source: 'in the global settings given' };
  const findings: Finding[] = [...consistencyFindings(answers)];
  if (reference === undefined) {
    findings.push({
      severity: 'info',
      message:
        'The answers were not cross-checked: no global settings of the old server were given or recorded.',
      remediation:
        "Complete source-settings first, or send the old server's (Get-ADSyncGlobalSettings).Parameters | Select-Object Name,Value output with the answers.",
    });
  } else {
    for (const difference of profileDifferences(profileOfAnswers(answers), reference.profile)) {
      findings.push({
        severity: 'error',
        message: `${difference.choice}: the answers say ${difference.expected}, but the old server's settings ${reference.source} show ${difference.actual}.`,
        remediation:
          'Check Microsoft Entra Connect > Change user sign-in (and the optional features) on the old server and correct the answers; if the server was changed since, send its global settings again.',
      });
    }
  }
  findings.push(...carryOverFindings(answers));
  return judgmentFrom({
    checkpoint: 'sign-in-settings',
    findings,
    facts: profileFacts('signIn', profileOfAnswers(answers)),
  });
}

function optionalReference(
  profile: SignInProfile | undefined,
  source: string,
): { profile: SignInProfile; source: string } | undefined {
  return profile === undefined ? undefined : { profile, source };
}

/** Combinations the wizard does not offer. */
function consistencyFindings(answers: SignInAnswers): Finding[] {
  const findings: Finding[] = [];
  // Learn: how-to-connect-install-custom: "Enable single sign-on" is available with PHS and PTA only.
  if (answers.seamlessSso && answers.method !== 'phs' && answers.method !== 'pta') {
    findings.push({
      severity: 'error',
      message: `Seamless single sign-on is only available with password hash synchronization or pass-through authentication, not with ${signInMethodLabels[answers.method]}.`,
      remediation:
        'Check Microsoft Entra Connect > Change user sign-in on the old server: correct either the method or Enable single sign-on in the answers.',
    });
  }
  if (answers.method === 'phs' && answers.features?.passwordHashSync === false) {
    findings.push({
      severity: 'warning',
      message:
        'The method is password hash synchronization but the optional feature Password hash synchronization is answered off; with PHS as the sign-in method it is always on.',
      remediation: 'Correct the answers: leave passwordHashSync out or set it to true.',
    });
  }
  return findings;
}

/** What the new server needs by hand, from Learn's import limitations and staging-mode notes. */
function carryOverFindings(answers: SignInAnswers): Finding[] {
  const findings: Finding[] = [];
  if (answers.method === 'adfs' || answers.method === 'pingfederate') {
    // Learn: how-to-connect-import-export-config: federation sign-on is preselected; its parameters are asked again.
    findings.push({
      severity: 'info',
      message: `${signInMethodLabels[answers.method]} is preselected by the import, but every federation parameter and credential must be supplied again on the new server.`,
    });
  }
  if (answers.features?.deviceWriteback === true) {
    // Learn: how-to-connect-import-export-config: device writeback is cataloged but not applied.
    findings.push({
      severity: 'info',
      message:
        'Device writeback is not applied by the import: configure it again on the new server.',
      remediation:
        'On the new server run Microsoft Entra Connect > Configure device options > Configure device writeback with the same forest and container.',
    });
  }
  const passwordFeatures =
    answers.method === 'phs' ||
    answers.features?.passwordHashSync === true ||
    answers.features?.passwordWriteback === true;
  if (passwordFeatures) {
    // Learn: how-to-connect-sync-staging-server: staging mode runs neither password sync nor password writeback.
    findings.push({
      severity: 'info',
      message:
        'While the new server is in staging mode it runs neither password hash sync nor password writeback; both start when staging mode is turned off at cutover.',
    });
  }
  return findings;
}
