import { optionalFeatures } from '../migration/optional-features';
import type { SignInProfile } from '../migration/checkpoints/sign-in-profile';
import { signInMethodLabels, signInMethods } from '../migration/sign-in-answers';
import { migrationContextLine, type MigrationServers } from './card-parts';
import { expandCardTemplate, type AdaptiveCardJson } from './card-template';
import { cardText, markdownLine } from './card-text';
import signInFormTemplate from './templates/sign-in-form.json';
import { actionData, cardVerbs } from './verbs';

/** What the sign-in form asks about. */
export interface SignInFormView {
  readonly migrationId: string;
  readonly servers: MigrationServers;
  /** What the old server's global settings showed: the form starts from it, and says so. */
  readonly prefill?: SignInProfile;
}

/**
 * The sign-in settings of the old server as the admin reads them from its wizard ("Change user
 * sign-in", "Optional features"): the export does not carry all of them, so they are asked for.
 */
export function renderSignInFormCard(view: SignInFormView): AdaptiveCardJson {
  const { servers, prefill } = view;
  const ticked = optionalFeatures.filter((feature) => prefill?.features[feature.key] === true);
  return expandCardTemplate('sign-in form', signInFormTemplate, {
    prefilled: prefill === undefined ? '' : cardText(prefilledNote(servers.oldServer)),
    method: prefill?.method ?? '',
    seamlessSso: prefill?.seamlessSso === true ? 'true' : 'false',
    ticked: ticked.map((feature) => feature.key).join(','),
    fallbackText: markdownLine`Record the user sign-in settings of ${servers.oldServer}.`,
    context: migrationContextLine(servers),
    oldServer: cardText(servers.oldServer, 253),
    help: cardText(
      `On ${servers.oldServer} open Microsoft Entra Connect > Change user sign-in, and > Customize synchronization options > Optional features. Record what they show: the new server must be set up the same way.`,
    ),
    methods: signInMethods.map((method) => ({ title: signInMethodLabels[method], value: method })),
    features: optionalFeatures.map((feature) => ({ title: feature.label, value: feature.key })),
    submitData: actionData(cardVerbs.submitSignIn, { migrationId: view.migrationId }),
  });
}

/** Where the prefilled answers come from, and what the settings cannot show. */
function prefilledNote(oldServer: string): string {
  const unread = optionalFeatures
    .filter((feature) => feature.parameter === undefined)
    .map((feature) => `“${feature.label}”`);
  return `Filled in from the global settings of ${oldServer} you sent earlier: check each answer against the wizard before you record them. Those settings do not show ${unread.slice(0, -1).join(', ')} or ${unread.at(-1) ?? ''}: tick them as the wizard shows.`;
}
