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
