import type { Activity } from 'botbuilder';
import { adaptiveCardMessage } from './card-message';
import { renderHelpCard } from '../cards/help-card';
import { COMMAND_GUIDE } from './bot-command';

// Microsoft Learn: from 30 September 2026 Entra Connect Sync servers older than 2.5.79.0 stop syncing.
const MINIMUM_SYNC_VERSION = '2.5.79.0';
const ENFORCED_SINCE = '30 September 2026';

/** The reply that carries the help card. */
export function createHelpReply(): Partial<Activity> {
  const card = renderHelpCard({
    commands: COMMAND_GUIDE,
    minimumSyncVersion: MINIMUM_SYNC_VERSION,
    enforcedSince: ENFORCED_SINCE,
  });
  return adaptiveCardMessage(card);
}
