import {
  cardVersion,
  codeBlockData,
  migrationContextLine,
  type MigrationServers,
} from './card-parts';
import { expandCardTemplate, type AdaptiveCardJson } from './card-template';
import { cardText, markdownLine } from './card-text';
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

/**
 * Learn how-to-upgrade-previous-version (swing migration), the connector account pages,
 * authenticate-application-id (one application per server) and how-to-connect-health-agent-install
 * (registering the sync agent). Quotes: docs/reference/least-privilege-tier0.md.
 */
function itemTexts(
  view: DecommissionChecklistView,
): Readonly<Record<DecommissionItemId, ItemText>> {
  const { oldServer, newServer } = view.servers;
  // The registration is named after the computer, not its DNS name.
  const oldComputer = oldServer.split('.')[0] ?? oldServer;
  const healthFirst =
    view.confirmed['register-new-health-agent'] === undefined
      ? `First register the Health agent of ${newServer} (the item above). `
      : '';
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
    'delete-old-app-registration': {
      title: `Delete the application registration of ${oldServer}`,
      how: `With application-based authentication each server has its own application registration, ConnectSyncProvisioning_${oldComputer}_... (its client id is what Get-ADSyncEntraConnectorCredential showed on ${oldServer}). Delete the old server's registration; keep the one named after ${newServer}. A server that never used application-based authentication has none: confirm this item then.`,
      code: [
        "Connect-MgGraph -Scopes 'Application.ReadWrite.All'",
        'Get-MgApplication -Filter "startswith(displayName,\'ConnectSyncProvisioning_\')" | Select-Object DisplayName, AppId, Id, CreatedDateTime',
        `# Only the registration named ConnectSyncProvisioning_${oldComputer}_...:`,
        'Remove-MgApplication -ApplicationId <Id>',
      ].join('\n'),
    },
    'register-new-health-agent': {
      title: `Register the Connect Health agent of ${newServer}`,
      how: `Installed with a Hybrid Identity Administrator, the sync Health agent may be left unregistered (always in sovereign clouds). If ${newServer} is missing under Connect Health > Sync services, register its agent on ${newServer}, signing in with the account that configured Entra Connect. Do this before removing ${oldServer}, so sync monitoring has no gap.`,
      code: [
        "Get-Service -DisplayName '*Connect Health*', '*Agent Updater*' | Select-Object DisplayName, Status",
        '# -AttributeFiltering $true when you sync a customised (filtered) attribute set:',
        'Register-MicrosoftEntraConnectHealthAgent -AttributeFiltering $false -StagingMode (Get-ADSyncScheduler).StagingModeEnabled',
        '# Older agents name it Register-AzureADConnectHealthSyncAgent.',
      ].join('\n'),
    },
    'remove-from-connect-health': {
      title: `Remove ${oldServer} from Connect Health`,
      how: `${healthFirst}Microsoft Entra admin center > Microsoft Entra Connect > Connect Health > Sync services: select ${oldServer} and delete it, so no alerts come from a server that is gone.`,
    },
  };
}

const doneTitles: Readonly<Record<DecommissionItemId, string>> = {
  'uninstall-old-server': 'Done: uninstalled',
  'remove-ad-connector-account': 'Done: MSOL_ removed',
  'remove-entra-connector-account': 'Done: Sync_ removed',
  'delete-old-app-registration': 'Done: app registration deleted',
  'register-new-health-agent': 'Done: new Health agent registered',
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
    fallbackText: markdownLine`Decommission ${view.servers.oldServer}: ${done} of ${decommissionItemIds.length} items done. Uninstall Entra Connect Sync or delete the VM, remove the MSOL_ and Sync_ accounts, delete its ConnectSyncProvisioning_ application registration, register the new server's Health agent, then remove the old server from Connect Health. Never delete the AZUREADSSOACC computer account.`,
    context: migrationContextLine(view.servers),
    title: cardText(`Decommission ${view.servers.oldServer}`),
    progress: complete ? '✅ All done' : `${done} of ${decommissionItemIds.length} done`,
    progressColor: complete ? 'Good' : 'Accent',
    warning: cardText(
      `A "rogue" ${view.servers.oldServer} that comes back active (a snapshot from before the cutover restored, or staging mode turned off by mistake) syncs its stale data and can overwrite Microsoft Entra ID every sync cycle. Uninstall Entra Connect Sync or delete the VM for good.`,
      600,
    ),
    // Learn how-to-connect-sso-faq: AZUREADSSOACC is deleted only when Seamless SSO is turned off,
    // and its Kerberos key is rolled over where Entra Connect runs (not needed on staging servers).
    ssoWarning: cardText(
      `Never delete the AZUREADSSOACC computer account in Active Directory while you clean up: it belongs to Seamless single sign-on for the whole tenant, not to ${view.servers.oldServer}, and deleting it breaks Seamless SSO. Microsoft Learn deletes it only when Seamless SSO is turned off for good. Roll its Kerberos key over (Update-AzureADSSOForest) from ${view.servers.newServer}, the active server now.`,
      600,
    ),
    items,
  });
}
