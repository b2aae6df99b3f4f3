import type {
  ConfigArea,
  ConfigDifference,
  DifferenceImportance,
  DifferenceKind,
} from '../migration/config/config-difference';
import {
  cardVersion,
  judgmentPresentation,
  migrationContextLine,
  type MigrationServers,
} from './card-parts';
import { expandCardTemplate, type AdaptiveCardJson } from './card-template';
import { cardText, countOf, limitList, markdownLine } from './card-text';
import configDiffTemplate from './templates/config-diff.json';
import { actionData, cardVerbs } from './verbs';

/** What the configuration diff summary shows: the old export against the new server's settings. */
export interface ConfigDiffView {
  readonly migrationId: string;
  readonly servers: MigrationServers;
  /** Every difference, in any order: the card counts them all and shows the most important. */
  readonly differences: readonly ConfigDifference[];
  /** The two files compared, as the admin sent them. */
  readonly oldFile: string;
  readonly newFile: string;
}

/** Differences shown before the rest is left out (with a count and the full-list button). */
export const MAX_DIFFERENCES = 10;

const IMPORTANCE_RANK: Readonly<Record<DifferenceImportance, number>> = {
  critical: 0,
  review: 1,
  cosmetic: 2,
  expected: 3,
};
const IMPORTANCE_ICONS: Readonly<Record<DifferenceImportance, string>> = {
  critical: '❌',
  review: '⚠️',
  cosmetic: '✏️',
  expected: 'ℹ️',
};
const AREA_NAMES: Readonly<Record<ConfigArea, string>> = {
  directory: 'Directory',
  partition: 'Domain',
  'ou-filter': 'OU filter',
  'custom-rule': 'Custom sync rule',
  'standard-rule': 'Standard sync rule',
  setting: 'Setting',
};
const KIND_WORDS: Readonly<Record<DifferenceKind, string>> = {
  added: 'only on the new server',
  removed: 'missing on the new server',
  changed: 'changed',
};

function valueText(value: unknown): string {
  if (value === undefined) return '(none)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function differenceRow(difference: ConfigDifference) {
  const values =
    difference.kind === 'changed'
      ? `${valueText(difference.oldValue)} → ${valueText(difference.newValue)}`
      : difference.kind === 'removed'
        ? `was ${valueText(difference.oldValue)}`
        : `now ${valueText(difference.newValue)}`;
  return {
    icon: IMPORTANCE_ICONS[difference.importance],
    what: `${AREA_NAMES[difference.area]} ${KIND_WORDS[difference.kind]}`,
    path: cardText(difference.path, 240),
    values: cardText(values, 240),
  };
}

/** Renders the configuration comparison: counts by kind, the most important differences, the rest on request. */
export function renderConfigDiffCard(view: ConfigDiffView): AdaptiveCardJson {
  const all = view.differences;
  const count = (predicate: (d: ConfigDifference) => boolean): number =>
    all.filter(predicate).length;
  const unexpected = count((d) => d.importance === 'critical' || d.importance === 'review');
  const critical = count((d) => d.importance === 'critical');
  const status =
    critical > 0 ? 'fail' : all.some((d) => d.importance !== 'expected') ? 'warn' : 'pass';
  const sorted = [...all].sort(
    (a, b) => IMPORTANCE_RANK[a.importance] - IMPORTANCE_RANK[b.importance],
  );
  const { shown, hidden } = limitList(sorted, MAX_DIFFERENCES);
  const headline =
    all.length === 0
      ? 'The new server matches the export'
      : unexpected === 0
        ? `No unexpected differences (${countOf(all.length, 'difference')} expected or cosmetic)`
        : countOf(unexpected, 'unexpected difference');
  const summary =
    status === 'fail'
      ? 'The new server would change what is synchronised at cutover. Fix the differences marked ❌ on the new server (or import the export again), then send its settings again.'
      : status === 'warn'
        ? 'Nothing changes what is synchronised, but review the differences below before the cutover.'
        : 'Directories, OU filtering and sync rules are the same on both servers.';
  const actions =
    hidden > 0
      ? [
          {
            title: `Send all ${all.length} differences`,
            data: actionData(cardVerbs.sendFullDiff, {
              migrationId: view.migrationId,
              checkpointId: 'config-match',
            }),
          },
        ]
      : [];
  return expandCardTemplate('configuration diff', configDiffTemplate, {
    version: cardVersion({ execute: actions.length > 0 }),
    fallbackText: markdownLine`Configuration comparison: ${countOf(all.length, 'difference')}, ${unexpected} unexpected.`,
    context: migrationContextLine(view.servers),
    banner: judgmentPresentation(status),
    headline,
    summary,
    counts: [
      { value: String(critical), label: 'Critical', color: critical > 0 ? 'Attention' : 'Default' },
      {
        value: String(count((d) => d.importance === 'review')),
        label: 'To review',
        color: 'Warning',
      },
      { value: String(count((d) => d.kind === 'added')), label: 'Added', color: 'Default' },
      { value: String(count((d) => d.kind === 'removed')), label: 'Removed', color: 'Default' },
      { value: String(count((d) => d.kind === 'changed')), label: 'Changed', color: 'Default' },
    ],
    differencesHeading:
      hidden > 0 ? `The ${shown.length} most important of ${all.length}` : 'Differences',
    differences: shown.map(differenceRow),
    more:
      hidden > 0
        ? `…and ${countOf(hidden, 'more difference')}, less important. Select "Send all ${all.length} differences" for the full list as a file.`
        : '',
    compared: cardText(
      `Compared ${view.oldFile} (${view.servers.oldServer}) with ${view.newFile} (${view.servers.newServer}).`,
      600,
    ),
    actions,
  });
}
