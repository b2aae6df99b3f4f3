import { z } from 'zod';
import { optionalFeatureKeys, type OptionalFeatureKey } from './optional-features';

/** Learn: how-to-connect-install-custom ("User sign-in"): the wizard's sign-on options. */
export const signInMethods = ['phs', 'pta', 'adfs', 'pingfederate', 'none'] as const;
export const signInMethodSchema = z.enum(signInMethods);
export type SignInMethod = z.infer<typeof signInMethodSchema>;

/** The wizard's names for the sign-on options, for findings an admin can match to the screen. */
export const signInMethodLabels: Readonly<Record<SignInMethod, string>> = {
  phs: 'Password hash synchronization',
  pta: 'Pass-through authentication',
  adfs: 'Federation with AD FS',
  pingfederate: 'Federation with PingFederate',
  none: 'Do not configure',
};

const featureShape = Object.fromEntries(
  optionalFeatureKeys.map((key) => [key, z.boolean().optional()]),
) as Record<OptionalFeatureKey, z.ZodOptional<z.ZodBoolean>>;

/** The sign-in form's answers (a JSON file for the CLI): what the old server's "Change user sign-in" page shows. */
export const signInAnswersSchema = z.strictObject({
  method: signInMethodSchema,
  seamlessSso: z.boolean(),
  /** Optional features as ticked on the old server; a feature left out was not answered. */
  features: z.strictObject(featureShape).optional(),
});
export type SignInAnswers = z.infer<typeof signInAnswersSchema>;

/** The answers read from a JSON text, or what is wrong with it (one line per problem). */
export type SignInAnswersParse =
  { ok: true; answers: SignInAnswers } | { ok: false; problems: readonly string[] };

/** Reads the sign-in answers JSON; never throws. */
export function parseSignInAnswers(text: string): SignInAnswersParse {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    // A syntax error is an expected outcome of reading an upload: it becomes the problem.
    return { ok: false, problems: [`Not valid JSON: ${(error as Error).message}`] };
  }
  const parsed = signInAnswersSchema.safeParse(json);
  if (parsed.success) return { ok: true, answers: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map(
      (issue) => `${issue.path.map(String).join('.') || '(top level)'}: ${issue.message}`,
    ),
  };
}
