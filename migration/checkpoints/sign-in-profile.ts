import type { GlobalSettings } from '../evidence/global-settings';
import { optionalFeatures, type OptionalFeatureKey } from '../optional-features';
import {
  signInMethodLabels,
  signInMethodSchema,
  type SignInAnswers,
  type SignInMethod,
} from '../sign-in-answers';
import type { FactValue } from '../judgment';
import {
  definedFacts,
  factKey,
  factNames,
  featureFactKey,
  recordedBoolean,
  recordedString,
  type FactSubject,
  type RecordedFacts,
} from './recorded-facts';

/** The sign-in choices of a server, as far as they are known: what a new server must reproduce. */
export interface SignInProfile {
  method?: SignInMethod;
  seamlessSso?: boolean;
  features: Partial<Record<OptionalFeatureKey, boolean>>;
}

/** One choice that differs between two profiles, in the wizard's words. */
export interface ProfileDifference {
  choice: string;
  expected: string;
  actual: string;
}

/** The profile global settings show. */
export function profileOfSettings(settings: GlobalSettings): SignInProfile {
  return withDefined(
    { features: { ...settings.features } },
    settings.signInMethod,
    settings.seamlessSso,
  );
}

/** The profile the sign-in form's answers give. */
export function profileOfAnswers(answers: SignInAnswers): SignInProfile {
  return {
    method: answers.method,
    seamlessSso: answers.seamlessSso,
    features: Object.fromEntries(
      Object.entries(answers.features ?? {}).filter(([, enabled]) => enabled !== undefined),
    ),
  };
}

/** The profile recorded by earlier checkpoints for a server (or the sign-in answers), or undefined when nothing was. */
export function recordedProfile(
  context: RecordedFacts,
  server: FactSubject,
): SignInProfile | undefined {
  const method = signInMethodSchema.safeParse(
    recordedString(context, factKey(server, factNames.signInMethod)),
  );
  const features: Partial<Record<OptionalFeatureKey, boolean>> = {};
  for (const feature of optionalFeatures) {
    const enabled = recordedBoolean(context, featureFactKey(server, feature.key));
    if (enabled !== undefined) features[feature.key] = enabled;
  }
  const profile = withDefined(
    { features },
    method.success ? method.data : undefined,
    recordedBoolean(context, factKey(server, factNames.seamlessSso)),
  );
  const known =
    profile.method !== undefined ||
    profile.seamlessSso !== undefined ||
    Object.keys(features).length > 0;
  return known ? profile : undefined;
}

/** What the new server must reproduce: the old server's recorded settings, overridden by the sign-in answers. */
export function expectedProfile(context: RecordedFacts): SignInProfile | undefined {
  const settings = recordedProfile(context, 'old');
  const answers = recordedProfile(context, 'signIn');
  if (settings === undefined || answers === undefined) return answers ?? settings;
  return withDefined(
    { features: { ...settings.features, ...answers.features } },
    answers.method ?? settings.method,
    answers.seamlessSso ?? settings.seamlessSso,
  );
}

/** The facts that record a profile for a subject, read back by `recordedProfile`. */
export function profileFacts(
  subject: FactSubject,
  profile: SignInProfile,
): Record<string, FactValue> {
  return definedFacts({
    [factKey(subject, factNames.signInMethod)]: profile.method,
    [factKey(subject, factNames.seamlessSso)]: profile.seamlessSso,
    ...Object.fromEntries(
      Object.entries(profile.features).map(([feature, enabled]) => [
        featureFactKey(subject, feature),
        enabled,
      ]),
    ),
  });
}

/** The choices both profiles know and that differ. */
export function profileDifferences(
  expected: SignInProfile,
  actual: SignInProfile,
): ProfileDifference[] {
  const method = (value: SignInMethod): string => signInMethodLabels[value];
  return [
    differenceOf('User sign-in method', expected.method, actual.method, method),
    differenceOf('Enable single sign-on', expected.seamlessSso, actual.seamlessSso, onOff),
    ...optionalFeatures.map((feature) =>
      differenceOf(
        feature.label,
        expected.features[feature.key],
        actual.features[feature.key],
        onOff,
      ),
    ),
  ].filter((difference) => difference !== undefined);
}

function differenceOf<T>(
  choice: string,
  expected: T | undefined,
  actual: T | undefined,
  label: (value: T) => string,
): ProfileDifference | undefined {
  if (expected === undefined || actual === undefined || expected === actual) return undefined;
  return { choice, expected: label(expected), actual: label(actual) };
}

function onOff(enabled: boolean): string {
  return enabled ? 'on' : 'off';
}

function withDefined(
  profile: SignInProfile,
  method: SignInMethod | undefined,
  seamlessSso: boolean | undefined,
): SignInProfile {
  if (method !== undefined) profile.method = method;
  if (seamlessSso !== undefined) profile.seamlessSso = seamlessSso;
  return profile;
}
