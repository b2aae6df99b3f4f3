import { attentionLines, type SettingsNotice } from './attention-lines';
import { expandCardTemplate, type AdaptiveCardJson } from './card-template';
import helpTemplate from './templates/help.json';

export type { AdaptiveCardJson } from './card-template';

/** One command as the help card lists it. */
export interface HelpCardCommand {
  readonly name: string;
  readonly description: string;
}

/** What the help card shows. */
export interface HelpCardView {
  readonly commands: readonly HelpCardCommand[];
  /** The lowest Entra Connect Sync version that still syncs, e.g. "2.5.79.0". */
  readonly minimumSyncVersion: string;
  /** The date that minimum took effect, as the card shows it. */
  readonly enforcedSince: string;
  /** The next version every server must run, with application-based authentication, e.g. "2.6.84.0". */
  readonly targetVersion: string;
  /** The date of that next requirement, as the card shows it. */
  readonly targetBy: string;
  /** App settings the app cannot use, from the settings report. */
  readonly settings?: readonly SettingsNotice[];
}

/** Renders the help card from its template. */
export function renderHelpCard(view: HelpCardView): AdaptiveCardJson {
  return expandCardTemplate('help', helpTemplate, {
    ...view,
    // The settings lines carry no time; the zone is never read.
    attention: attentionLines({ settings: view.settings }, 'UTC'),
  });
}
