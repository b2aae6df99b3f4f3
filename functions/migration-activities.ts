import type { InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { z } from 'zod';
import { adaptiveCardMessage } from '../bot/card-message';
import type { AdaptiveCardJson } from '../cards/card-template';
import { renderCheckpointRequestCard } from '../cards/checkpoint-request-card';
import { renderReminderCard } from '../cards/reminder-card';
import { checkpointById, checkpointIdSchema } from '../migration/runbook';
import { appServices } from './app-services';
import { activityNames } from './durable-names';

// Activities may run more than once (Azure delivers them at least once): every send is keyed by a
// deterministic sendKey and recorded, so a repeat posts nothing.

const delivery = {
  migrationId: z.string(),
  tenantId: z.string(),
  conversationKey: z.string(),
  sendKey: z.string(),
};
const servers = z.object({ oldServer: z.string(), newServer: z.string() });

const checkpointRequestInput = z.object({
  ...delivery,
  checkpointId: checkpointIdSchema,
  servers,
});
export type CheckpointRequestInput = z.infer<typeof checkpointRequestInput>;

const reminderInput = z.object({
  ...delivery,
  checkpointId: checkpointIdSchema,
  servers,
  waitingOn: z.array(z.string()),
  waitingSince: z.string(),
  now: z.string(),
  timeZone: z.string(),
  reminderNumber: z.number().int().positive(),
  nextReminderAt: z.string(),
});
export type ReminderInput = z.infer<typeof reminderInput>;

const releaseInput = z.object({ tenantId: z.string(), migrationId: z.string() });

/** What a send activity reports back to the orchestration. */
export interface SendOutcome {
  sent: boolean;
  activityId: string | null;
}

async function postCard(
  target: { tenantId: string; conversationKey: string; sendKey: string; migrationId: string },
  card: AdaptiveCardJson,
  context: InvocationContext,
): Promise<SendOutcome> {
  const { ledger, references, sender } = appServices();
  if (await ledger.wasSent(target.sendKey)) {
    context.info('Card already sent; not sending again', {
      migrationId: target.migrationId,
      sendKey: target.sendKey,
    });
    return { sent: false, activityId: null };
  }
  const reference = await references.get(target.tenantId, target.conversationKey);
  if (reference === undefined) {
    throw new Error(`No conversation reference is stored for migration ${target.migrationId}.`);
  }
  const activityId = await sender.send({ reference, activity: adaptiveCardMessage(card) });
  await ledger.markSent(target.sendKey, activityId, new Date());
  return { sent: true, activityId: activityId ?? null };
}

/** Posts a checkpoint's instructions into the migration's conversation. */
export const sendCheckpointRequest = df.app.activity(activityNames.sendCheckpointRequest, {
  handler: async (raw: unknown, context: InvocationContext): Promise<SendOutcome> => {
    const input = checkpointRequestInput.parse(raw);
    const card = renderCheckpointRequestCard({
      servers: input.servers,
      checkpoint: checkpointById(input.checkpointId),
    });
    return postCard(input, card, context);
  },
});

/** Posts a reminder that a checkpoint still waits for evidence. */
export const sendReminder = df.app.activity(activityNames.sendReminder, {
  handler: async (raw: unknown, context: InvocationContext): Promise<SendOutcome> => {
    const input = reminderInput.parse(raw);
    const card = renderReminderCard({
      migrationId: input.migrationId,
      servers: input.servers,
      checkpointId: input.checkpointId,
      awaiting: 'evidence',
      waitingOn: input.waitingOn,
      waitingSince: input.waitingSince,
      now: input.now,
      timeZone: input.timeZone,
      reminderNumber: input.reminderNumber,
      nextReminderAt: input.nextReminderAt,
    });
    return postCard(input, card, context);
  },
});

/** Frees the tenant's one-migration slot once a migration has finished. */
export const releaseMigrationSlot = df.app.activity(activityNames.releaseMigrationSlot, {
  handler: async (raw: unknown): Promise<void> => {
    const input = releaseInput.parse(raw);
    await appServices().registry.releaseActive(input.tenantId, input.migrationId);
  },
});
