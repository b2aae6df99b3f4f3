import type { Checkpoint } from '../migration/runbook';
import { phaseTitles } from '../migration/runbook';
import {
  codeBlockData,
  evidenceNames,
  migrationContextLine,
  serverRoleText,
  stepText,
  type MigrationServers,
} from './card-parts';
import { expandCardTemplate, type AdaptiveCardJson } from './card-template';
import { cardText, plainCardText } from './card-text';
import checkpointRequestTemplate from './templates/checkpoint-request.json';

/** What the checkpoint request card shows: one runbook step for one migration. */
export interface CheckpointRequestView {
  readonly servers: MigrationServers;
  readonly checkpoint: Checkpoint;
  /** True when the last evidence failed and this asks again. */
  readonly again?: boolean;
}

/** About the most Teams accepts in one message; larger evidence must come as a file. */
export const PASTE_LIMIT_TEXT = 'about 28 KB';

/** Renders the instructions for one checkpoint: what, why, the exact PowerShell, what else to do, how to send it. */
export function renderCheckpointRequestCard(view: CheckpointRequestView): AdaptiveCardJson {
  const { checkpoint, servers } = view;
  const code = checkpoint.powershell;
  const sendTitle = checkpoint.expectsFile
    ? '📎 Upload the file in our personal chat'
    : '📋 Paste the whole output here as a reply';
  const sendHow = checkpoint.expectsFile
    ? `Drag the file into our personal chat with me (bots receive files only there). Configuration exports are usually larger than ${PASTE_LIMIT_TEXT}, which is more than Teams lets anyone post as text.`
    : `Copy everything the commands print, from the first line to the last. Output longer than ${PASTE_LIMIT_TEXT} cannot be posted in Teams: save it to a .txt file and upload the file in our personal chat instead.`;
  const title = `${view.again === true ? 'Again: ' : ''}${checkpoint.title}`;
  return expandCardTemplate('checkpoint request', checkpointRequestTemplate, {
    fallbackText: plainCardText(
      `${checkpoint.title}. ${checkpoint.why}${code === undefined ? '' : ` Run: ${code}`}${(checkpoint.tasks ?? []).map((task) => ` ${task.title}: ${task.text}`).join('')}`,
    ),
    context: migrationContextLine(servers),
    stepLine: cardText(`${stepText(checkpoint.id)} · ${phaseTitles[checkpoint.phase]}`),
    title: cardText(title),
    why: cardText(checkpoint.why, 1000),
    runOn:
      checkpoint.runOn === undefined ? '' : cardText(serverRoleText(checkpoint.runOn, servers)),
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
        : cardText(`I read: ${evidenceNames(checkpoint.accepts)}.`),
  });
}
