import { migrationContextLine, type MigrationServers } from './card-parts';
import { expandCardTemplate, type AdaptiveCardJson } from './card-template';
import { cardText, markdownLine } from './card-text';
import cancelConfirmationTemplate from './templates/cancel-confirmation.json';
import { actionData, cardVerbs } from './verbs';

/** What the cancel confirmation asks about. */
export interface CancelConfirmationView {
  readonly migrationId: string;
  readonly servers: MigrationServers;
}

/** Asks the owner to confirm `cancel`: a typed word alone never ends a migration. */
export function renderCancelConfirmationCard(view: CancelConfirmationView): AdaptiveCardJson {
  const { servers } = view;
  return expandCardTemplate('cancel confirmation', cancelConfirmationTemplate, {
    fallbackText: markdownLine`Cancel the migration ${servers.oldServer} to ${servers.newServer}?`,
    context: migrationContextLine(servers),
    message: cardText(
      `All reminders stop and the migration is closed. Nothing is changed on ${servers.oldServer} or ${servers.newServer}.`,
    ),
    warning: cardText(
      'Before you walk away, make sure exactly one server is active and the other is in staging mode: two active servers overwrite each other in the cloud.',
    ),
    confirm: actionData(cardVerbs.confirmCancel, { migrationId: view.migrationId }),
  });
}
