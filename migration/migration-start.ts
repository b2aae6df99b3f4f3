import { z } from 'zod';
import { migrationPlanSchema } from './migration-plan';

/** A Teams user as the migration records them: channel id (29:...), Entra object id and name. */
export const personSchema = z.object({
  id: z.string().min(1),
  aadObjectId: z.string().min(1),
  name: z.string(),
});
export type Person = z.infer<typeof personSchema>;

/** The orchestration's input: everything it needs, fixed when the migration starts. */
export const migrationStartSchema = z.object({
  migrationId: z.string().min(1),
  tenantId: z.string().min(1),
  owner: personSchema,
  plan: migrationPlanSchema,
  /** Key of the stored conversation reference where the migration was started. */
  conversationKey: z.string().min(1),
  /** Hours without evidence before a reminder is sent (48 by default). */
  reminderAfterHours: z.number().positive(),
});
export type MigrationStart = z.infer<typeof migrationStartSchema>;
