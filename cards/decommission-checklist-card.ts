import {
  cardVersion,
  codeBlockData,
  migrationContextLine,
  type MigrationServers,
} from './card-parts';
import { expandCardTemplate, type AdaptiveCardJson } from './card-template';
import { cardText, plainCardText } from './card-text';
import { formatInstant } from './card-time';
import decommissionChecklistTemplate from './templates/decommission-checklist.json';
import { actionData, cardVerbs, decommissionItemIds, type DecommissionItemId } from './verbs';

/** Who confirmed a checklist item, and when. */
export interface ItemConfirmation {
  readonly by: string;
  readonly at: string;
}

/** What the decommission checklist shows. */
export interface DecommissionChecklistView {
  readonly migrationId: string;
  readonly servers: MigrationServers;
  readonly timeZone: string;
  readonly confirmed: Readonly<Partial<Record<DecommissionItemId, ItemConfirmation>>>;
  /** The old server's AD DS connector account (MSOL_...), when the settings evidence named it. */
  readonly adConnectorAccount?: string;
  /** The old server's Microsoft Entra connector account (Sync_...), when known. */
  readonly entraConnectorAccount?: string;
}

interface ItemText {
  readonly title: string;
  readonly how: string;
  readonly code?: string;
}

/** Learn how-to-upgrade-previous-version (swing migration) and the connector account pages. */
function itemTexts(
  view: DecommissionChecklistView,
): Readonly<Record<DecommissionItemId, ItemText>> {
  const { oldServer } = view.servers;
  return {
    'uninstall-old-server': {
      title: `Uninstall Entra Connect Sync from ${oldServer}, or delete the VM`,
      how: `On ${oldServer}: Settings > Apps > Microsoft Entra Connect Sync > Uninstall. Or delete the whole VM, with its snapshots and backups from before the cutover.`,
    },
    'remove-ad-connector-account': {
      title: `Remove the old AD DS connector account ${view.adConnectorAccount ?? 'MSOL_...'}`,
      how: `In Active Directory, delete the MSOL_ account created for ${oldServer}. Keep it if the new server uses the same account (a custom account you chose in the wizard).`,
      code: 'Get-ADUser -Filter "SamAccountName -like \'MSOL_*\'" -Properties Description | Select-Object SamAccountName, Description',
    },
    'remove-entra-connector-account': {
      title: `Remove the old Microsoft Entra connector account ${view.entraConnectorAccount ?? 'Sync_...'}`,
      how: `In Microsoft Entra ID, delete the Sync_${oldServer}_... account. The new server has its own Sync_ account: check the server name in the account name before you delete.`,
      code: 'Get-MgUser -Filter "startswith(displayName,\'On-Premises Directory Synchronization Service Account\')" | Select-Object UserPrincipalName, Id',
    },
    'remove-from-connect-health': {
      title: `Remove ${oldServer} from Connect Health`,
      how: `Microsoft Entra admin center > Microsoft Entra Connect > Connect Health > Sync services: select ${oldServer} and delete it, so no alerts come from a server that is gone.`,
    },
  };
}

const doneTitles: Readonly<Record<DecommissionItemId, string>> = {
  'uninstall-old-server': 'Done: uninstalled',
  'remove-ad-connector-account': 'Done: MSOL_ removed',
  'remove-entra-connector-account': 'Done: Sync_ removed',
  'remove-from-connect-health': 'Done: Connect Health',
};

/** Renders the decommission checklist: each item confirmed on its own, with the rogue-server warning. */
export function renderDecommissionChecklistCard(view: DecommissionChecklistView): AdaptiveCardJson {
  const texts = itemTexts(view);
  const done = decommissionItemIds.filter((id) => view.confirmed[id] !== undefined).length;
  const complete = done === decommissionItemIds.length;
  const items = decommissionItemIds.map((id) => {
    const confirmation = view.confirmed[id];
    const text = texts[id];
    return {
      icon: confirmation === undefined ? '⬜' : '✅',
      title: cardText(text.title),
      how: cardText(text.how, 600),
      code: codeBlockData(text.code ?? ''),
      confirmed:
        confirmation === undefined
          ? ''
          : cardText(
              `Done: confirmed by ${confirmation.by}, ${formatInstant(confirmation.at, view.timeZone)}`,
            ),
      // Each button names its item: four identical "Mark as done" buttons read the same to a screen reader.
      confirmTitle: doneTitles[id],
      confirm: actionData(cardVerbs.confirmDecommissionItem, {
        migrationId: view.migrationId,
        checkpointId: 'decommission',
        item: id,
      }),
    };
  });
  return expandCardTemplate('decommission checklist', decommissionChecklistTemplate, {
    version: cardVersion({ execute: !complete }),
    fallbackText: plainCardText(
      `Decommission ${view.servers.oldServer}: ${done} of ${decommissionItemIds.length} items done. Uninstall Entra Connect Sync or delete the VM, remove the MSOL_ and Sync_ accounts, and remove the server from Connect Health.`,
    ),
    context: migrationContextLine(view.servers),
    title: cardText(`Decommission ${view.servers.oldServer}`),
    progress: complete ? '✅ All done' : `${done} of ${decommissionItemIds.length} done`,
    progressColor: complete ? 'Good' : 'Accent',
    warning: cardText(
      `A "rogue" ${view.servers.oldServer} that comes back active (a snapshot from before the cutover restored, or staging mode turned off by mistake) syncs its stale data and can overwrite Microsoft Entra ID every sync cycle. Uninstall Entra Connect Sync or delete the VM for good.`,
      600,
    ),
    items,
  });
}
