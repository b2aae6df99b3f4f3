import type { Checkpoint } from '../migration/runbook';
import { phaseTitles } from '../migration/runbook';
import { cutoffReason, type OldServerCutoff } from '../migration/old-server-cutoff';
import {
  cardVersion,
  codeBlockData,
  evidenceNames,
  migrationContextLine,
  serverRoleText,
  stepText,
  type MigrationServers,
  type CardPlace,
} from './card-parts';
import { expandCardTemplate, type AdaptiveCardJson } from './card-template';
import { cardText, literalText, markdownLine } from './card-text';
import checkpointRequestTemplate from './templates/checkpoint-request.json';
import { actionData, cardVerbs } from './verbs';

/** What the checkpoint request card shows: one runbook step for one migration. */
export interface CheckpointRequestView {
  /** Default: a personal chat. */
  readonly place?: CardPlace;
  readonly servers: MigrationServers;
  readonly checkpoint: Checkpoint;
  /** True when the last evidence failed and this asks again. */
  readonly again?: boolean;
  /**
   * At old-server-staging, for an old server below a cutoff the wizard cannot get past: Learn's
   * alternative (shut it down, or isolate it) with a button to confirm each.
   */
  readonly oldServerOffline?: { readonly migrationId: string; readonly cutoff: OldServerCutoff };
}

const noOffline = {
  shown: false,
  headline: '',
  reason: '',
  learn: '',
  shutDown: '',
  isolate: '',
  isolateCode: codeBlockData(''),
  adsyncTools: { shown: false, text: '', code: codeBlockData('') },
  confirm: '',
};

/**
 * Learn how-to-connect-sync-staging-server ("Change currently Active Sync Server to staging mode"):
 * a server that cannot be switched must not regain access, "either by shutting down the server or
 * isolating it from outbound connections". Stopping and disabling ADSync is our addition, so the
 * server cannot export even if the block is lifted. Below 2.4.18.0 the older harden page offered
 * Enable-ADSyncToolsStagingMode (ADSyncTools, Windows PowerShell 5.1 only); Set-ADSyncScheduler
 * must never set staging mode (Learn how-to-connect-sync-feature-scheduler: unsupported).
 */
function offlineSection(view: CheckpointRequestView) {
  const offline = view.oldServerOffline;
  if (offline === undefined) return { data: noOffline, actions: [] };
  const { oldServer } = view.servers;
  const ids = { migrationId: offline.migrationId, checkpointId: 'old-server-staging' as const };
  return {
    data: {
      shown: true,
      headline: cardText(`⚠️ The wizard cannot put ${oldServer} in staging mode`),
      reason: cardText(cutoffReason(offline.cutoff, oldServer), 800),
      learn: cardText(
        `Microsoft Learn's alternative: make sure ${oldServer} cannot export again, by shutting it down or isolating it from outbound connections, before ${view.servers.newServer} becomes active. If users sign in with pass-through authentication, first check that an agent other than ${oldServer}'s is Active in the Microsoft Entra admin center: its agent stops with it, and there is no fallback to password hash sync.`,
        800,
      ),
      shutDown: cardText(
        `Shut down: turn ${oldServer} off (or stop its VM) and keep it off until it is decommissioned.`,
      ),
      isolate: cardText(
        `Isolate: on ${oldServer}, stop and disable the sync service, then block its outbound traffic to Microsoft Entra ID (firewall or proxy) until it is decommissioned.`,
      ),
      isolateCode: codeBlockData(
        [
          'Stop-Service ADSync',
          'Set-Service ADSync -StartupType Disabled',
          'Get-Service ADSync | Select-Object Status, StartType',
        ].join('\n'),
      ),
      adsyncTools: offline.cutoff.wizardSignInFails
        ? {
            shown: true,
            text: cardText(
              `Or, if ${oldServer} still has its MSOnline-era modules, Learn's earlier workaround switches it to staging mode without the wizard (Windows PowerShell 5.1, not PowerShell 7); then paste Get-ADSyncScheduler as above.`,
            ),
            code: codeBlockData(
              [
                'if (Get-Module -Name ADSyncTools -ListAvailable) {Update-Module -Name ADSyncTools} else {Install-Module -Name ADSyncTools}',
                'Import-Module ADSyncTools',
                'Enable-ADSyncToolsStagingMode',
                'Get-ADSyncScheduler',
              ].join('\n'),
            ),
          }
        : noOffline.adsyncTools,
      confirm: 'Then confirm which one you did. Only the owner can confirm; it is recorded.',
    },
    actions: [
      {
        title: 'The old server is shut down',
        data: actionData(cardVerbs.confirmOldServerOffline, { ...ids, how: 'shut-down' }),
      },
      {
        title: 'The old server is isolated',
        data: actionData(cardVerbs.confirmOldServerOffline, { ...ids, how: 'isolated' }),
      },
    ],
  };
}

/** About the most Teams accepts in one message; larger evidence must come as a file. */
export const PASTE_LIMIT_TEXT = 'about 28 KB';

/** Renders the instructions for one checkpoint: what, why, the exact PowerShell, what else to do, how to send it. */
export function renderCheckpointRequestCard(view: CheckpointRequestView): AdaptiveCardJson {
  const { checkpoint, servers } = view;
  // Below a cutoff the wizard cannot switch the old server: its instruction to do so goes, and
  // the commands that read the result stay (the offline section says what to do instead).
  const code =
    view.oldServerOffline === undefined
      ? checkpoint.powershell
      : checkpoint.powershell
          ?.split('\n')
          .filter((line) => !/^# .*wizard/i.test(line))
          .join('\n');
  const sendTitle = checkpoint.answeredOnForm
    ? '✍️ Answer the form below'
    : checkpoint.expectsFile
      ? '📎 Upload the file in our personal chat'
      : view.place === 'shared'
        ? '📋 @mention me and paste the whole output in that message'
        : '📋 Paste the whole output here as a reply';
  const sendHow = checkpoint.answeredOnForm
    ? 'The form follows this card: how users sign in today and which optional features are on. Nothing needs to be run: the answers are checked against the settings already read from the old server.'
    : checkpoint.expectsFile
      ? `Drag the file into our personal chat with me (bots receive files only there). Configuration exports are usually larger than ${PASTE_LIMIT_TEXT}, which is more than Teams lets anyone post as text.`
      : `${view.place === 'shared' ? 'In a channel or group chat Teams shows me only the messages that @mention me: type @, pick me, then paste. ' : ''}Copy everything the commands print, from the first line to the last. Output longer than ${PASTE_LIMIT_TEXT} cannot be posted in Teams: save it to a .txt file and upload the file in our personal chat instead.`;
  const title = `${view.again === true ? 'Again: ' : ''}${checkpoint.title}`;
  const offline = offlineSection(view);
  return expandCardTemplate('checkpoint request', checkpointRequestTemplate, {
    version: cardVersion({ execute: offline.actions.length > 0 }),
    fallbackText: [
      markdownLine`${checkpoint.title}. ${checkpoint.why}`,
      // The commands keep their lines: joined, they would read as one.
      ...(code === undefined ? [] : [`Run: ${literalText(code)}`]),
      ...(checkpoint.tasks ?? []).map((task) => markdownLine`${task.title}: ${task.text}`),
    ].join(' '),
    context: migrationContextLine(servers),
    stepLine: cardText(`${stepText(checkpoint.id)} · ${phaseTitles[checkpoint.phase]}`),
    title: cardText(title),
    why: cardText(checkpoint.why, 1000),
    // Where to run the commands, when there are any.
    runOn:
      checkpoint.runOn === undefined || code === undefined
        ? ''
        : cardText(serverRoleText(checkpoint.runOn, servers)),
    hasCode: code !== undefined,
    code: codeBlockData(code ?? ''),
    sendTitle,
    sendHow,
    tasks: (checkpoint.tasks ?? []).map((task) => ({
      title: cardText(task.title),
      text: cardText(task.text, 1000),
      code: codeBlockData(task.powershell ?? ''),
    })),
    accepts:
      checkpoint.accepts.length === 0
        ? 'Nothing to send for this step.'
        : checkpoint.answeredOnForm
          ? cardText(
              `You may also paste the ${evidenceNames(checkpoint.accepts)} again if they changed.`,
            )
          : cardText(`I read: ${evidenceNames(checkpoint.accepts)}.`),
    offline: offline.data,
    actions: offline.actions,
  });
}
