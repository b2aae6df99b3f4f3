import type { Activity } from 'botbuilder';
import { adaptiveCardMessage } from './card-message';
import type { SettingsNotice } from '../cards/attention-lines';
import { renderHelpCard } from '../cards/help-card';
import { COMMAND_GUIDE } from './bot-command';
import { formatCalendarDate } from '../migration/calendar-date';
import { applicationAuthenticationTarget, enforcedMinimum } from '../migration/version-policy';

/** The reply that carries the help card, with the app settings it cannot use. */
export function createHelpReply(settings: readonly SettingsNotice[] = []): Partial<Activity> {
  const card = renderHelpCard({
    settings,
    commands: COMMAND_GUIDE,
    minimumSyncVersion: enforcedMinimum.version,
    enforcedSince: formatCalendarDate(enforcedMinimum.since),
    targetVersion: applicationAuthenticationTarget.version,
    targetBy: formatCalendarDate(applicationAuthenticationTarget.by),
  });
  return adaptiveCardMessage(card);
}
