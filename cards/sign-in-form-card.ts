import { optionalFeatures } from '../migration/optional-features';
import { signInMethodLabels, signInMethods } from '../migration/sign-in-answers';
import { migrationContextLine, type MigrationServers } from './card-parts';
import { expandCardTemplate, type AdaptiveCardJson } from './card-template';
import { cardText, plainCardText } from './card-text';
import signInFormTemplate from './templates/sign-in-form.json';
import { actionData, cardVerbs } from './verbs';

/** What the sign-in form asks about. */
export interface SignInFormView {
  readonly migrationId: string;
  readonly servers: MigrationServers;
}

/**
 * The sign-in settings of the old server as the admin reads them from its wizard ("Change user
 * sign-in", "Optional features"): the export does not carry all of them, so they are asked for.
 */
export function renderSignInFormCard(view: SignInFormView): AdaptiveCardJson {
  const { servers } = view;
  return expandCardTemplate('sign-in form', signInFormTemplate, {
    fallbackText: plainCardText(`Record the user sign-in settings of ${servers.oldServer}.`),
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
