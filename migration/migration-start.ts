import { z } from 'zod';
import { migrationPlanSchema } from './migration-plan';

/** A Teams user as the migration records them: channel id (29:...), Entra object id and name. */
export const personSchema = z.object({
  id: z.string().min(1),
  aadObjectId: z.string().min(1),
  name: z.string(),
});
export type Person = z.infer<typeof personSchema>;

/** How long the migration waits before it reminds, escalates or gives up; fixed at start. */
export const migrationTimingSchema = z.object({
  /** Hours without evidence (or decommission confirmations) before a reminder. */
  reminderAfterHours: z.number().positive(),
  /** Hours between reminders to the approvers while the cutover waits. */
  approvalReminderHours: z.number().positive(),
  /** Hours without a decision before the owner (and the escalation channel) are told. */
  escalateAfterHours: z.number().positive(),
  /** Hours after which an approval request expires and must be asked for again. */
  approvalExpiresAfterHours: z.number().positive(),
});
export type MigrationTiming = z.infer<typeof migrationTimingSchema>;

/** The orchestration's input: everything it needs, fixed when the migration starts. */
export const migrationStartSchema = z.object({
  migrationId: z.string().min(1),
  tenantId: z.string().min(1),
  owner: personSchema,
  plan: migrationPlanSchema,
  /** Key of the stored conversation reference where the migration was started. */
  conversationKey: z.string().min(1),
  /** Key of a channel's stored conversation that also gets escalations, when configured. */
  escalationConversationKey: z.string().min(1).nullable(),
  timing: migrationTimingSchema,
});
export type MigrationStart = z.infer<typeof migrationStartSchema>;
