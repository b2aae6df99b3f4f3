import type { AdaptiveCardInvokeResponse, TurnContext } from 'botbuilder';
import type { AdaptiveCardJson } from '../cards/card-template';
import { renderCheckpointRequestCard } from '../cards/checkpoint-request-card';
import { renderStatusDashboardCard } from '../cards/status-dashboard-card';
import { cardVerbs, parseCardAction, type CardAction } from '../cards/verbs';
import { isMigrationActive, type MigrationRuntimeView } from '../migration/migration-status';
import { checkpointById } from '../migration/runbook';
import { adaptiveCardMessage } from './card-message';
import type { Logger } from './logger';
import type { MigrationServices } from './migration-services';
import { findActivityTenantId } from './tenant-gate';

/** An updated card replacing the one that was clicked. */
export function cardResponse(card: AdaptiveCardJson): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
}

/** A short message Teams shows for the click, leaving the card as it is. */
export function messageResponse(text: string): AdaptiveCardInvokeResponse {
  // Teams takes a plain string here; botframework-schema types every value as an object.
  const value = text as unknown as Record<string, unknown>;
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value };
}

/** The dashboard card of a migration, from its durable summary. */
export function dashboardCard(view: MigrationRuntimeView): AdaptiveCardJson | undefined {
  if (view.status === undefined) return undefined;
  return renderStatusDashboardCard({
    status: view.status,
    timeZone: view.status.timeZone,
    finished: view.runtimeStatus === 'Completed',
  });
}

/**
 * Answers an Action.Execute click. Card data is never trusted: it is parsed, and the migration it
 * names must belong to the clicker's tenant. The answer comes at once; slow work is not done here.
 */
export async function answerCardAction(
  context: TurnContext,
  services: MigrationServices,
  logger: Logger,
): Promise<AdaptiveCardInvokeResponse> {
  const parsed = parseCardAction(context.activity.value);
  if (!parsed.ok) {
    logger.warn('Card action with invalid data', { reason: parsed.error });
    return messageResponse('That card is out of date or damaged. Type status to get a fresh one.');
  }
  const { action } = parsed;
  const tenantId = findActivityTenantId(context.activity) ?? 'local';
  const owned = (await services.registry.list(tenantId)).some(
    (entry) => entry.migrationId === action.migrationId,
  );
  if (!owned) {
    logger.warn('Card action for a migration of another tenant', { verb: action.verb });
    return messageResponse('That migration is not one of your organisation’s.');
  }
  const view = await services.control.view(action.migrationId);
  if (view === undefined) return messageResponse('That migration has no recorded state any more.');
  return answerFor(context, action, view);
}

async function answerFor(
  context: TurnContext,
  action: CardAction,
  view: MigrationRuntimeView,
): Promise<AdaptiveCardInvokeResponse> {
  switch (action.verb) {
    case cardVerbs.refreshStatus: {
      const card = dashboardCard(view);
      return card === undefined
        ? messageResponse('This migration has no status to show yet.')
        : cardResponse(card);
    }
    case cardVerbs.showInstructions: {
      const status = view.status;
      if (
        status === undefined ||
        !isMigrationActive(view.runtimeStatus) ||
        status.checkpoint !== action.checkpointId
      ) {
        return messageResponse(
          'That step is not the current one any more. Type status to see where the migration stands.',
        );
      }
      await context.sendActivity(
        adaptiveCardMessage(
          renderCheckpointRequestCard({
            servers: status,
            checkpoint: checkpointById(action.checkpointId),
          }),
        ),
      );
      return messageResponse('The instructions are in the chat.');
    }
    default:
      return messageResponse('That action is not available yet.');
  }
}
