import {
  cloudSyncSources,
  type CloudSyncFit,
  type FeatureJudgment,
} from '../migration/cloud-sync-fit';
import { expandCardTemplate, type AdaptiveCardJson } from './card-template';
import { cardText, markdownLine } from './card-text';
import cloudSyncResultTemplate from './templates/cloud-sync-result.json';
import { actionData, cardVerbs } from './verbs';

function judgmentView(judgment: FeatureJudgment) {
  return {
    label: cardText(judgment.label, 200),
    reason: cardText(judgment.reason, 600),
    source: cardText(`Learn: ${judgment.source.title}`, 300),
  };
}

/** The answer of the Cloud Sync check: move to Cloud Sync, or why not and the way on. */
export function renderCloudSyncResult(fit: CloudSyncFit): AdaptiveCardJson {
  const fits = fit.verdict === 'fits';
  const blocking = fits ? [] : fit.blocking;
  const title = fits
    ? 'Cloud Sync fits: move to Microsoft Entra Cloud Sync'
    : `Cloud Sync does not fit yet: ${blocking.length === 1 ? 'one feature keeps' : `${String(blocking.length)} features keep`} you on Connect Sync`;
  return expandCardTemplate('cloud sync result', cloudSyncResultTemplate, {
    fallbackText: fits
      ? markdownLine`${title}. ${fit.guidance}`
      : markdownLine`${title}: ${blocking.map((judgment) => judgment.label).join(', ')}. ${fit.guidance}`,
    title: cardText(title),
    titleColor: fits ? 'Good' : 'Attention',
    guidance: cardText(fit.guidance, 600),
    blocking: blocking.map(judgmentView),
    fineHeading: cardText(fits ? 'What you use, on Cloud Sync' : 'Fine on Cloud Sync'),
    fine: fit.fine.map(judgmentView),
    footnote: cardText(`Compared with Learn: ${cloudSyncSources.comparison.title}.`, 300),
    hasContinue: !fits,
    continueData: actionData(cardVerbs.continueToMigration, {}),
    comparisonUrl: cloudSyncSources.comparison.url,
  });
}
